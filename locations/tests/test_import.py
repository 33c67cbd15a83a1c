"""import_lieux: the national standard in, places out; nothing written from a bad file."""

import csv
import io
import json
from datetime import date, time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.utils import timezone

from locations import schedule
from locations.export import FIELDS
from locations.importer import read_records
from locations.models import LocationIndexPage, LocationPage, TerritoryPage
from locations.schedule.osm_parse import OsmParseError, parse_osm

STANDARDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "standards"
EXAMPLE = STANDARDS / "lieux-mediation-numerique.exemple-valide.csv"
LOCAL_EXAMPLE = Path(__file__).with_name("data") / "lieux-mediation-numerique.exemple-valide.csv"


def example_path():
    return EXAMPLE if EXAMPLE.exists() else LOCAL_EXAMPLE


def run(path, territory="face-normandie", dry_run=False):
    out, err = io.StringIO(), io.StringIO()
    args = [str(path), "--territoire", territory] + (["--dry-run"] if dry_run else [])
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
    "text", ["24/7", "Mo 25:00-26:00", "Mo 12:00-09:00", "sunrise-sunset", 'Mo 09:00-12:00 "x', ""]
)
def test_unreadable_hours_are_refused_in_french(text):
    with pytest.raises(OsmParseError):
        parse_osm(text)


def test_every_demo_schedule_survives_the_round_trip(demo_site):
    today = timezone.localdate()
    for place in LocationPage.objects.prefetch_related("slots", "closures"):
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


# --- the command ------------------------------------------------------------------------------


def test_the_national_example_imports(demo_site):
    out, err = run(example_path())
    place = LocationPage.objects.get(source_id="structure-1")
    assert place.title == "Anonymal" and place.live
    assert place.get_parent().slug == "face-normandie"
    assert (place.postcode, place.insee, place.commune) == ("51100", "51454", "Reims")
    assert place.siret == "43493312300029"
    assert place.phone == "01 80 05 98 80"
    assert place.email == "contact@laquincaillerie.tl"
    assert place.kind == "club"  # typologie ASSO
    assert place.services == ["outils-quotidien", "insertion-pro", "loisirs"]
    assert place.hours_confirmed_on == date(2024, 4, 2)
    assert place.slots.count() == 11
    assert "1 lieu(x) ont été créé(s), 0 mis à jour, 0 ligne(s) refusée(s)." in out
    assert "département 51 n'est pas couvert par FACE Normandie" in out
    assert "Import [" in err and "1/1" in err


def test_reimport_updates_instead_of_duplicating(demo_site, tmp_path):
    run(example_path())
    first = LocationPage.objects.get(source_id="structure-1")
    path = write_csv(tmp_path, [row(nom="Anonymal (nouveau nom)", horaires="Tu 10:00-12:00; PH off")])
    out, _ = run(path)
    assert "0 lieu(x) ont été créé(s), 1 mis à jour" in out
    assert LocationPage.objects.filter(source_id="structure-1").count() == 1
    place = LocationPage.objects.get(source_id="structure-1")
    assert place.pk == first.pk and place.title == "Anonymal (nouveau nom)"
    assert [(s.weekday, s.start) for s in place.slots.all()] == [(1, time(10))]
    assert not place.open_on_public_holidays


def test_our_own_export_imports_back_as_json(demo_site, tmp_path):
    request = RequestFactory().get("/")
    rows = LocationIndexPage.objects.get().export_rows(request)
    records = [{k: v for k, v in r.items() if v not in (None, "")} for r in rows]
    for record in records:
        record["nom"] = "Copie de " + record["nom"]
    path = tmp_path / "lieux.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    before = LocationPage.objects.count()
    out, _ = run(path, territory="mediance-13")
    assert f"{len(records)} lieu(x) ont été créé(s)" in out, out
    assert LocationPage.objects.count() == before + len(records)
    copy = LocationPage.objects.get(title="Copie de France Services de Creully sur Seulles")
    original = LocationPage.objects.get(slug="creully")
    assert sorted((s.weekday, s.start, s.recurrence) for s in copy.slots.all()) == sorted(
        (s.weekday, s.start, s.recurrence) for s in original.slots.all()
    )


def test_dry_run_writes_nothing(demo_site):
    before = snapshot()
    out, _ = run(example_path(), dry_run=True)
    assert "1 lieu(x) seraient créé(s)" in out
    assert "rien n'a été enregistré" in out
    assert snapshot() == before


def test_refused_rows_are_reported_with_reasons_and_valid_rows_kept(demo_site, tmp_path):
    rows = [
        row(id="ok-1", nom="Lieu valide"),
        row(id="sans-nom", nom=""),
        row(id="service", nom="Service inconnu", services="Réparation de vélos"),
        row(id="cp", nom="Mauvais code postal", code_postal="99999"),
        row(id="insee", nom="Mauvais INSEE", code_insee="14200"),
        row(id="horaires", nom="Horaires illisibles", horaires="du lundi au vendredi"),
        row(id="ok-1", nom="Doublon"),
    ]
    out, _ = run(write_csv(tmp_path, rows))
    assert "Ligne 3 « sans-nom » refusée : champ obligatoire « nom » vide." in out
    assert "« Service inconnu » (id service) refusée : service inconnu « Réparation de vélos »" in out
    assert "le code postal 99999 n'existe pas" in out
    assert "ne correspond pas à Creully sur Seulles" in out
    assert "apparaît deux fois" in out
    assert "horaires illisibles" in out
    assert "2 lieu(x) ont été créé(s), 0 mis à jour, 5 ligne(s) refusée(s)." in out
    assert set(LocationPage.objects.filter(source_id__isnull=False).values_list("source_id", flat=True)) == {
        "ok-1",
        "horaires",
    }
    unreadable = LocationPage.objects.get(source_id="horaires")
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
def test_a_file_that_is_not_the_standard_changes_nothing(demo_site, tmp_path, content, message):
    suffix = ".json" if content.lstrip().startswith((b"[", b"{")) else ".csv"
    path = tmp_path / f"lieux{suffix}"
    path.write_bytes(content)
    before = snapshot()
    with pytest.raises(CommandError, match=message) as raised:
        run(path)
    assert "Rien n'a été importé" in str(raised.value)
    assert snapshot() == before


def test_unknown_territory_is_refused(demo_site):
    with pytest.raises(CommandError, match="Territoire « nulle-part » inconnu"):
        run(example_path(), territory="nulle-part")


def test_a_place_imported_elsewhere_is_not_moved(demo_site):
    run(example_path())
    out, _ = run(example_path(), territory="mediance-66")
    assert "déjà été importé dans un autre territoire (FACE Normandie)" in out
    assert LocationPage.objects.get(source_id="structure-1").get_parent().slug == "face-normandie"


def test_read_records_accepts_semicolon_csv(tmp_path):
    path = tmp_path / "lieux.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, delimiter=";")
    writer.writeheader()
    writer.writerow(row())
    path.write_text(buffer.getvalue(), encoding="utf-8")
    records = read_records(path)
    assert records[0]["nom"] == "Anonymal"


def test_the_territory_is_untouched_by_an_import(demo_site):
    territory = TerritoryPage.objects.get(slug="face-normandie")
    before = territory.latest_revision_id
    run(example_path())
    territory.refresh_from_db()
    assert territory.latest_revision_id == before


def test_an_imported_place_keeps_its_id_in_our_export(client, demo_site):
    run(example_path())
    records = json.loads(client.get("/lieux/export/lieux-mediation-numerique.json").content)
    assert "structure-1" in {record["id"] for record in records}
