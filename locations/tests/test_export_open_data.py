"""The open-data exports read the hours of each place from the PlaceOpenData table that is
written with the upcoming sessions (on publish, after an import batch, every night): what it
holds is what the schedule engine says, a row that is missing or out of date is computed again,
and every record says what it said when the engine ran for each place on each export."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.page_cache import bump_generation
from locations import schedule
from locations.export import json_chunks, osm_valid_through
from locations.models import LocationIndexPage, LocationPage, PlaceOpenData
from locations.schedule.formats import osm_date
from locations.sessions import refresh_upcoming_sessions
from locations.tests.factories import make_closure, make_place, make_slot, make_territory

pytestmark = pytest.mark.django_db


def json_export(client):
    bump_generation()  # a new generation: built again, not read from the file of the last one
    url = LocationIndexPage.objects.get().url + "export/lieux-mediation-numerique.json"
    response = client.get(url)
    assert response.status_code == 200
    return {record["nom"]: record for record in json.loads(response.getvalue())}


def engine_says(place, today):
    plan = LocationPage.objects.get(pk=place.pk).get_schedule()
    return schedule.to_osm(plan, today), schedule.describe_fr(plan)


def stored(place):
    row = PlaceOpenData.objects.get(place=place)
    return row.horaires, row.presentation_detail


def on_day(monkeypatch, day):
    """The site's date is `day` (for the export and the refresh)."""
    localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, tz=None: day if value is None else localdate(value, tz)
    )


def test_a_published_place_has_the_hours_the_engine_gives(client):
    today = timezone.localdate()
    place = make_place(
        slots=[make_slot(weekday=1), make_slot(weekday=3, start=(14, 0), end=(17, 0), recurrence="first")],
        closures=[make_closure(today + timedelta(days=10), today + timedelta(days=20), "Congés")],
    )
    assert stored(place) == engine_says(place, today)
    record = json_export(client)[place.title]
    assert (record["horaires"], record["presentation_detail"]) == engine_says(place, today)
    assert "Th[1] 14:00-17:00" in record["horaires"]


def test_new_slots_are_in_the_export_once_published(client):
    place = make_place(slots=[make_slot(weekday=1)])
    page = LocationPage.objects.get(pk=place.pk)
    page.slots = [make_slot(weekday=4, start=(13, 30), end=(16, 0))]
    page.save_revision().publish()
    today = timezone.localdate()
    assert stored(place) == engine_says(place, today)
    assert json_export(client)[place.title]["horaires"].startswith("Fr 13:30-16:00")


def test_the_daily_refresh_writes_the_hours_of_the_new_day(client, monkeypatch):
    today = timezone.localdate()
    # A dated slot that has begun: its OSM rule starts "today", so the text changes every day.
    place = make_place(
        slots=[make_slot(valid_from=today - timedelta(days=3), valid_until=today + timedelta(days=30))]
    )
    row = PlaceOpenData.objects.get(place=place)
    assert (row.computed_on, row.valid_through) == (today, today)
    tomorrow = today + timedelta(days=1)
    on_day(monkeypatch, tomorrow)
    refresh_upcoming_sessions(now=timezone.now() + timedelta(days=1))
    assert stored(place) == engine_says(place, tomorrow)
    assert PlaceOpenData.objects.get(place=place).computed_on == tomorrow
    assert json_export(client)[place.title]["horaires"] == engine_says(place, tomorrow)[0]


def test_an_out_of_date_row_is_not_exported(client, monkeypatch):
    """The day after a closure ends, before the nightly refresh: the closure is no longer listed."""
    today = timezone.localdate()
    place = make_place(closures=[make_closure(today, today, "Inventaire")])
    assert osm_date(today) in stored(place)[0]
    on_day(monkeypatch, today + timedelta(days=1))
    record = json_export(client)[place.title]
    assert osm_date(today) not in record["horaires"]
    assert record["horaires"] == engine_says(place, today + timedelta(days=1))[0]


def test_a_place_never_refreshed_is_exported_with_its_hours(client):
    place = make_place(slots=[make_slot(weekday=2, start=(10, 0), end=(11, 30))])
    PlaceOpenData.objects.all().delete()  # a site migrated before its first refresh
    record = json_export(client)[place.title]
    assert (record["horaires"], record["presentation_detail"]) == engine_says(place, timezone.localdate())
    assert record["horaires"].startswith("We 10:00-11:30")


def test_the_web_address_of_each_place_is_its_page(client):
    territory = make_territory(title="Club de la Côte")
    places = [
        make_place(territory, title="Médiathèque"),
        make_place(territory, title="Épicerie sociale", slug="épicerie-sociale"),
        make_place(make_territory(), title="Mairie"),
    ]
    records = json_export(client)
    request = RequestFactory().get("/")
    for place in places:
        assert records[place.title]["site_web"] == place.get_full_url(request)
    assert records["Épicerie sociale"]["site_web"].endswith("/%C3%A9picerie-sociale/")


@pytest.mark.parametrize(
    "slot_dates, closures",
    [
        ((None, None), ()),
        ((-3, 30), ()),  # begun: from today on, a new first day each day
        ((5, 30), ()),  # not begun: the same text until it begins
        ((-30, -1), ()),  # over: left out for good
        ((None, 12), ((2, 4), (20, 20))),
        ((40, None), ((-5, 6),)),
    ],
)
def test_the_stored_text_holds_until_its_last_day(slot_dates, closures):
    today = date(2026, 11, 30)

    def day(offset):
        return None if offset is None else today + timedelta(days=offset)

    plan = schedule.Schedule(
        slots=[
            schedule.Slot(
                weekday=1,
                start=make_slot().start,
                end=make_slot().end,
                valid_from=day(slot_dates[0]),
                valid_until=day(slot_dates[1]),
            )
        ],
        closures=[schedule.Closure(start=day(a), end=day(b)) for a, b in closures],
    )
    text, last = schedule.to_osm(plan, today), osm_valid_through(plan, today)
    for offset in range(60):
        later = today + timedelta(days=offset)
        if last is None or later <= last:
            assert schedule.to_osm(plan, later) == text, later
    if last is not None:
        assert schedule.to_osm(plan, last + timedelta(days=1)) != text


def export_queries(client):
    bump_generation()
    url = LocationIndexPage.objects.get().url + "export/lieux-mediation-numerique.csv"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).getvalue()
    return len(queries.captured_queries)


def test_export_queries_do_not_grow_with_places_never_refreshed(client):
    territory = make_territory()
    for _ in range(3):
        make_place(territory)
    PlaceOpenData.objects.all().delete()
    few = export_queries(client)
    for _ in range(30):
        make_place(
            territory, slots=[make_slot(), make_slot(weekday=4)], closures=[make_closure(date(2027, 1, 1))]
        )
    PlaceOpenData.objects.all().delete()
    assert export_queries(client) <= few


def test_the_json_file_is_what_json_dumps_gives():
    records = [
        {
            "id": "a",
            "nom": 'Salle "Jean Moulin"\\ n°2',
            "latitude": 49.146574,
            "longitude": -0.5,
            "horaires": "Tu\n",
        },
        {"id": "b", "nom": "Café\tdu coin ✓", "adresse": "\u2028\x01", "services": None, "courriels": ""},
    ]
    expected = json.dumps(
        [{k: v for k, v in r.items() if v not in (None, "")} for r in records], ensure_ascii=False, indent=1
    )
    assert b"".join(json_chunks(iter(records))).decode() == expected
    assert b"".join(json_chunks(iter([]))).decode() == json.dumps([], indent=1)
