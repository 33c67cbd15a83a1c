"""import_lieux: the national standard in, places out; nothing written from a bad file.

Each test imports under a club of its own (make_territory) and reads back only that club's
places; the vendored national example file is the input of most of them."""

import csv
import io
import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import timezone

from locations import schedule
from locations.export import FIELDS
from locations.importer import read_records
from locations.models import LocationIndexPage, LocationPage
from locations.schedule.osm_parse import OsmParseError, parse_osm

from .factories import make_closure, make_place, make_slot, make_territory

# The national standard, vendored from ../shared/standards (tests never read outside the project).
STANDARDS = Path(__file__).resolve().parent / "data"
EXAMPLE = STANDARDS / "lieux-mediation-numerique.exemple-valide.csv"
LOCAL_EXAMPLE = Path(__file__).with_name("data") / "lieux-mediation-numerique.exemple-valide.csv"


def example_path():
    return EXAMPLE if EXAMPLE.exists() else LOCAL_EXAMPLE


def run(path, territory, dry_run=False):
    """import_lieux `path` under `territory` (a TerritoryPage or a slug): (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    slug = getattr(territory, "slug", territory)
    args = [str(path), "--territoire", slug] + (["--dry-run"] if dry_run else [])
    call_command("import_lieux", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def example_rows():
    with example_path().open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(tmp_path, rows, name="lieux.csv", fields=FIELDS):
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**changes):
    base = dict(example_rows()[0])
    base.update(changes)
    return base


@pytest.fixture
def club(db):
    """The club the tests import into: Calvados and Manche, not the example's Marne."""
    return make_territory("Club de l'import", departments="14, 50")


def imported(territory, source_id):
    return LocationPage.objects.child_of(territory).get(source_id=source_id)


def snapshot():
    return sorted(
        LocationPage.objects.values_list(
            "pk", "title", "latest_revision_id", "hours_confirmed_on", "source_id"
        )
    )


# --- OSM hours back into slots --------------------------------------------------------------


def test_parse_the_standards_example_hours():
    parsed = parse_osm("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00")
    assert len(parsed.slots) == 11
    assert {s.weekday for s in parsed.slots} == set(range(6))
    assert parsed.open_on_public_holidays  # OSM: no "PH off", open on public holidays


def test_parse_nth_weeks_notes_periods_and_closures():
    parsed = parse_osm(
        'Tu[1,3] 09:00-12:00; week 02-52/2 Mo 09:00-12:00, week 01-53/2 Mo 14:00-16:30 "sur rendez-vous"; '
        "2026 Sep 01-2026 Dec 31 We 14:00-17:00; PH off; 2026 Dec 24-2027 Jan 01 off; 2026 May 08 off"
    )
    kinds = sorted((s.weekday, s.recurrence, s.note) for s in parsed.slots)
    assert kinds == [
        (0, "even_weeks", ""),
        (0, "odd_weeks", "sur rendez-vous"),
        (1, "first", ""),
        (1, "third", ""),
        (2, "weekly", ""),
    ]
    wednesday = next(s for s in parsed.slots if s.weekday == 2)
    assert (wednesday.valid_from, wednesday.valid_until) == (date(2026, 9, 1), date(2026, 12, 31))
    assert not parsed.open_on_public_holidays
    assert [(c.start, c.end) for c in parsed.closures] == [
        (date(2026, 12, 24), date(2027, 1, 1)),
        (date(2026, 5, 8), date(2026, 5, 8)),
    ]


def test_a_later_rule_replaces_the_hours_of_its_days():
    parsed = parse_osm("Mo-Fr 09:00-17:00; We 09:00-12:00")
    wednesday = [s for s in parsed.slots if s.weekday == 2]
    assert [(s.start, s.end) for s in wednesday] == [(time(9), time(12))]


@pytest.mark.parametrize(
    "text", ["24/7", "Mo 25:00-26:00", "Mo 12:00-12:00", "sunrise-sunset", 'Mo 09:00-12:00 "x', ""]
)
def test_unreadable_hours_are_refused_in_french(text):
    with pytest.raises(OsmParseError):
        parse_osm(text)


def assert_round_trip(places):
    """Each place's hours, written as OSM and read back, give the same slots and closures."""
    today = timezone.localdate()
    for place in places:
        plan = place.get_schedule()
        parsed = parse_osm(schedule.to_osm(plan, today))

        def key(s):
            return (s.weekday, s.start, s.end, s.recurrence, s.valid_until, s.note)

        expected = sorted(key(s) for s in plan.slots if not (s.valid_until and s.valid_until < today))
        assert sorted(key(s) for s in parsed.slots) == expected, place.title
        assert [(c.start, c.end) for c in parsed.closures] == sorted(
            (c.start, c.end) for c in plan.closures if c.end >= today
        )
        if plan.slots:
            assert parsed.open_on_public_holidays == plan.open_on_public_holidays


