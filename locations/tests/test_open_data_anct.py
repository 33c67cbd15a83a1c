"""The open-data export is read by the national tools: the ANCT's own model library must
accept every place we publish (the JSON Table Schema does not constrain typologies)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from locations.importer import import_records, read_records
from locations.models import LocationIndexPage
from locations.tests.factories import make_place, make_slot, make_territory
from locations.vocabulary import KINDS

ANCT = Path(__file__).resolve().parent / "anct"
REAL = Path(__file__).resolve().parent / "data" / "real"
NODE = shutil.which("node")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def anct_library():
    missing = ("Node.js absent" if NODE is None else None) or (
        None
        if (ANCT / "node_modules").is_dir()
        else f"bibliothèque ANCT absente : lancez `npm ci --prefix {ANCT}`"
    )
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} alors que la CI doit l'installer.")
        pytest.skip(missing)
    return ANCT / "validate.cjs"


def validate(script, body):
    result = subprocess.run(  # noqa: S603 - our own script, our own export
        [NODE, str(script)], input=body, capture_output=True, check=True, cwd=ANCT, timeout=60
    )
    return json.loads(result.stdout)


def test_every_kind_of_place_passes_the_anct_library(client, anct_library):
    territory = make_territory(departments="14")
    for code, label in KINDS:
        make_place(territory, title=f"{label} de test", kind=code, slots=[make_slot(note="sur rendez-vous")])
    export = LocationIndexPage.objects.live().first().url + "export/lieux-mediation-numerique.json"
    response = client.get(export)
    assert response.status_code == 200
    body = response.getvalue()  # streamed: read once
    report = validate(anct_library, body)
    # Our places and the demo's: everything the export publishes.
    assert report["checked"] == len(json.loads(body)) >= len(KINDS)
    assert report["errors"] == []


def test_real_places_given_back_pass_the_anct_library(client, anct_library):
    """Places imported from the national map's own files (New Caledonia, an older-schema bus
    file converted) go back in a form the ANCT's library accepts."""
    territory = make_territory(departments="16, 988")
    for name in ("nc_20240912.json", "busfs_20231003.json"):
        report = import_records(read_records(REAL / name), territory)
        assert report.refused == []
    export = LocationIndexPage.objects.live().first().url + "export/lieux-mediation-numerique.json"
    body = client.get(export).getvalue()
    imported = [
        r
        for r in json.loads(body)
        if r.get("source") in ("Nouvelle-Calédonie", "Bus France Services en Charente")
    ]
    assert len(imported) == 102
    report = validate(anct_library, json.dumps(imported, ensure_ascii=False).encode())
    assert report == {"checked": 102, "errors": []}
