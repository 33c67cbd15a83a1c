"""Every public answer says how browsers and proxies may keep it."""

import pytest

from home.testing import sitemap_paths
from locations.models import LocationIndexPage, LocationPage
from partners.models import OrientationPage

pytestmark = pytest.mark.django_db


def test_every_page_of_the_sitemap_has_an_explicit_cache_control(client, demo_site):
    paths = sitemap_paths(client.get("/sitemap.xml").content)
    assert len(paths) > 20
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.has_header("Cache-Control"), path


@pytest.mark.parametrize(
    "url",
    [
        lambda: OrientationPage.objects.get().url + "?besoin=demarche&ou=Lisieux",
        lambda: OrientationPage.objects.get().url,
        lambda: LocationIndexPage.objects.get().url + "?ou=14100",
        lambda: LocationPage.objects.live().first().url,
        lambda: "/recherche/?q=virement",
        lambda: "/recherche/?q=" + "x" * 5000,
    ],
)
def test_answers_that_show_today_or_a_query_are_not_kept(client, demo_site, url):
    response = client.get(url())
    control = response["Cache-Control"]
    assert "no-cache" in control and "public" not in control


def test_a_guide_may_be_kept_a_minute_even_with_a_query_string(client, demo_site):
    from guides.models import GuidePage

    guide = GuidePage.objects.live().first()
    for url in (guide.url, guide.url + "?parcours=inconnu"):
        assert client.get(url)["Cache-Control"] == "public, max-age=60"


def test_the_404_page_says_it_too(client, demo_site):
    response = client.get("/page-introuvable/")
    assert response.status_code == 404 and response.has_header("Cache-Control")
