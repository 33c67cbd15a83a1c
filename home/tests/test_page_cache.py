"""Rendered pages come from the shared cache, and a publish is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GlossaryTerm, GuidePage
from home import page_cache

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


def test_pages_with_hours_are_recomputed_every_minute_and_never_kept_by_browsers(
    client, demo_site, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from locations.models import LocationPage

    clock = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: clock[0])
    place = LocationPage.objects.live().first()
    for url in (place.url, "/lieux/"):
        first, first_queries = queries_for(client, url)
        again, again_queries = queries_for(client, url)
        assert "no-cache" in first["Cache-Control"] and "no-cache" in again["Cache-Control"]
        assert first_queries > 0 and again_queries == 0  # same minute: shared cache
    clock[0] += timedelta(minutes=1)
    _response, next_minute_queries = queries_for(client, place.url)
    assert next_minute_queries > 0  # a new minute: "open now" is worked out again


def test_new_hours_are_shown_at_once_after_publishing(client, demo_site):
    from locations.models import LocationPage

    place = LocationPage.objects.live().first()
    client.get(place.url)
    slot = place.slots.first()
    slot.note = "Apportez votre carte Vitale"
    slot.save()
    place.save_revision().publish()
    assert "Apportez votre carte Vitale" in client.get(place.url).content.decode()


def test_query_strings_are_never_cached(client, demo_site):
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


def test_the_host_port_and_case_do_not_split_the_cache(client, demo_site, settings):
    """`Host: 127.0.0.1:<any port>` must not render and store the page again for each port."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    guide = GuidePage.objects.live().first()
    client.get(guide.url, HTTP_HOST="127.0.0.1:8001")
    for host in ("127.0.0.1:8002", "127.0.0.1:65000", "127.0.0.1"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(guide.url, HTTP_HOST=host).status_code == 200
        assert len(queries) == 0, host


def test_an_unknown_host_is_refused_before_any_rendering(client, demo_site, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400 and len(queries) == 0


def test_a_hostile_path_gets_a_short_printable_cache_key(rf):
    """Control characters or thousands of segments in a path never reach the cache backend as
    they are (memcached refuses them; Redis would store megabytes of keys)."""
    for path in ("/lieux/\x00/affiche/", "/lieux/" + "x/" * 2000):
        key = page_cache.cache_key(rf.get(path))
        assert len(key) < 250 and key.isprintable() and "\x00" not in key
    assert page_cache.cache_key(rf.get("/lieux/creully/")).endswith("/lieux/creully/")  # readable otherwise


def test_a_repeat_visit_costs_one_read_of_the_shared_cache(client, demo_site, monkeypatch):
    """The site generation and the page are read together: one round trip to Redis per cached
    page, what lets a cached page be served at the rate of a static file."""
    from django.core.cache import cache as shared

    client.get("/lieux/")  # hours on it: the per-minute policy
    reads, inside = [], []

    def counted(name, method):
        def read(*args, **kwargs):
            if not inside:  # the local-memory backend's get_many calls its own get
                reads.append(name)
            inside.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                inside.pop()

        return read

    for name in ("get", "get_many", "has_key"):
        monkeypatch.setattr(shared, name, counted(name, getattr(shared, name)))
    response, queries = queries_for(client, "/lieux/")
    assert response.status_code == 200 and queries == 0
    assert reads == ["get_many"]
