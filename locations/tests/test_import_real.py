"""Real files of the ANCT's national map (locations/tests/data/real, see its SOURCES.md): how
many of their places we keep, and that the export gives back what came in, field by field.

The v1.0 files are Charente (188 places) and New Caledonia (90); the older ones (v0.x) are the
Hinaura hub's (687) and the Bus France Services of Charente (12)."""

import csv
import json
import os
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from locations import schedule, standard_versions
from locations.export import FIELDS
from locations.importer import Report, check_records, format_report, import_records, read_records
from locations.models import LocationIndexPage, LocationPage
from locations.schedule.osm_parse import OsmParseError, parse_osm
from locations.vocabulary import SERVICES

from .factories import make_territory

REAL = Path(__file__).with_name("data") / "real"
V1_FILES = ["charente_20240912.json", "nc_20240912.json"]
V0_FILES = ["hinaura_source.json", "busfs_20231003.json"]
ANCT = Path(__file__).resolve().parent / "anct"
NODE = shutil.which("node")
ANYWHERE = SimpleNamespace(department_codes=[], title="tous départements")


def kept(records):
    report = Report()
    valid = check_records(records, ANYWHERE, report)
    return valid, report


@pytest.mark.parametrize("name", V1_FILES)
def test_real_v1_files_keep_at_least_97_percent_of_their_places(name):
    records = read_records(REAL / name)
    valid, report = kept(records)
    assert len(valid) / len(records) >= 0.97, report.refused


def test_a_french_spreadsheet_csv_of_the_same_rows_keeps_as_many(tmp_path):
    """`;`, quoting only where needed, commas inside `horaires`: what a spreadsheet saves."""
    rows = json.loads((REAL / "charente_20240912.json").read_text(encoding="utf-8"))
    columns = list(dict.fromkeys(key for row in rows for key in row))
    path = tmp_path / "charente.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(rows)
    from_csv, from_json = read_records(path), read_records(REAL / "charente_20240912.json")
    assert [{k: v for k, v in r.items() if v} for r in from_csv] == [
        {k: v for k, v in r.items() if v} for r in from_json
    ]
    assert len(kept(from_csv)[0]) == len(kept(from_json)[0]) >= 0.97 * len(rows)


@pytest.mark.parametrize("name", V0_FILES)
def test_older_schema_files_are_converted_and_said_so(name):
    records = read_records(REAL / name)
    valid, report = kept(records)
    assert len(valid) / len(records) >= 0.97, report.refused
    assert report.converted == len(valid)
    assert all(place.version == standard_versions.V0 for _n, _l, place in valid)
    assert any("converties en v1.0" in line for line in format_report(report))
    services = {slug for _n, _l, place in valid for slug in place.fields["services"]}
    assert services <= {slug for slug, _label in SERVICES} and len(services) >= 3
    record = valid[0][2].fields["source_data"]["record"]
    assert ";" not in record["services"]  # v1.0 lists use |


# --- the round trip: what came in goes out ----------------------------------------------------


def expected_records():
    """Every real place as it came in, in v1.0 (older ones converted): {(source, id): record}."""
    expected = {}
    for name in V1_FILES + V0_FILES:
        for raw in read_records(REAL / name):
            record, _version = standard_versions.upgrade({k: v.strip() for k, v in raw.items()})
            expected[(record.get("source", ""), record["id"])] = {
                k: v for k, v in record.items() if k in FIELDS and v
            }
    return expected


def differences(expected, exported):
    """[(id, field, came in, went out)] for every schema field of `exported` not as it came."""
    found = []
    for name in FIELDS:
        came, went = expected.get(name), exported.get(name)
        if name in ("latitude", "longitude") and came is not None and went is not None:
            same = float(came) == went
        else:
            same = came == went
        if not same:
            found.append((expected["id"], name, came, went))
    return found


def json_export(client):
    response = client.get(
        LocationIndexPage.objects.live().first().url + "export/lieux-mediation-numerique.json"
    )
    assert response.status_code == 200
    return response.getvalue()


def test_real_files_go_back_field_by_field_as_they_came_in(client, db):
    """Every real file imported under one club (ids repeat between sources: 0, 1, 2…), then
    exported: every field of every place as it came in; then a person renames one place."""
    territory = make_territory("Club des fichiers réels", departments="16, 988")
    reports = {name: import_records(read_records(REAL / name), territory) for name in V1_FILES + V0_FILES}
    expected = expected_records()
    assert sum(report.imported for report in reports.values()) == len(expected)
    exported = {(r.get("source", ""), r["id"]): r for r in json.loads(json_export(client))}
    diffs = [d for key, record in expected.items() for d in differences(record, exported.get(key, {}))]
    assert diffs == []

    # What the import resolved, it said.
    warnings = [w for report in reports.values() for _n, _l, w in report.warnings]
    assert any("a fusionné dans Mansle-les-Fontaines" in w for w in warnings)
    assert any("(CEDEX ?)" in w for w in warnings)
    assert any("coupée à 280" in w for w in warnings)
    caledonian = LocationPage.objects.get(source_id="0")  # New Caledonia's first place
    assert caledonian.commune == "Nouméa" and caledonian.insee == "98818"
    assert caledonian.zone == "988" and str(caledonian.time_zone) == "Pacific/Noumea"
    assert caledonian.phone == "+687445728"

    # A person renames Hinaura's place « 0 » (its id is Nouméa's too: kept apart by source).
    page = LocationPage.objects.get(source_id="0@Hinaura")
    before = exported[("Hinaura", "0")]
    page.title = "Maison France Services d'Abondance"
    page.save_revision().publish()
    after = {(r.get("source", ""), r["id"]): r for r in json.loads(json_export(client))}[("Hinaura", "0")]
    assert after["nom"] == "Maison France Services d'Abondance"
    assert after["date_maj"] == timezone.localdate().isoformat() != before["date_maj"]
    unchanged = set(before) - {"nom", "date_maj"}
    assert {k: after.get(k) for k in unchanged} == {k: before[k] for k in unchanged}