def varied_places(territory):
    """Places whose hours use every kind of slot: each recurrence, notes, periods, closures."""
    today = timezone.localdate()
    return [
        make_place(
            territory,
            "Toutes les semaines",
            slots=[make_slot(0, (9, 0), (12, 0)), make_slot(0, (14, 0), (16, 30), note="sur rendez-vous")],
            closures=[make_closure(today + timedelta(days=30), today + timedelta(days=44), "congés d'été")],
            open_on_public_holidays=True,
        ),
        make_place(
            territory,
            "Certaines semaines du mois",
            slots=[
                make_slot(1, (9, 0), (12, 0), recurrence="first"),
                make_slot(1, (9, 0), (12, 0), recurrence="third"),
                make_slot(3, (14, 0), (17, 0), recurrence="last"),
                make_slot(4, (10, 0), (12, 0), recurrence="even_weeks"),
                make_slot(4, (14, 0), (16, 0), recurrence="odd_weeks"),
            ],
            closures=[make_closure(today - timedelta(days=10), today - timedelta(days=3))],  # over
        ),
        make_place(
            territory,
            "Pendant une période",
            slots=[
                make_slot(2, (14, 0), (17, 0), valid_from=today + timedelta(days=7)),
                make_slot(2, (9, 0), (11, 0), valid_until=today + timedelta(days=60)),
                make_slot(5, (9, 0), (12, 0), valid_until=today - timedelta(days=1)),  # over
            ],
            closures=[make_closure(today + timedelta(days=3))],
        ),
    ]


def test_every_kind_of_schedule_survives_the_round_trip(club):
    places = varied_places(club)
    assert_round_trip(
        LocationPage.objects.filter(pk__in=[p.pk for p in places]).prefetch_related("slots", "closures")
    )


def test_every_schedule_of_the_site_survives_the_round_trip(demo_site):
    """Site-wide check: every place in the database (the demo's included) round-trips."""
    assert_round_trip(LocationPage.objects.prefetch_related("slots", "closures"))


# --- the command ------------------------------------------------------------------------------


def test_the_national_example_imports(club):
    out, err = run(example_path(), club)
    place = imported(club, "structure-1")
    assert place.title == "Anonymal" and place.live
    assert place.get_parent().pk == club.pk
    assert (place.postcode, place.insee, place.commune) == ("51100", "51454", "Reims")
    assert place.siret == "43493312300029"
    assert place.phone == "01 80 05 98 80"
    assert place.email == "contact@laquincaillerie.tl"
    assert place.kind == "club"  # typologie ASSO
    assert place.services == ["outils-quotidien", "insertion-pro", "loisirs"]
    assert place.hours_confirmed_on == date(2024, 4, 2)
    assert place.slots.count() == 11
    assert "1 lieu(x) ont été créé(s), 0 mis à jour, 0 ligne(s) refusée(s)." in out
    assert f"département 51 n'est pas couvert par {club.title}" in out
    assert "Import [" in err and "1/1" in err


def test_reimport_updates_instead_of_duplicating(club, tmp_path):
    run(example_path(), club)
    first = imported(club, "structure-1")
    path = write_csv(tmp_path, [row(nom="Anonymal (nouveau nom)", horaires="Tu 10:00-12:00; PH off")])
    out, _ = run(path, club)
    assert "0 lieu(x) ont été créé(s), 1 mis à jour" in out
    assert LocationPage.objects.filter(source_id="structure-1").count() == 1
    place = imported(club, "structure-1")
    assert place.pk == first.pk and place.title == "Anonymal (nouveau nom)"
    assert [(s.weekday, s.start) for s in place.slots.all()] == [(1, time(10))]
    assert not place.open_on_public_holidays


def test_imported_hours_reach_the_directory_filters(club, tmp_path):
    """The directory's day filter reads the upcoming sessions table: the import fills it for
    the places it writes, and a re-import with other days moves them."""
    path = write_csv(tmp_path, [row(horaires="Tu 10:00-12:00; PH off")])
    run(path, club)
    place = imported(club, "structure-1")
    weekdays = set(place.upcoming_sessions.values_list("weekday", flat=True))
    assert weekdays == {1}  # Tuesdays only, for the next weeks
    run(write_csv(tmp_path, [row(horaires="Th 14:00-17:00")]), club)
    assert set(place.upcoming_sessions.values_list("weekday", flat=True)) == {3}


