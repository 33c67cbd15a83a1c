"""A production install (`migrate`, no demo) writes its public address everywhere: the sitemap,
the open-data exports and the JSON-LD say https://<WAGTAILADMIN_BASE_URL>/, never the request's
Host or a loopback address; a new address is taken at the next `migrate`."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in `manage.py shell` on the freshly migrated production database.
PROBE = r"""
import json, re
from django.test import Client
from guides.models import GuideIndexPage, GuidePage
from locations.models import LocationIndexPage, LocationPage, Slot, TerritoryPage
import datetime

directory = LocationIndexPage.objects.get()
if not TerritoryPage.objects.exists():
    club = TerritoryPage(title="Club du Calvados", slug="club", departments="14")
    directory.add_child(instance=club)
    club.save_revision().publish()
    place = LocationPage(title="Mairie de Lisieux", slug="mairie", address="2 rue de la Mairie",
                         postcode="14100", insee="14366", commune="Lisieux")
    place.slots = [Slot(weekday=1, start=datetime.time(9), end=datetime.time(12))]
    club.add_child(instance=place)
    place.save_revision().publish()
    guides = GuideIndexPage.objects.get(locale__language_code="fr")
    guide = GuidePage(title="Faire un virement", slug="virement", summary="Savoir le faire.",
                      audience="Tous", help_need="budget-banque",
                      steps=[{"type": "step", "value": {"title": "Ouvrez l'application", "text": ""}}])
    guides.add_child(instance=guide)
    guide.save_revision().publish()

client = Client(HTTP_HOST="%(host)s:8443", HTTP_X_FORWARDED_PROTO="https")
place, guide = LocationPage.objects.get(), GuidePage.objects.get()
index = client.get("/sitemap.xml").content.decode()
sections = [re.sub(r"^https?://[^/]+", "", url).replace("&amp;", "&")
            for url in re.findall(r"<loc>(.*?)</loc>", index)]
bodies = {
    # The index and every sitemap it lists.
    "sitemap": index + "".join(client.get(path).content.decode() for path in sections),
    "csv": client.get(directory.url + "export/lieux-mediation-numerique.csv").getvalue().decode(),
    "json": client.get(directory.url + "export/lieux-mediation-numerique.json").getvalue().decode(),
    "place": client.get(place.url).content.decode(),
    "guide": client.get(guide.url).content.decode(),
    "robots": client.get("/robots.txt").content.decode(),
}
urls = {name: sorted(set(re.findall(r"https?://[^\s\"'<>\\]+", body))) for name, body in bodies.items()}
ld = {name: re.findall(r'<script type="application/ld\+json">(.*?)</script>', bodies[name], re.S)
      for name in ("place", "guide")}
print("PROBE" + json.dumps({"urls": urls, "ld": ld}))
"""


def production_site(tmp_path, address, migrations_only=False):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="public-address-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="pasapas.example.org,nouvelle.example.org",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_STATIC_COMPRESS="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        WAGTAILADMIN_BASE_URL=address,
    )

    def manage(*args):
        result = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        return result.stdout

    manage("migrate", "--noinput", "-v0")
    if not (tmp_path / "static").exists():
        manage("collectstatic", "--noinput", "-v0")
    host = address.split("//")[1]
    output = manage("shell", "-c", PROBE % {"host": host})
    return json.loads(output.split("PROBE", 1)[1])


def test_every_absolute_url_is_the_public_https_address(tmp_path):
    probe = production_site(tmp_path, "https://pasapas.example.org")
    for name, urls in probe["urls"].items():
        ours = [url for url in urls if "pasapas" in url or "127.0.0.1" in url or "localhost" in url]
        assert ours, name
        assert all(url.startswith("https://pasapas.example.org/") for url in ours), (name, ours)
        assert not [url for url in urls if ":8443" in url or "127.0.0.1" in url], name
    place_ld = json.loads(probe["ld"]["place"][0])
    assert place_ld["url"].startswith("https://pasapas.example.org/")
    guide_ld = json.loads(probe["ld"]["guide"][0])
    assert all(step["url"].startswith("https://pasapas.example.org/") for step in guide_ld["step"])
    csv_sites = re.findall(r"https://[^,\s]+", "\n".join(probe["urls"]["csv"]))
    assert csv_sites and all(url.startswith("https://pasapas.example.org/lieux/") for url in csv_sites)


def test_a_new_address_is_taken_at_the_next_migrate(tmp_path):
    production_site(tmp_path, "https://pasapas.example.org")
    probe = production_site(tmp_path, "https://nouvelle.example.org")
    assert probe["urls"]["sitemap"]
    assert all(
        url.startswith("https://nouvelle.example.org/")
        for url in probe["urls"]["sitemap"]
        if "example" in url
    )
