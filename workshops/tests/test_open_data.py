"""The open-data export says which places hold collective workshops, in the national vocabulary."""

import json
import re
from pathlib import Path

import pytest

from locations.models import LocationIndexPage
from locations.tests.factories import make_place, make_territory
from workshops.tests.factories import make_session, make_workshop

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[2] / "locations" / "data" / "lieux-mediation-numerique.schema.json"


def modality_pattern():
    fields = json.loads(SCHEMA.read_text())["fields"]
    field = next(f for f in fields if f["name"] == "modalites_accompagnement")
    return re.compile(field["constraints"]["pattern"])


def test_places_with_upcoming_workshops_offer_collective_workshops(client):
    club = make_territory(departments="14")
    with_workshop = make_place(club, phone="02 31 00 11 22")
    make_workshop(with_workshop, sessions=[make_session(-20), make_session(6)])
    only_past = make_place(club, phone="02 31 00 11 23")
    make_workshop(only_past, sessions=[make_session(-5)])
    only_cancelled = make_place(club, phone="02 31 00 11 24")
    make_workshop(only_cancelled, sessions=[make_session(6, status="annule")])

    url = LocationIndexPage.objects.live().first().url + "export/lieux-mediation-numerique.json"
    body = b"".join(client.get(url).streaming_content)
    records = {r["id"]: r for r in json.loads(body)}
    modality = {
        place: records[f"pasapas-lieu-{place.pk}"]["modalites_accompagnement"]
        for place in (with_workshop, only_past, only_cancelled)
    }
    assert modality[with_workshop] == "Accompagnement individuel|Dans un atelier collectif"
    assert modality[only_past] == modality[only_cancelled] == "Accompagnement individuel"
    assert modality_pattern().fullmatch(modality[with_workshop])
