"""Issue 28: what the admin's forms accept, and what its exports give a spreadsheet.

Every page title and text refuses a formula start; every CSV the admin produces (ours and
Wagtail's reports) neutralises one left from before; a place's phone is French or overseas and
its coordinates are on the globe; the README says the import's real batch size."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Page

from guides.models import GuidePage
from home.formulas import FORMULA_MESSAGE
from locations import importer, staff
from locations.tests.factories import make_place, make_territory
from workshops.tests.factories import make_workshop

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_territory_title_cannot_start_like_a_formula(formula):
    club = make_territory(departments="14")
    club.title = formula
    with pytest.raises(ValidationError) as error:
        club.full_clean()
    assert error.value.message_dict["title"] == [FORMULA_MESSAGE]


def test_every_page_type_refuses_a_formula_in_its_title_and_texts():
    workshop = make_workshop(make_place(make_territory(departments="14")))
    workshop.title, workshop.bring = "=1+1", "@pièce d'identité"
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert set(error.value.message_dict) >= {"title", "bring"}
    guide = GuidePage.objects.live().first().specific
    guide.seo_title = "+33 raisons"
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert error.value.message_dict["seo_title"] == [FORMULA_MESSAGE]


def test_the_staff_group_of_a_club_never_carries_a_formula(admin_client):
    club = make_territory(departments="14")
    response = admin_client.get(f"/admin/pages/{club.pk}/edit/")
    assert response.status_code == 200
    from home.tests.admin_forms import form_data

    data = {**form_data(response.content), "title": "=HYPERLINK(1)", "action-publish": "1"}
    response = admin_client.post(f"/admin/pages/{club.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "tableur" in response.content.decode()
    assert not Group.objects.filter(name__contains="=").exists()
    assert staff.staff_group_of(club).name == f"Équipe {club.title}"


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/aging-pages/?export=csv",
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/horaires-a-confirmer/?export=csv",
    ],
)
def test_wagtails_report_exports_neutralise_an_older_formula(admin_client, admin_user, url):
    """A title saved before input was checked (here: by code, unchecked) reaches the exports."""
    place = make_place(make_territory(departments="14"), title="Mairie de Lisieux (formule)")
    Page.objects.filter(pk=place.pk).update(title="=HYPERLINK(1)", draft_title="=HYPERLINK(1)")
    place.refresh_from_db()
    place.save_revision(user=admin_user, log_action=True, clean=False)
    response = admin_client.get(url)
    assert response.status_code == 200 and "csv" in response["Content-Type"]
    cells = [cell for row in csv_rows(response) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))], cells[:20]
    assert "'=HYPERLINK(1)" in cells


@pytest.mark.parametrize(
    "phone", ["+1+1", "12", "06 12 34 56", "+33 0 6 12 34 56 78", "+44 20 7946 0958", "abc"]
)
def test_a_place_phone_must_be_french_or_overseas(phone):
    place = make_place(make_territory(departments="14"))
    place.phone = phone
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "téléphone" in error.value.message_dict["phone"][0]


@pytest.mark.parametrize(
    "phone",
    [
        "02 31 22 33 44",
        "0231223344",
        "02.31.22.33.44",
        "+33 2 31 22 33 44",
        "+262 2 62 40 33 33",
        "+689 40 12 34 56",
    ],
)
def test_french_and_overseas_phones_are_accepted(phone):
    place = make_place(make_territory(departments="14"))
    place.phone = phone
    place.full_clean()


@pytest.mark.parametrize(("field", "value"), [("latitude", 999), ("latitude", -91), ("longitude", 181)])
def test_coordinates_stay_on_the_globe(field, value):
    place = make_place(make_territory(departments="14"))
    setattr(place, field, value)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert field in error.value.message_dict


def test_the_readme_says_the_imports_real_batch_size():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    said = re.search(r"par lots\s+de (\d+) lieux", readme)
    assert said and int(said.group(1)) == importer.BATCH_SIZE