def test_our_own_export_imports_back_as_json(club, tmp_path):
    originals = varied_places(club)
    titles = {place.title for place in originals}
    request = RequestFactory().get("/")
    records = [
        {k: v for k, v in r.items() if v not in (None, "")}
        for r in LocationIndexPage.objects.get().export_rows(request)
        if r["nom"] in titles
    ]
    assert len(records) == len(originals)
    for record in records:
        record["nom"] = "Copie de " + record["nom"]
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    other_club = make_territory("Club de la copie", departments="14")
    out, _ = run(path, other_club)
    assert f"{len(records)} lieu(x) ont été créé(s)" in out, out
    copies = LocationPage.objects.child_of(other_club)
    assert copies.count() == len(records)
    today = timezone.localdate()
    for original in originals:
        copy = copies.get(title=f"Copie de {original.title}")
        expected = [s for s in original.slots.all() if not (s.valid_until and s.valid_until < today)]
        assert sorted((s.weekday, s.start, s.recurrence) for s in copy.slots.all()) == sorted(
            (s.weekday, s.start, s.recurrence) for s in expected
        ), original.title


def test_dry_run_writes_nothing(club):
    before = snapshot()
    out, _ = run(example_path(), club, dry_run=True)
    assert "1 lieu(x) seraient créé(s)" in out
    assert "rien n'a été enregistré" in out
    assert snapshot() == before


def test_refused_rows_are_reported_with_reasons_and_valid_rows_kept(club, tmp_path):
    rows = [
        row(id="ok-1", nom="Lieu valide"),
        row(id="sans-nom", nom=""),
        row(id="service", nom="Service inconnu", services="Réparation de vélos"),
        row(id="cp", nom="Mauvais code postal", code_postal="99999"),
        row(id="insee", nom="Mauvais INSEE", code_insee="14200"),
        row(id="horaires", nom="Horaires illisibles", horaires="du lundi au vendredi"),
        row(id="ok-1", nom="Doublon"),
    ]
    out, _ = run(write_csv(tmp_path, rows), club)
    assert "Ligne 3 « sans-nom » refusée : champ obligatoire « nom » vide." in out
    assert "« Service inconnu » (id service) refusée : service inconnu « Réparation de vélos »" in out
    assert "le code postal 99999 n'existe pas" in out
    # A code INSEE that contradicts the postcode and the commune keeps the place, with a warning.
    assert "code INSEE 14200 (Creully sur Seulles) d'un autre département que le code postal : ignoré" in out
    assert "apparaît deux fois" in out
    assert "horaires illisibles" in out
    assert "3 lieu(x) ont été créé(s), 0 mis à jour, 4 ligne(s) refusée(s)." in out
    assert set(LocationPage.objects.child_of(club).values_list("source_id", flat=True)) == {
        "ok-1",
        "insee",
        "horaires",
    }
    unreadable = imported(club, "horaires")
    assert unreadable.slots.count() == 0 and unreadable.hours_confirmed_on is None


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "ni un CSV ni un JSON"),
        (b"\xff\xfe\xfa garbage \xc3\x28", "UTF-8"),
        (b"id,nom\x00\x00\x01\x02", "binaires"),
        (b'[{"id": "a", "pivot": "43493312300029", "nom": "Tronqu', "JSON est illisible"),
        (b"name,address,city\nMairie,1 rue,Caen\n", "colonnes obligatoires absentes"),
        (b'{"type": "FeatureCollection", "features": [1, 2]}', "n'est pas une liste de lieux"),
        (b"", "vide"),
    ],
)
def test_a_file_that_is_not_the_standard_changes_nothing(club, tmp_path, content, message):
    suffix = ".json" if content.lstrip().startswith((b"[", b"{")) else ".csv"
    path = tmp_path / f"lieux{suffix}"
    path.write_bytes(content)
    before = snapshot()
    with pytest.raises(CommandError, match=message) as raised:
        run(path, club)
    assert "Rien n'a été importé" in str(raised.value)
    assert snapshot() == before


def test_unknown_territory_is_refused(db):
    with pytest.raises(CommandError, match="Territoire « nulle-part » inconnu"):
        run(example_path(), territory="nulle-part")


def test_a_place_imported_elsewhere_is_not_moved(club):
    run(example_path(), club)
    out, _ = run(example_path(), make_territory("Club voisin", departments="66"))
    assert f"déjà été importé dans un autre territoire ({club.title})" in out
    assert LocationPage.objects.get(source_id="structure-1").get_parent().pk == club.pk


def test_read_records_accepts_semicolon_csv(tmp_path):
    path = tmp_path / "lieux.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, delimiter=";")
    writer.writeheader()
    writer.writerow(row())
    path.write_text(buffer.getvalue(), encoding="utf-8")
    records = read_records(path)
    assert records[0]["nom"] == "Anonymal"


def test_the_territory_is_untouched_by_an_import(club):
    before = club.latest_revision_id
    run(example_path(), club)
    club.refresh_from_db()
    assert club.latest_revision_id == before


def test_an_imported_place_keeps_its_id_in_our_export(client, club):
    run(example_path(), club)
    records = json.loads(client.get("/lieux/export/lieux-mediation-numerique.json").getvalue())
    assert "structure-1" in {record["id"] for record in records}
