"""LocationPage: admin validation, place page, directory, exports, query budget."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.page_cache import bump_generation
from locations import geo, schedule
from locations.importer import SCHEMA_FILE as SCHEMA
from locations.models import LocationPage, TerritoryPage

from . import osm_eval
from .factories import make_place

CSV_URL = "/lieux/export/lieux-mediation-numerique.csv"
JSON_URL = "/lieux/export/lieux-mediation-numerique.json"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- admin form ---------------------------------------------------------------------------


def slot_data(weekday="1", start="09:00", end="12:00", recurrence="weekly", **extra):
    return {"weekday": weekday, "start": start, "end": end, "recurrence": recurrence, "note": "", **extra}


def page_form(territory, slots=(), closures=(), title="Mairie de Bayeux"):
    form_class = LocationPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": title,
            "slug": "mairie-bayeux",
            "intro": "",
            "kind": "mairie",
            "address": "19 rue Larcher",
            "address_complement": "",
            "postcode": "14400",
            "insee": "14047",
            "commune": "Bayeux",
            "reception": "both",
            "holiday_zone": "",
            "slots": inline_formset(list(slots)),
            "closures": inline_formset(list(closures)),
        }
    )
    user = get_user_model().objects.filter(
        username="admin"
    ).first() or get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    return form_class(data, instance=LocationPage(), parent_page=territory, for_user=user)


def form_errors(form):
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for name in ("slots", "closures"):
        for child in form.formsets[name].forms:
            messages += [str(e) for errors in child.errors.values() for e in errors]
    return " ".join(messages)


@pytest.fixture
def territory(demo_site):
    return TerritoryPage.objects.get(slug="face-normandie")


def test_form_accepts_a_good_schedule(territory):
    form = page_form(
        territory,
        [
            slot_data(),
            slot_data(start="14:00", end="17:00"),
            slot_data(recurrence="first", start="12:00", end="13:00"),
        ],
        [{"start": "2026-07-20", "end": "2026-08-14", "reason": "été"}],
    )
    assert form.is_valid(), form_errors(form)


def test_form_rejects_end_before_start(territory):
    form = page_form(territory, [slot_data(start="12:00", end="09:00")])
    assert not form.is_valid()
    assert "Créneau 1 : l'heure de fin doit être après l'heure de début." in form_errors(form)
    form = page_form(territory, [slot_data(start="12:00", end="12:00")])
    assert not form.is_valid()


def test_form_rejects_overlapping_slots_that_can_coincide(territory):
    form = page_form(territory, [slot_data(), slot_data(start="11:00", end="13:00", recurrence="first")])
    assert not form.is_valid()
    assert "chevauche" in form_errors(form)
    # 1st and 3rd Tuesday never fall on the same day: no overlap.
    form = page_form(territory, [slot_data(recurrence="first"), slot_data(recurrence="third")])
    assert form.is_valid(), form_errors(form)
    # Even and odd weeks never coincide either.
    form = page_form(territory, [slot_data(recurrence="even_weeks"), slot_data(recurrence="odd_weeks")])
    assert form.is_valid(), form_errors(form)


def test_form_rejects_closure_ending_before_it_starts(territory):
    form = page_form(territory, [slot_data()], [{"start": "2026-08-14", "end": "2026-07-20", "reason": ""}])
    assert not form.is_valid()
    assert "Fermeture 1 : la fin de la fermeture" in form_errors(form)


def test_form_rejects_a_duplicate_name_in_the_same_commune_only(territory):
    make_place(territory, title="La Poste", postcode="14400", insee="14047", commune="Bayeux")
    form = page_form(territory, [slot_data()], title="la poste")
    assert not form.is_valid()
    assert "Un autre lieu de cette commune porte déjà ce nom" in form_errors(form)
    # Names are not identifiers: « France Services de Bréhal » is in Bréhal, not in Bayeux.
    form = page_form(territory, [slot_data()], title="france services de bréhal")
    assert form.is_valid(), form_errors(form)


# --- demo content -------------------------------------------------------------------------


def test_demo_places_use_every_kind_of_slot(demo_site):
    places = LocationPage.objects.live()
    assert places.count() >= 15
    assert places.child_of(TerritoryPage.objects.get(slug="face-normandie")).count() == 10
    slots = [s for p in places for s in p.slots.all()]
    assert {s.recurrence for s in slots} == set(schedule.RECURRENCES)
    assert any(s.valid_until for s in slots)
    assert any(c.start.month == 7 for p in places for c in p.closures.all())
    stale = timezone.localdate() - timedelta(days=90)
    confirmed = [p.hours_confirmed_on for p in places]
    assert any(d < stale for d in confirmed) and any(d >= stale for d in confirmed)
    assert LocationPage.objects.get(slug="saint-denis-centre").zone == "974"
    for place in places:
        place.full_clean()  # addresses: INSEE code exists and matches the postcode


def test_load_demo_twice_changes_nothing(demo_site):
    from django.core.management import call_command

    before = sorted((p.slug, p.slots.count(), p.closures.count()) for p in LocationPage.objects.all())
    call_command("load_demo", stdout=io.StringIO())
    after = sorted((p.slug, p.slots.count(), p.closures.count()) for p in LocationPage.objects.all())
    assert before == after


def test_every_demo_place_agenda_matches_its_exported_hours(client, demo_site):
    """The key property: iCal and OSM describe exactly the same sessions over 8 weeks."""
    rows = {row["nom"]: row for row in csv.DictReader(io.StringIO(client.get(CSV_URL).getvalue().decode()))}
    for place in LocationPage.objects.live():
        plan = place.get_schedule()
        today = schedule.local_now(plan).date()
        end = today + timedelta(weeks=8) - timedelta(days=1)
        response = client.get(place.url + "agenda.ics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        from_ical = osm_eval.ical_sessions(response.content)
        from_osm = osm_eval.sessions(rows[place.title]["horaires"], today, end, plan.holiday_subdivision)
        assert from_ical == from_osm, place.title
        assert from_ical, place.title


# --- place page ---------------------------------------------------------------------------


def test_place_page(client, demo_site):
    place = LocationPage.objects.get(slug="creully")
    response = client.get(place.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "France Services de Creully sur Seulles"
    assert page.find("link", rel="alternate", type="text/calendar")["href"].endswith("/creully/agenda.ics")
    assert page.find("a", href=lambda h: h and h.endswith("agenda.ics"))
    assert "1er et 3e du mois" in page.find("table").get_text()
    assert page.find(class_=["badge--open", "badge--closed"]).get_text() in (
        "Ouvert maintenant",
        "Fermé maintenant",
    )
    assert len(page.select(".place__sessions li")) == 3
    osm = page.find("a", href=lambda h: h and h.startswith("https://www.openstreetmap.org/"))
    assert osm and not page.find("iframe")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOffice"
    assert data["openingHoursSpecification"]
    assert "Aide aux démarches administratives" in page.get_text()
    assert "Imprimante" in page.get_text()


def test_open_now_badge_is_computed_at_request_time(client, demo_site, monkeypatch):
    place = LocationPage.objects.get(slug="lisieux-hauteville")  # Mondays 9 h–12 h
    monday = date(2026, 11, 16)
    tz = place.get_schedule().tz
    from datetime import datetime

    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 16, 10, 0, tzinfo=tz))
    assert "Ouvert maintenant" in client.get(place.url).content.decode()
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 16, 12, 30, tzinfo=tz))
    response = client.get(place.url)
    assert "Fermé maintenant" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert monday.weekday() == 0


def test_agenda_of_unknown_place_is_404(client, demo_site):
    assert client.get("/lieux/face-normandie/nulle-part/agenda.ics").status_code == 404


# --- directory ----------------------------------------------------------------------------


def titles(response):
    return [a.get_text() for a in soup(response).select(".directory-results .card__link")]


def test_directory_lists_every_place_with_badge_and_next_session(client, demo_site):
    response = client.get("/lieux/")
    assert response.status_code == 200
    page = soup(response)
    cards = page.select(".directory-results .card")
    assert len(cards) == LocationPage.objects.live().count()
    assert all(card.select_one(".badge") for card in cards)
    assert titles(response) == sorted(titles(response), key=lambda t: t.lower().replace("é", "e"))
    form = page.find("form", class_="directory-filters")
    for name in ("ou", "service", "jour", "ouvert"):
        field = form.find(attrs={"name": name})
        assert page.find("label", attrs={"for": field["id"]})


def test_directory_orders_by_proximity(client, demo_site):
    response = client.get("/lieux/", {"ou": "Lisieux"})
    found = titles(response)
    assert found[0] == "France Services de Hauteville à Lisieux"
    calvados = {p.title for p in LocationPage.objects.filter(insee__startswith="14")}
    assert set(found[: len(calvados)]) == calvados
    response = client.get("/lieux/", {"ou": "66"})
    assert set(titles(response)[:2]) == {"Espace Médiance Saint-Jacques à Perpignan", "Médiathèque de Thuir"}


def groups(response):
    page = soup(response)
    return [
        (h3.find(string=True).strip(), [a.get_text() for a in h3.find_next("ul").select(".card__link")])
        for h3 in page.select("h3.directory-group")
    ]


def test_directory_groups_say_where_they_are_and_first_group_is_local(client, demo_site):
    response = client.get("/lieux/", {"ou": "14100", "jour": "mercredi"})
    found = groups(response)
    calvados = {p.title for p in LocationPage.objects.filter(insee__startswith="14")}
    assert found[0][0].startswith("À ")
    assert set(found[0][1]) <= calvados
    for heading, places in found:
        if heading.startswith(("À ", "Autour", "Dans le Calvados")):
            assert set(places) <= calvados, heading
    text = soup(response).get_text(" ")
    assert "près de" not in text
    summary = soup(response).find(attrs={"role": "status"}).get_text()
    assert "dans le Calvados" in summary


def test_directory_says_plainly_when_nothing_is_in_the_department(client, demo_site):
    response = client.get("/lieux/", {"ou": "75001"})
    page = soup(response)
    assert "Aucune permanence à Paris pour l'instant" in page.find(attrs={"role": "status"}).get_text()
    assert "près de" not in page.get_text(" ")
    remote = page.select_one(".directory-remote")
    assert remote is not None and remote.select("a[href^='tel:']")
    assert [heading for heading, _places in groups(response)] == ["Plus loin"]
    found = groups(client.get("/lieux/", {"ou": "50"}))
    assert found[0][0] == "Dans la Manche"
    manche = {p.title for p in LocationPage.objects.filter(insee__startswith="50")}
    assert set(found[0][1]) == manche


def test_directory_filters_by_service_and_day(client, demo_site):
    found = titles(client.get("/lieux/", {"service": "materiel-solidaire"}))
    assert found == ["Espace Médiance Saint-Jacques à Perpignan"]
    found = titles(client.get("/lieux/", {"jour": "samedi"}))
    assert set(found) == {"Médiathèque de Thuir", "France Services de Saint-Sauveur-Lendelin"}


def test_directory_open_today(client, demo_site):
    response = client.get("/lieux/", {"ouvert": "aujourdhui"})
    expected = {
        p.title
        for p in LocationPage.objects.live()
        if schedule.is_open_on(p.get_schedule(), schedule.local_now(p.get_schedule()).date())
    }
    assert set(titles(response)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"service": "piratage"},
        {"ou": "x" * 10_000},
        {"ou": "Caen\x00<script>alert(1)</script>"},
        {"ou": "<b>zzz</b>"},
        {"jour": "funday"},
        {"ouvert": "jamais"},
        {"ou": "99999"},
    ],
)
def test_directory_survives_hostile_params(client, demo_site, params):
    response = client.get("/lieux/", {**params, "jour": params.get("jour", "samedi")})
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert "<script>alert" not in body and "<b>zzz" not in body and "\x00" not in body
    alert = soup(response).find(attrs={"role": "alert"})
    assert alert is not None and alert.get_text(strip=True)
    if params.get("jour") is None:  # the valid day filter is kept
        assert set(titles(response)) <= {"Médiathèque de Thuir", "France Services de Saint-Sauveur-Lendelin"}


def _make_places(territory, first, last):
    for i in range(first, last):
        page = LocationPage(
            title=f"Lieu de test {i}",
            slug=f"lieu-test-{i}",
            address="1 rue de test",
            postcode="14400",
            insee="14047",
            commune="Bayeux",
        )
        page.slots = [schedule_slot() for _ in range(1)]
        territory.add_child(instance=page)
        page.save_revision().publish()


def schedule_slot():
    from datetime import time

    from locations.models import Slot

    return Slot(weekday=1, start=time(9), end=time(12))


@pytest.mark.parametrize("path", ["/lieux/", "/lieux/?ou=Bayeux&jour=mardi", CSV_URL])
def test_query_count_does_not_grow_with_places(client, db, path, django_assert_max_num_queries):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    LocationPage.objects.all().delete()
    territory = TerritoryPage.objects.get(slug="face-normandie")
    _make_places(territory, 0, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm caches (site root paths)
    bump_generation()  # but measure a real render, not the page cache
    with CaptureQueriesContext(connection) as three:
        response = client.get(path)
        assert response.status_code == 200
        response.getvalue()  # a streamed export reads the places while it is sent
    _make_places(TerritoryPage.objects.get(slug="face-normandie"), 3, 12)
    bump_generation()
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(path)
        response.getvalue()
    assert response.status_code == 200


# --- open data ----------------------------------------------------------------------------


def test_csv_export_is_valid_against_the_national_schema(client, demo_site, tmp_path):
    from frictionless import Resource, Schema

    response = client.get(CSV_URL)
    assert response.status_code == 200
    path = tmp_path / "lieux-mediation-numerique.csv"
    body = response.getvalue()  # streamed: read once
    path.write_bytes(body)
    schema = Schema.from_descriptor(json.loads(SCHEMA.read_text()))
    report = Resource(path=path.name, basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == LocationPage.objects.live().public().count()
    assert list(rows[0]) == [f["name"] for f in json.loads(SCHEMA.read_text())["fields"]]
    creully = next(r for r in rows if r["commune"] == "Creully sur Seulles")
    assert creully["horaires"].startswith("Tu[1,3] 09:00-12:00; PH off")


def test_json_export_records_match_the_schema_fields(client, demo_site):
    import jsonschema

    fields = json.loads(SCHEMA.read_text())["fields"]
    properties, required = {}, []
    for field in fields:
        spec = {"type": "number" if field["type"] == "number" else "string"}
        constraints = field.get("constraints", {})
        if "pattern" in constraints:
            spec["pattern"] = constraints["pattern"]
        if "maxLength" in constraints:
            spec["maxLength"] = constraints["maxLength"]
        if field["type"] == "date":
            spec["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        properties[field["name"]] = spec
        if constraints.get("required"):
            required.append(field["name"])
    record_schema = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    response = client.get(JSON_URL)
    assert response.status_code == 200
    records = json.loads(response.getvalue())
    assert len(records) == LocationPage.objects.live().public().count()
    for record in records:
        jsonschema.validate(record, record_schema)
        date.fromisoformat(record["date_maj"])
    assert len({r["id"] for r in records}) == len(records)


def test_exports_leave_out_unpublished_places(client, demo_site):
    place = LocationPage.objects.get(slug="thuir")
    place.unpublish()
    assert "Thuir" not in client.get(CSV_URL).getvalue().decode()
    assert "Thuir" not in client.get(JSON_URL).getvalue().decode()


def test_admin_edit_page_of_a_place_renders(client, demo_site):
    user = get_user_model().objects.create_superuser("editeur", "e@example.org", "x")
    client.force_login(user)
    place = LocationPage.objects.get(slug="brehal")
    response = client.get(f"/admin/pages/{place.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="slots-TOTAL_FORMS"' in body and 'name="closures-TOTAL_FORMS"' in body
    assert 'type="checkbox" name="services"' in body
    response = client.get(f"/admin/pages/add/locations/locationpage/{place.get_parent().pk}/")
    assert response.status_code == 200


def test_agenda_with_control_characters_in_the_path_is_not_found(client, demo_site):
    assert client.get("/lieux/face-normandie/cr%00eully/agenda.ics").status_code == 404


def test_every_group_lists_the_nearest_places_first_and_says_so(client, demo_site):
    """For Paris (no place in Île-de-France), « Plus loin » starts with Normandy, not with the
    alphabet; the order is the distance from Paris to each place's coordinates."""
    response = client.get("/lieux/", {"ou": "Paris"})
    [(heading, found)] = groups(response)
    assert heading == "Plus loin"
    paris = geo.area_origin(geo.resolve_area("Paris"))

    def distance(title):
        place = LocationPage.objects.get(title=title)
        return geo.distance_key(place.near_latitude, place.near_longitude, paris)

    assert found == sorted(found, key=distance)
    assert LocationPage.objects.get(title=found[0]).department_code in {"14", "50", "76", "27", "61"}
    assert "Les plus proches d'abord." in soup(response).find(attrs={"role": "status"}).get_text()