def test_unreadable_hours_keep_the_place_and_go_back_unchanged(client, db):
    territory = make_territory("Club des horaires", departments="16")
    raw = json.loads((REAL / "charente_20240912.json").read_text(encoding="utf-8"))[0]
    raw.update(id="illisible", horaires="du lundi au vendredi de 9h à 12h")
    report = import_records([{k: str(v) for k, v in raw.items()}], territory)
    assert report.imported == 1 and "horaires illisibles" in report.warnings[0][2]
    page = LocationPage.objects.get(source_id="illisible")
    html = client.get(page.url).content.decode()
    assert "Horaires : nous consulter." in html and "du lundi au vendredi de 9h à 12h" in html
    record = next(r for r in json.loads(json_export(client)) if r["id"] == "illisible")
    assert record["horaires"] == "du lundi au vendredi de 9h à 12h"


def test_the_place_page_shows_what_the_record_holds(client, db):
    territory = make_territory("Club du rendez-vous", departments="16")
    raw = json.loads((REAL / "busfs_20231003.json").read_text(encoding="utf-8"))[0]
    raw.update(
        prise_rdv="https://rdv.example.org/bus",
        conditions_acces="Payant : L'accès est payant",
        publics_accueillis="Seniors (+ 65 ans);Surdité",
    )
    report = import_records([{k: str(v) for k, v in raw.items()}], territory)
    assert report.imported == 1, report.refused
    html = client.get(LocationPage.objects.get(source_id="1").url).content.decode()
    assert 'href="https://rdv.example.org/bus"' in html and "Prendre rendez-vous" in html
    assert "Tarif : Payant." in html
    assert "Accueille en particulier : Seniors." in html and "Accompagnement adapté : Surdité." in html
    assert "Conseillers numériques" in html and "France Services" in html and "APTIC" in html
    assert "acceslibre.beta.gouv.fr/app/16-saint-fraigne" in html


# --- hours: minute for minute what the reference library reads --------------------------------


@pytest.fixture(scope="module")
def reference_hours():
    missing = ("Node.js absent" if NODE is None else None) or (
        None
        if (ANCT / "node_modules" / "opening_hours").is_dir()
        else f"opening_hours.js absent : lancez `npm ci --prefix {ANCT}`"
    )
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} alors que la CI doit l'installer.")
        pytest.skip(missing)

    def read(values, start, end):
        body = json.dumps({"from": f"{start}T00:00:00Z", "to": f"{end}T00:00:00Z", "values": values})
        result = subprocess.run(  # noqa: S603 - our own script
            [NODE, "hours.cjs"],
            input=body.encode(),
            capture_output=True,
            check=True,
            cwd=ANCT,
            timeout=120,
            env={**os.environ, "TZ": "UTC"},
        )
        return json.loads(result.stdout)

    return read


def merged(intervals):
    out = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def our_intervals(text, start, end):
    """Our reading of `text` as wall-clock minutes (the engine's 23:59 is the day's end, 24:00)."""
    parsed = parse_osm(text)
    plan = schedule.Schedule(
        slots=parsed.slots, closures=parsed.closures, open_on_public_holidays=parsed.open_on_public_holidays
    )
    found = []
    for occurrence in schedule.occurrences(plan, start, end - timedelta(days=1)):
        begin, finish = occurrence.start.replace(tzinfo=None), occurrence.end.replace(tzinfo=None)
        if finish.time() == time(23, 59):
            finish = datetime.combine(finish.date() + timedelta(days=1), time(0, 0))
        found.append([begin.isoformat(timespec="minutes"), finish.isoformat(timespec="minutes")])
    return merged(found)


def test_real_hours_read_minute_for_minute_like_the_reference_library(reference_hours):
    """Every `horaires` of the real files, over eight weeks with four public holidays and both
    week parities, read by us and by opening_hours.js (French holidays)."""
    values = sorted(
        {
            str(r["horaires"]).strip()
            for name in V1_FILES + V0_FILES
            for r in json.loads((REAL / name).read_text(encoding="utf-8"))
            if str(r.get("horaires") or "").strip()
        }
    )
    start, end = date(2024, 4, 29), date(2024, 6, 24)  # no change of summer time inside
    reference = reference_hours(values, start, end)
    unread, different = [], []
    for value in values:
        try:
            ours = our_intervals(value, start, end)
        except OsmParseError:
            unread.append(value)
            continue
        theirs = reference[value]
        assert not isinstance(theirs, dict), (value, theirs)  # we read nothing the library refuses
        if ours != merged([list(pair) for pair in theirs]):
            different.append(value)
    assert different == []
    assert len(unread) <= 0.01 * len(values), unread


def test_staff_can_save_an_imported_place_whose_address_was_resolved(db):
    """A CEDEX postcode read with a warning does not stop staff changing the hours; a person
    who changes the address gets it checked."""
    territory = make_territory("Club des CEDEX", departments="16")
    rows = json.loads((REAL / "charente_20240912.json").read_text(encoding="utf-8"))
    raw = next(r for r in rows if r["code_postal"] == "16024")
    assert import_records([{k: str(v) for k, v in raw.items()}], territory).imported == 1
    page = LocationPage.objects.get(source_id=raw["id"])
    page.full_clean()  # as the admin form does when only the hours change
    page.commune = "Nulle-Part"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "postcode" in error.value.message_dict  # 16024 is no commune's: checked again
