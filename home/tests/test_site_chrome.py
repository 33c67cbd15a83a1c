"""The site chrome a visitor meets on every page: language, landmarks, privacy, errors."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from home.testing import sitemap_paths

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def language_of(path):
    """The language a path is in: its /en/ or /ar/ prefix, else French."""
    prefix = path.split("/")[1]
    return prefix if prefix in ("en", "ar") else "fr"


def test_every_sitemap_page_answers_in_its_language_with_landmarks(client, demo_site):
    paths = sitemap_paths(client.get("/sitemap.xml").content)
    assert "/" in paths and "/accessibilite/" in paths and "/plan-du-site/" in paths
    assert "/en/" in paths and "/ar/" in paths
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = soup(response)
        assert html.html["lang"] == language_of(path), path
        assert html.find("header") and html.find("main", id="contenu") and html.find("footer"), path
        assert html.find("nav", id="menu"), path
        assert len(html.find_all("h1")) == 1, path


def test_skip_link_is_the_first_focusable_element(client, demo_site):
    html = soup(client.get("/"))
    first = html.body.find(["a", "button", "input", "select", "textarea"])
    assert first.name == "a" and first["href"] == "#contenu"
    assert "contenu" in first.get_text().lower()


def test_breadcrumb_shows_the_way_back_home(client, demo_site):
    html = soup(client.get("/accessibilite/"))
    crumbs = html.find("nav", attrs={"aria-label": "Fil d'Ariane"})
    items = [li.get_text(strip=True) for li in crumbs.find_all("li")]
    assert items == ["Accueil", "Accessibilité"]
    assert crumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == "Accessibilité"


def test_anonymous_visitor_gets_no_cookie_and_strict_headers(client, demo_site):
    for path in ["/", "/accessibilite/", "/recherche/?q=banque", "/page-qui-n-existe-pas/"]:
        response = client.get(path)
        assert not response.cookies, f"{path} sets {list(response.cookies)}"
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_pages_make_no_third_party_request(client, demo_site):
    paths = sitemap_paths(client.get("/sitemap.xml").content)
    for path in paths:
        html = client.get(path).content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        loaded = [url for url in external if not url.startswith("http://testserver")]
        # Links out are allowed in content; resources (src, stylesheet) are not.
        assert not re.findall(r'src="https?://', html), path
        resources = [tag for tag in re.findall(r"<link[^>]+>", html) if 'rel="alternate"' not in tag]
        assert not [tag for tag in resources if re.search(r'href="https?://', tag)], (path, loaded)
        # hreflang alternates load nothing; they name our own public address.
        alternates = re.findall(r'<link rel="alternate" hreflang="[\w-]+" href="([^"]+)"', html)
        assert all(url.startswith(settings.WAGTAILADMIN_BASE_URL + "/") for url in alternates), path


def test_friendly_french_404(client, demo_site):
    response = client.get("/ceci-n-existe-pas/")
    assert response.status_code == 404
    html = soup(response)
    assert html.h1.get_text() == "Cette page n'existe pas"
    assert html.find("a", href="/")


def test_friendly_500_page_renders_without_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'lang="fr"' in html and "Le site a un problème" in html


def test_robots_txt_points_to_sitemap_and_hides_admin(client, demo_site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert f"Sitemap: {settings.WAGTAILADMIN_BASE_URL}/sitemap.xml" in body


def test_site_plan_lists_every_page_of_the_sitemap(client, demo_site):
    html = soup(client.get("/plan-du-site/"))
    plan_links = {a["href"] for a in html.find("ul", class_="site-plan").find_all("a")}
    # The (French) plan lists the French pages; their translations are reached by the switcher.
    sitemap = {
        path for path in sitemap_paths(client.get("/sitemap.xml").content) if language_of(path) == "fr"
    }
    assert sitemap <= plan_links


def test_unpublished_pages_stay_out_of_sitemap_and_plan(client, demo_site):
    from wagtail.models import Page

    page = Page.objects.get(slug="confidentialite")
    page.unpublish()
    assert "/confidentialite/" not in sitemap_paths(client.get("/sitemap.xml").content)
    assert 'href="/confidentialite/"' not in client.get("/plan-du-site/").content.decode()


def test_text_size_control_is_a_labelled_native_checkbox(client, demo_site):
    html = soup(client.get("/"))
    box = html.find("input", id="texte-grand")
    assert box["type"] == "checkbox"
    assert html.find("label", attrs={"for": "texte-grand"}).get_text(strip=True) == "Agrandir le texte"


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200 and response.content == b"ok"


@pytest.mark.parametrize(
    "url",
    [
        "/guides/%00/",
        "/%00/",
        "/lieux/face-normandie/%00x/",
        "/lieux/%00/affiche/",
        "/lieux/%00/agenda.ics",
        "/guides/%00/fiche.pdf",
        "/guides/<script>/",
    ],
)
def test_hostile_paths_are_not_found_never_an_error(client, demo_site, url):
    # PostgreSQL refuses NUL bytes in queries: every route must answer before asking it.
    assert client.get(url).status_code == 404
