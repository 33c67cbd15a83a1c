"""Entering interventions: one at a time or a day sheet; bad input gets clear French errors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activity import vocabulary as v
from activity.entry import PLACE_INVALID
from activity.models import ActivityRecord

from .factories import make_club, make_record, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def club(client):
    territory, place, _ = make_club()
    user = make_staff(territory)
    client.force_login(user)
    return territory, place, user


def one(place, **fields):
    data = {
        "date": timezone.localdate().isoformat(),
        "where": v.AT_PLACE,
        "place": place.pk,
        "kind": v.INDIVIDUAL,
        "duration": "15-30",
        "theme_list": ["banque-virement", "banque-rib"],
        "age_band": v.UNKNOWN_AGE,
    }
    data.update(fields)
    return data


def day(place, rows, **fields):
    data = {
        "jour-date": timezone.localdate().isoformat(),
        "jour-where": v.AT_PLACE,
        "jour-place": place.pk if place else "",
        "lignes-TOTAL_FORMS": len(rows),
        "lignes-INITIAL_FORMS": 0,
    }
    for index, row in enumerate(rows):
        data.update({f"lignes-{index}-{key}": value for key, value in row.items()})
        data.setdefault(f"lignes-{index}-kind", v.INDIVIDUAL)
        data.setdefault(f"lignes-{index}-duration", "15-30")
    data.update(fields)
    return data


def test_one_intervention_is_saved_with_its_club_and_mediator(client, club):
    territory, place, user = club
    response = client.post(reverse("activity_add"), one(place, next="1"))
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == reverse("activity_add")
    record = ActivityRecord.objects.get(mediator=user)
    assert record.territory_id == territory.pk and record.place_id == place.pk
    assert record.theme_codes == ["banque-virement", "banque-rib"]
    # The next form starts from today and the place used last.
    form = client.get(reverse("activity_add")).context["form"]
    assert form.initial["place"] == place.pk
    assert form.initial["date"] == timezone.localdate()


def test_the_entry_form_is_one_click_from_the_dashboard(client, club):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("activity_add") in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "date", "dans le futur"),
        ({"kind": v.WORKSHOP, "participants": 500}, "participants", "de 2 à 40 participants"),
        ({"kind": v.WORKSHOP, "participants": -3}, "participants", ""),
        ({"kind": v.WORKSHOP}, "participants", "nombre de participants"),
        ({"theme_list": []}, "theme_list", "au moins un thème"),
        ({"place": ""}, "place", "Choisissez le lieu"),
        ({"note": "appeler au 06 12 34 56 78"}, "note", "numéro de téléphone"),
    ],
)
def test_bad_input_is_refused_in_french(client, club, fields, field, message):
    territory, place, user = club
    data = one(place)
    data.update(fields)
    response = client.post(reverse("activity_add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not ActivityRecord.objects.filter(mediator=user).exists()


def test_a_place_of_another_club_is_refused(client, club):
    _, other_place, _ = make_club()
    response = client.post(reverse("activity_add"), one(other_place))
    assert response.context["form"].errors["place"] == [PLACE_INVALID]
    assert not ActivityRecord.objects.filter(place=other_place).exists()


def test_remote_intervention_has_no_place_and_keeps_the_club(client, club):
    territory, place, user = club
    client.post(reverse("activity_add"), one(place, where=v.REMOTE))
    record = ActivityRecord.objects.get(mediator=user)
    assert record.place is None and record.territory_id == territory.pk


def test_day_sheet_creates_every_record_at_once(client, club):
    territory, place, user = club
    rows = [
        {"count": 3, "theme": "banque-virement", "first_visits": 1},
        {"count": 1, "theme": "banque-rib"},
        {"count": 1, "kind": v.WORKSHOP, "theme": "banque-arnaques", "participants": 6},
        {"count": ""},
    ]
    response = client.post(reverse("activity_day"), day(place, rows))
    assert response.status_code == 302
    records = ActivityRecord.objects.filter(mediator=user)
    assert records.count() == 5
    assert records.filter(themes__contains=" banque-virement ").count() == 3
    assert records.filter(first_visit=True).count() == 1
    workshop = records.get(kind=v.WORKSHOP)
    assert workshop.participants == 6 and workshop.people == 6
    assert set(records.values_list("territory_id", flat=True)) == {territory.pk}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"count": -2, "theme": "banque-rib"}, "négatif"),
        ({"count": 500, "theme": "banque-rib"}, "Au plus 30"),
        ({"count": 1, "kind": v.WORKSHOP, "theme": "banque-rib", "participants": 500}, "au plus 40"),
        ({"count": 2}, "thème"),
    ],
)
def test_day_sheet_saves_nothing_when_a_row_is_wrong(client, club, row, message):
    territory, place, user = club
    rows = [{"count": 3, "theme": "banque-virement"}, row]
    response = client.post(reverse("activity_day"), day(place, rows))
    assert response.status_code == 200
    assert message in str(response.context["rows"].errors)
    assert not ActivityRecord.objects.filter(mediator=user).exists()


def test_day_sheet_in_the_future_saves_nothing(client, club):
    territory, place, user = club
    rows = [{"count": 3, "theme": "banque-virement"}]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("activity_day"), day(place, rows, **{"jour-date": tomorrow}))
    assert "dans le futur" in str(response.context["day"].errors)
    assert not ActivityRecord.objects.filter(mediator=user).exists()


def test_day_sheet_with_another_clubs_place_is_refused(client, club):
    _, other_place, _ = make_club()
    response = client.post(reverse("activity_day"), day(other_place, [{"count": 1, "theme": "banque-rib"}]))
    assert response.context["day"].errors["place"] == [PLACE_INVALID]
    assert not ActivityRecord.objects.filter(place=other_place).exists()


def test_model_refuses_a_place_outside_the_club():
    territory, place, _ = make_club()
    _, other_place, _ = make_club()
    record = make_record(territory, place)
    record.place = other_place
    with pytest.raises(Exception, match="n'appartient pas"):
        record.full_clean()
