"""Routes of pages (a guide's fiche.pdf, a place's agenda.ics and affiche/, the directory's
exports): the page itself is still cached as before, its routes never are, and an unpublished
or private page keeps its routes to itself."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from guides.models import GuidePage
from locations.models import LocationIndexPage, LocationPage

pytestmark = pytest.mark.django_db

EXPORTS = ("export/lieux-mediation-numerique.csv", "export/lieux-mediation-numerique.json")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def guide(demo_site):
    return GuidePage.objects.live().get(slug="ajouter-un-beneficiaire")


@pytest.fixture
def place(demo_site):
    return LocationPage.objects.live().get(slug="creully")


def test_routable_pages_are_still_served_from_the_page_cache(client, guide, place):
    directory = LocationIndexPage.objects.get()
    for page, cache_control in ((guide, "public, max-age=60"), (place, "no-cache"), (directory, "no-cache")):
        first, first_queries = queries_for(client, page.url)
        again, again_queries = queries_for(client, page.url)
        assert first.status_code == again.status_code == 200
        assert first_queries > 0 and again_queries == 0, page.url
        assert cache_control in first["Cache-Control"] and cache_control in again["Cache-Control"]
        assert first.content == again.content


def test_routes_answer_for_themselves_and_never_from_the_page_cache(client, guide, place):
    directory = LocationIndexPage.objects.get()
    never_cached = [place.url + "agenda.ics", place.url + "affiche/"]
    never_cached += [directory.url + export for export in EXPORTS]
    for url in never_cached:
        first, first_queries = queries_for(client, url)
        again, again_queries = queries_for(client, url)
        assert first.status_code == again.status_code == 200, url
        assert again_queries > 0, url
        assert "no-cache" in again["Cache-Control"] and "public" not in again["Cache-Control"], url
    handout, _queries = queries_for(client, guide.url + "fiche.pdf")
    again, again_queries = queries_for(client, guide.url + "fiche.pdf")
    assert handout["X-Robots-Tag"] == again["X-Robots-Tag"] == "noindex"
    assert again_queries > 0 and "public" not in again.get("Cache-Control", "")


def test_route_urls_come_from_the_page(guide, place):
    directory = LocationIndexPage.objects.get()
    assert guide.subpage_url("handout") == guide.url + "fiche.pdf"
    assert place.subpage_url("agenda") == place.url + "agenda.ics"
    assert place.subpage_url("poster") == place.url + "affiche/"
    assert directory.subpage_url("export_csv") == "/lieux/export/lieux-mediation-numerique.csv"
    assert directory.subpage_url("export_json") == "/lieux/export/lieux-mediation-numerique.json"


def test_an_unpublished_page_keeps_its_routes_to_itself(client, guide, place):
    urls = [guide.url + "fiche.pdf", place.url + "agenda.ics", place.url + "affiche/"]
    guide.unpublish()
    place.unpublish()
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_a_private_page_keeps_its_routes_to_itself(client, guide, place):
    directory = LocationIndexPage.objects.get()
    urls = [guide.url + "fiche.pdf", place.url + "agenda.ics", place.url + "affiche/"]
    urls += [directory.url + export for export in EXPORTS]
    for page in (guide, directory):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_a_password_protected_place_asks_for_the_password_before_its_agenda(client, place):
    PageViewRestriction.objects.create(
        page=place, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(place.url + "agenda.ics")
    assert not response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" not in response.content


def test_a_file_name_that_is_no_route_is_not_found(client, guide, place):
    for url in (
        guide.url + "fiche.doc",
        place.url + "agenda.pdf",
        "/lieux/export/autre.csv",
        "/fiche.pdf",
        "/guides/fiche.pdf",
        guide.url + "fiche.pdf/x.pdf",
    ):
        assert client.get(url).status_code == 404, url
