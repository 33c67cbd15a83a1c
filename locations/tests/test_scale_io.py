"""Import and exports at national scale: one revision per imported place, search indexing done
once per batch (and really done), exports streamed, cached per site generation, and read with
a number of queries that does not grow with the number of places."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.http import FileResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from wagtail.models import Page, PageLogEntry, Revision

from home.page_cache import bump_generation
from locations import importer
from locations.importer import import_records
from locations.models import LocationIndexPage, LocationPage, UpcomingSession
from locations.tests.factories import make_place, make_territory
from locations.tests.test_import_faults import example_record
from locations.tests.test_staff import place_form_data
from search.models import Word

pytestmark = pytest.mark.django_db


def record(n, **changes):
    """A valid record of Calvados (no warning), with an id and a name of its own."""
    return example_record(
        **{
            "id": f"echelle-{n}",
            "nom": f"Espace Quartzite {n}",
            "commune": "Lisieux",
            "code_postal": "14100",
            "code_insee": "14366",
            **changes,
        }
    )


@pytest.fixture
def territory():
    return make_territory(departments="14")


def search(text):
    return list(LocationPage.objects.live().search(text))


# --- import -----------------------------------------------------------------------------------


def test_each_imported_place_is_published_with_one_revision(territory):
    report = import_records([record(n) for n in range(1, 4)], territory)
    assert len(report.created) == 3
    for place in LocationPage.objects.child_of(territory):
        revisions = Revision.objects.filter(object_id=str(place.pk))
        assert revisions.count() == 1
        assert place.latest_revision_id == place.live_revision_id == revisions.get().pk
        assert place.live and not place.has_unpublished_changes and place.first_published_at
        # The revision holds the place as published, hours included: what the admin shows.
        assert revisions.get().as_object().slots.count() == place.slots.count() == 11
        actions = set(PageLogEntry.objects.filter(page=place).values_list("action", flat=True))
        assert actions == {"wagtail.create", "wagtail.publish"}
    territory.refresh_from_db()
    assert territory.numchild == 3 and territory.get_children().count() == 3


def test_places_inserted_in_bulk_are_pages_like_the_admin_makes(territory, monkeypatch, client):
    """New places skip page.save() (their rows are inserted per batch), yet the tree, their
    URLs, revisions, area codes, services and sessions are those of a page made in the admin."""
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    staff_place = make_place(territory, title="Maison Jade")
    import_records([record(n) for n in range(1, 6)], territory)
    assert Page.find_problems() == ([], [], [], [], [])  # paths, depths, numchild
    territory.refresh_from_db()
    assert territory.numchild == 6
    places = LocationPage.objects.child_of(territory).exclude(pk=staff_place.pk).order_by("path")
    assert [place.title for place in places] == [f"Espace Quartzite {n}" for n in range(1, 6)]
    for place in places:
        assert place.url_path == f"{territory.url_path}{place.slug}/"
        assert client.get(place.url).status_code == 200
        assert (place.department_code, place.commune_code, place.holiday_zone) == (
            staff_place.department_code,
            staff_place.commune_code,
            staff_place.holiday_zone,
        )
        assert place.sort_title == place.title.lower()
        assert place.services and sorted(place.service_links.values_list("service", flat=True)) == sorted(
            place.services
        )
        assert UpcomingSession.objects.filter(place=place).exists()
        draft = place.get_latest_revision_as_object()
        assert (draft.pk, draft.title, draft.slots.count()) == (place.pk, place.title, 11)


def test_an_imported_place_is_edited_and_published_in_the_admin(territory, admin_client):
    import_records([record(1)], territory)
    place = LocationPage.objects.get(source_id="echelle-1")
    data = place_form_data(place, title="Espace Basalte")
    data["action-publish"] = "publish"
    response = admin_client.post(f"/admin/pages/{place.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    place.refresh_from_db()
    assert place.title == "Espace Basalte" and place.live and not place.has_unpublished_changes
    assert place.slots.count() == 11
    assert Revision.objects.filter(object_id=str(place.pk)).count() == 2
    assert [p.pk for p in search("Basalte")] == [place.pk]


def test_search_finds_an_imported_place_once_the_import_is_done(territory):
    assert search("Quartzite") == []
    import_records([record(1)], territory)
    assert [place.title for place in search("Quartzite")] == ["Espace Quartzite 1"]


def test_the_search_suggests_an_imported_places_name(territory, client):
    def suggestion(typed):
        html = BeautifulSoup(client.get("/recherche/", {"q": typed}).content, "html.parser")
        found = html.select_one(".search-correction a")
        return found.get_text(strip=True) if found else None

    import_records([record(1)], territory, dry_run=True)
    assert suggestion("quartzyte") is None  # a dry run teaches the vocabulary nothing
    import_records([record(n) for n in range(1, 4)], territory)
    assert suggestion("quartzyte") == "quartzite"
    assert Word.objects.get(word="quartzite").count == 3


def test_indexing_on_save_comes_back_after_the_import(territory):
    import_records([record(1)], territory)
    place = LocationPage.objects.get(source_id="echelle-1")
    place.title = "Maison Obsidienne"
    place.save_revision().publish()
    assert [p.pk for p in search("Obsidienne")] == [place.pk]


def test_a_reimport_updates_the_place_its_revisions_and_the_index(territory):
    import_records([record(1)], territory)
    first = LocationPage.objects.get(source_id="echelle-1")
    report = import_records([record(1, nom="Espace Basalte", horaires="Tu 10:00-12:00")], territory)
    assert report.updated == ["Espace Basalte"] and not report.created
    place = LocationPage.objects.get(source_id="echelle-1")
    assert place.pk == first.pk and place.title == "Espace Basalte"
    assert [(s.weekday, s.start.hour) for s in place.slots.all()] == [(1, 10)]
    assert Revision.objects.filter(object_id=str(place.pk)).count() == 2
    assert place.live_revision_id == place.latest_revision_id != first.latest_revision_id
    assert [p.pk for p in search("Basalte")] == [place.pk]
    assert search("Quartzite") == []
    territory.refresh_from_db()
    assert territory.numchild == 1


def test_a_dry_run_leaves_no_search_entry(territory):
    import_records([record(1)], territory, dry_run=True)
    assert search("Quartzite") == []


def test_a_new_batch_continues_the_tree_after_the_last_place(territory, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    import_records([record(n) for n in range(1, 4)], territory)
    import_records([record(n) for n in range(4, 6)], territory)
    paths = list(LocationPage.objects.child_of(territory).order_by("path").values_list("path", flat=True))
    assert len(paths) == len(set(paths)) == 5
    assert all(path.startswith(territory.path) and len(path) == len(territory.path) + 4 for path in paths)
    assert [p.title for p in LocationPage.objects.child_of(territory).order_by("path")] == [
        f"Espace Quartzite {n}" for n in range(1, 6)
    ]


# --- exports ----------------------------------------------------------------------------------


def export_url(fmt):
    return LocationIndexPage.objects.get().url + f"export/lieux-mediation-numerique.{fmt}"


def cold_export_queries(client, fmt):
    bump_generation()  # a new generation: the export is built again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(export_url(fmt))
        body = response.getvalue()
    assert response.status_code == 200 and body
    return len(queries.captured_queries)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_queries_do_not_grow_with_the_number_of_places(client, territory, fmt):
    import_records([record(n) for n in range(1, 31)], territory)
    thirty = cold_export_queries(client, fmt)
    import_records([record(n) for n in range(31, 301)], territory)
    assert cold_export_queries(client, fmt) <= thirty


def test_export_is_streamed_then_served_from_its_file_until_a_publication(client, territory):
    import_records([record(1)], territory)
    url = export_url("csv")
    first = client.get(url)
    assert isinstance(first, StreamingHttpResponse) and not isinstance(first, FileResponse)
    body = first.getvalue()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
        assert isinstance(again, FileResponse)
        assert again.getvalue() == body
    assert not [q for q in queries.captured_queries if "locations_slot" in q["sql"]]  # nothing rebuilt
    assert again["Content-Disposition"] == 'inline; filename="lieux-mediation-numerique.csv"'
    assert again["Access-Control-Allow-Origin"] == "*" and "no-cache" in again["Cache-Control"]

    place = LocationPage.objects.get(source_id="echelle-1")
    place.title = "Espace Granit"
    place.save_revision().publish()  # bumps the site generation
    rows = list(csv.DictReader(io.StringIO(client.get(url).getvalue().decode())))
    assert "Espace Granit" in {row["nom"] for row in rows}
    assert "Espace Quartzite 1" not in {row["nom"] for row in rows}


def test_an_interrupted_export_leaves_no_file_to_serve(client, territory):
    import_records([record(1)], territory)
    url = export_url("json")
    # Served as a WSGI server would (the test client wraps streamed bodies in its own closing).
    match = resolve(url)
    first = match.func(RequestFactory().get(url), *match.args, **match.kwargs)
    next(iter(first.streaming_content))  # the visitor leaves after the first bytes
    # The server closes the response; keep the test's database connection open meanwhile
    # (request_finished would close it, as it does after every real request).
    request_finished.disconnect(close_old_connections)
    try:
        first.close()
    finally:
        request_finished.connect(close_old_connections)
    second = client.get(url)
    assert isinstance(second, StreamingHttpResponse) and not isinstance(second, FileResponse)
    assert b"Espace Quartzite 1" in second.getvalue()
