"""The README's production steps are deploy/install.sh; this runs it as a deployer would, on a
fresh copy of the code (no compiled catalogue, no media, production settings, no S3), then
serves the site with gunicorn and reads it as a visitor.

Checked: the English and Arabic pages speak their language (the .mo catalogues were built by
the script), and every guide illustration answers from the local disk with its own type."""

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import polib
import pytest
from bs4 import BeautifulSoup

from .servers import PUBLIC_HOST, ROOT, get, servers

DEMO_IMAGES = sorted(path.stem for path in (ROOT / "guides/demo/images").glob("*.svg"))


def fresh_copy(target):
    """The project's files as a clone would have them: no .mo, no media, no database."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not list(target.glob("locale/*/LC_MESSAGES/*.mo"))


@pytest.fixture(scope="module")
def installed_site(tmp_path_factory):
    if not shutil.which("msgfmt"):
        pytest.skip("gettext (msgfmt) absent: apt-get install gettext")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        # The script installs on its own SQLite file whatever the suite's database: once is enough.
        pytest.skip("runs in the SQLite pass only (its own database, the same steps in both passes)")
    app = tmp_path_factory.mktemp("srv") / "pasapas"
    fresh_copy(app)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "AWS_"))}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        PYTHON=sys.executable,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="install-script-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS=PUBLIC_HOST,
        WAGTAILADMIN_BASE_URL=f"https://{PUBLIC_HOST}",
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
        FOLLOWUP_KEYS="aW5zdGFsbC1zY3JpcHQtdGVzdC1mb2xsb3d1cC1rZXk=",
        DATABASE_URL=f"sqlite:///{app / 'db.sqlite3'}",
        DJANGO_STATIC_COMPRESS="0",  # quicker; the compressed copies are WhiteNoise's business
    )
    result = subprocess.run(["sh", "deploy/install.sh"], cwd=app, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=app, env=env, check=True, capture_output=True
    )
    with servers(env, 1, cwd=app, host=PUBLIC_HOST) as (port,):
        yield app, port


def page(port, path):
    status, headers, body = get(port, path, host=PUBLIC_HOST)
    assert status == 200, (path, status)
    return BeautifulSoup(body.decode(), "html.parser")


def french_chrome_strings():
    """The interface's own French words that have a different English or Arabic translation."""
    strings = set()
    for language in ("en", "ar"):
        for entry in polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")):
            for text in re.split(r"%\(\w+\)\w", entry.msgid):
                text = text.strip(" :")
                if len(text) >= 8 and entry.msgstr.strip() and text not in entry.msgstr:
                    strings.add(text)
    return strings


def interface_text(soup):
    """A page's words in its own language: passages marked lang="fr" (links to the sections that
    stay in French) are left out."""
    for element in soup.select('[lang="fr"]'):
        element.decompose()
    return soup.get_text(" ")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_translated_pages_carry_no_french_interface_words(installed_site, language):
    _app, port = installed_site
    home = page(port, f"/{language}/")
    guides = page(port, f"/{language}/guides/")
    guide_links = {
        a["href"] for a in guides.select(f'a[href^="/{language}/guides/"]') if a["href"].count("/") == 4
    }
    assert guide_links, "the translated guide index lists its guides"
    soups = [home, guides, *(page(port, href) for href in sorted(guide_links)[:3])]
    french = french_chrome_strings()
    for soup in soups:
        assert soup.html["lang"] == language
        text = interface_text(soup)
        assert not [words for words in french if words in text]
    expected = (
        "Before you start"
        if language == "en"
        else polib.pofile(str(ROOT / "locale/ar/LC_MESSAGES/django.po")).find("Avant de commencer").msgstr
    )
    assert any(expected in soup.get_text() for soup in soups[2:])


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def test_every_guide_illustration_is_served_from_the_local_disk(installed_site):
    _app, port = installed_site
    index = page(port, "/guides/")
    guide_paths = {a["href"] for a in index.select('a[href^="/guides/"]') if a["href"].count("/") == 3}
    sources = set()
    for path in sorted(guide_paths):
        parser = Images()
        parser.feed(get(port, path, host=PUBLIC_HOST)[2].decode())
        sources.update(src for src in parser.sources if "/static/" not in src)
    assert {name for name in DEMO_IMAGES if any(name in src for src in sources)} == set(DEMO_IMAGES)
    for src in sorted(sources):
        status, headers, body = get(port, src, host=PUBLIC_HOST)
        assert status == 200, src
        assert headers["Content-Type"] == "image/svg+xml", src
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in headers["Content-Security-Policy"]  # an SVG opened on its own runs no script
        assert b"<svg" in body


def test_local_media_show_nothing_else(installed_site):
    app, port = installed_site
    (app / "media/documents").mkdir(parents=True, exist_ok=True)
    (app / "media/documents/note.txt").write_text("privé")
    for path in (
        "/media/",
        "/media/original_images/",  # no listing
        "/media/documents/note.txt",  # documents go through Wagtail's view (privacy)
        "/media/original_images/..%2F..%2Fdb.sqlite3",
        "/media/original_images/%2E%2E/%2E%2E/portal/settings/production.py",
        "/media/images/../../manage.py",
    ):
        assert get(port, path, host=PUBLIC_HOST)[0] == 404, path


def test_the_readme_quotes_the_install_script():
    """The README shows the script's commands, in its order: a change to one shows in the other."""
    commands = [
        line.split("  #")[0].rstrip()
        for line in (ROOT / "deploy/install.sh").read_text().splitlines()
        if line.startswith('"$PYTHON"')
    ]
    readme = (ROOT / "README.md").read_text()
    block = readme[readme.index("`deploy/install.sh` (lancé avec") :]
    quoted = [line.split("  #")[0].rstrip() for line in block.splitlines() if line.startswith('"$PYTHON"')]
    assert quoted[: len(commands)] == commands
    assert len(commands) >= 6
