"""Rendered pages come from the shared cache, and a publish is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GlossaryTerm, GuidePage

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_visit_is_served_from_cache_without_any_query(client, demo_site):
    guide = GuidePage.objects.live().first()
    first, first_queries = queries_for(client, guide.url)
    second, second_queries = queries_for(client, guide.url)
    assert first.content == second.content
    assert first_queries > 0 and second_queries == 0
    assert second["Cache-Control"] == "public, max-age=60"
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_publishing_a_guide_changes_the_page_at_once(client, demo_site):
    guide = GuidePage.objects.live().first()
    client.get(guide.url)
    guide.title = "Titre tout neuf"
    guide.save_revision().publish()
    assert "Titre tout neuf" in client.get(guide.url).content.decode()


def test_publishing_one_page_refreshes_the_listings_that_show_it(client, demo_site):
    guide = GuidePage.objects.live().first()
    index_url = guide.get_parent().url
    client.get(index_url)
    guide.title = "Guide renommé"
    guide.save_revision().publish()
    assert "Guide renommé" in client.get(index_url).content.decode()


def test_editing_a_snippet_refreshes_pages(client, demo_site):
    client.get("/glossaire/")
    term = GlossaryTerm.objects.first()
    term.definition = "Une définition toute neuve."
    term.save()
    assert "Une définition toute neuve." in client.get("/glossaire/").content.decode()


def test_pages_with_hours_and_query_strings_are_never_cached(client, demo_site):
    from locations.models import LocationPage

    place = LocationPage.objects.live().first()
    assert "no-cache" in client.get(place.url)["Cache-Control"]
    assert "no-cache" in client.get("/lieux/")["Cache-Control"]
    guide = GuidePage.objects.live().first()
    client.get(guide.url + "?parcours=x")
    _response, repeat_queries = queries_for(client, guide.url + "?parcours=x")
    assert repeat_queries > 0


def test_logged_in_editors_never_get_the_anonymous_cached_page(client, demo_site, django_user_model):
    guide = GuidePage.objects.live().first()
    client.get(guide.url)
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(editor)
    response = client.get(guide.url)
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
