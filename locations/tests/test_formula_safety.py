"""Club staff open our CSV in a spreadsheet: text that would run as a formula is refused at
input (admin and import) and neutralised in the CSV export."""

import csv
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from home.formulas import FORMULA_MESSAGE
from locations.export import csv_cells
from locations.importer import RowError, validate_record
from locations.models import LocationIndexPage, LocationPage
from locations.tests.factories import make_place, make_territory
from partners.models import PartnerPage

EXAMPLE = Path(__file__).with_name("data") / "lieux-mediation-numerique.exemple-valide.csv"

pytestmark = pytest.mark.django_db


def test_place_refuses_a_name_or_address_that_starts_like_a_formula():
    place = make_place(make_territory(departments="14"))
    place.title = '=HYPERLINK("http://x","y")'
    place.address = "@SUM(1+1)"
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert error.value.message_dict["title"] == [FORMULA_MESSAGE]
    assert error.value.message_dict["address"] == [FORMULA_MESSAGE]
    place.title, place.address, place.phone = "Mairie - accueil", "2 rue de la Paix", "+33 2 31 00 00 00"
    place.full_clean()  # a dash inside, and an international phone number, are fine


def test_partner_refuses_a_formula_too():
    partner = PartnerPage(title="+cmd|' /C calc'!A0", help_kinds="formation", is_remote=True, slug="p")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert error.value.message_dict["title"] == [FORMULA_MESSAGE]


def test_import_refuses_the_row_and_says_which_column():
    with EXAMPLE.open(encoding="utf-8") as handle:
        record = dict(next(csv.DictReader(handle)))
    validate_record(record)  # the national example itself is fine
    record["nom"] = "=HYPERLINK(1)"
    with pytest.raises(RowError, match="« nom » commence par = \\+ - ou @"):
        validate_record(record)


def test_csv_export_neutralises_older_formula_cells(client):
    place = make_place(make_territory(departments="14"), phone="02 31 00 00 00")
    LocationPage.objects.filter(pk=place.pk).update(title="=1+1", address="@SUM(1+1)")
    assert csv_cells({"nom": "=1+1", "telephone": "+33231000000", "latitude": None}) == {
        "nom": "'=1+1",
        "telephone": "+33231000000",
        "latitude": "",
    }
    export = LocationIndexPage.objects.live().first().url + "export/lieux-mediation-numerique.csv"
    rows = list(csv.DictReader(io.StringIO(client.get(export).getvalue().decode())))
    mine = next(row for row in rows if row["id"] == f"pasapas-lieu-{place.pk}")
    assert mine["nom"] == "'=1+1" and mine["adresse"] == "'@SUM(1+1)"
    assert mine["telephone"] == "+33231000000"
