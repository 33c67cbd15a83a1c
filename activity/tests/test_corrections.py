"""Correcting and deleting a record: own club only, asked first, same checks as the entry."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activity import vocabulary as v
from activity.entry import PLACE_INVALID
from activity.models import ActivityRecord

from .factories import foundation_user, make_club, make_record, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def club():
    """A club, its place, a record entered by one of its mediators."""
    territory, place, _ = make_club("Club Alpha")
    author = make_staff(territory)
    record = make_record(territory, place, mediator=author, days_ago=3)
    return territory, place, author, record


def form_data(record, **fields):
    data = {
        "date": record.date.isoformat(),
        "where": record.where,
        "place": record.place_id or "",
        "kind": record.kind,
        "duration": record.duration,
        "theme_list": record.theme_codes,
        "age_band": record.age_band,
        "participants": record.participants or "",
        "note": record.note,
    }
    data.update(fields)
    return data


def totals(client):
    return client.get(reverse("activity_dashboard")).context["summary"]["totals"]


def test_the_list_shows_the_clubs_records_newest_first_with_links(client, club):
    territory, place, author, record = club
    newer = make_record(territory, place, days_ago=5)  # entered later, by someone else
    make_record(make_club()[0])  # another club's: not listed
    client.force_login(make_staff(territory))
    response = client.get(reverse("activity_records"))
    assert list(response.context["page"]) == [newer, record]
    html = response.content.decode()
    assert reverse("activity_edit", args=[record.pk]) in html
    assert reverse("activity_delete", args=[record.pk]) in html
    assert author.get_username() in html and place.title in html
    assert reverse("activity_records") in client.get(reverse("activity_dashboard")).content.decode()


def test_the_list_is_paginated(client, club):
    territory, place, _, _ = club
    for _ in range(30):
        make_record(territory, place)
    client.force_login(make_staff(territory))
    assert len(client.get(reverse("activity_records")).context["page"]) == 25
    assert len(client.get(reverse("activity_records"), {"page": 2}).context["page"]) == 6


def test_the_entry_message_links_to_the_correction(client, club):
    territory, place, _, record = club
    user = make_staff(territory)
    client.force_login(user)
    response = client.post(reverse("activity_add"), form_data(record), follow=True)
    created = ActivityRecord.objects.get(mediator=user)
    html = response.content.decode()
    assert "Corriger cette saisie" in html
    assert reverse("activity_edit", args=[created.pk]) in html


def test_a_correction_changes_the_figures_and_keeps_the_author(client, club):
    territory, place, author, record = club
    colleague = make_staff(territory)
    client.force_login(colleague)
    assert totals(client)["people"] == 1 and totals(client)["workshops"] == 0
    form = client.get(reverse("activity_edit", args=[record.pk])).context["form"]
    assert form.initial["place"] == place.pk and form.initial["theme_list"] == ["banque-virement"]
    data = form_data(record, kind=v.WORKSHOP, participants=6, theme_list=["banque-arnaques"])
    response = client.post(reverse("activity_edit", args=[record.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert record.kind == v.WORKSHOP and record.participants == 6
    assert record.theme_codes == ["banque-arnaques"]
    assert record.mediator == author and record.territory == territory
    after = totals(client)
    assert after["people"] == 6 and after["workshops"] == 1 and after["interventions"] == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "date", "dans le futur"),
        ({"kind": v.WORKSHOP, "participants": 500}, "participants", "de 2 à 40 participants"),
        ({"kind": v.WORKSHOP, "participants": ""}, "participants", "nombre de participants"),
        ({"theme_list": []}, "theme_list", "au moins un thème"),
        ({"note": "appeler au 06 12 34 56 78"}, "note", "numéro de téléphone"),
    ],
)
def test_bad_input_on_correction_is_refused_in_french_and_changes_nothing(
    client, club, fields, field, message
):
    territory, place, author, record = club
    before = ActivityRecord.objects.values().get(pk=record.pk)
    client.force_login(author)
    response = client.post(reverse("activity_edit", args=[record.pk]), form_data(record, **fields))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert ActivityRecord.objects.values().get(pk=record.pk) == before


def test_another_clubs_place_is_refused_on_correction(client, club):
    territory, place, author, record = club
    _, other_place, _ = make_club()
    client.force_login(author)
    response = client.post(
        reverse("activity_edit", args=[record.pk]), form_data(record, place=other_place.pk)
    )
    assert response.context["form"].errors["place"] == [PLACE_INVALID]
    record.refresh_from_db()
    assert record.place == place


def test_delete_asks_first_then_deletes(client, club):
    territory, place, author, record = club
    client.force_login(author)
    assert totals(client)["interventions"] == 1
    response = client.get(reverse("activity_delete", args=[record.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    expected = (
        f"Supprimer l&#x27;intervention du {record.date:%d/%m/%Y} à {place.title} "
        "(accompagnement individuel, faire un virement) ? Elle disparaîtra des chiffres."
    )
    assert expected in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert ActivityRecord.objects.filter(pk=record.pk).exists()
    response = client.post(reverse("activity_delete", args=[record.pk]))
    assert response.status_code == 302
    assert not ActivityRecord.objects.filter(pk=record.pk).exists()
    assert totals(client)["interventions"] == 0


def test_a_demo_record_is_corrected_and_deleted_like_another(client, club):
    territory, place, author, _ = club
    demo = make_record(territory, place, is_demo=True)
    client.force_login(make_staff(territory))
    response = client.post(reverse("activity_edit", args=[demo.pk]), form_data(demo, duration="30-60"))
    assert response.status_code == 302
    demo.refresh_from_db()
    assert demo.duration == "30-60" and demo.is_demo
    client.post(reverse("activity_delete", args=[demo.pk]))
    assert not ActivityRecord.objects.filter(pk=demo.pk).exists()


def who(name, territory):
    if name == "own club staff":
        return make_staff(territory)
    if name == "other club staff":
        return make_staff(make_club()[0])
    if name == "foundation":
        return foundation_user()
    if name == "editor":
        return make_user(Group.objects.get(name="Rédacteurs"))
    return make_user(is_superuser=True, is_staff=True)


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("own club staff", True),
        ("other club staff", False),
        ("foundation", False),
        ("editor", False),
        ("superuser", True),
    ],
)
def test_who_may_correct_and_delete(client, club, name, allowed):
    territory, place, author, record = club
    client.force_login(who(name, territory))
    edit, delete = reverse("activity_edit", args=[record.pk]), reverse("activity_delete", args=[record.pk])
    expected = 200 if allowed else 403
    assert client.get(edit).status_code == expected
    assert client.get(delete).status_code == expected
    listed = client.get(reverse("activity_records"))
    if name == "other club staff":
        assert listed.status_code == 200 and record not in listed.context["page"]
    else:
        assert listed.status_code == expected

    response = client.post(edit, form_data(record, duration="30-60"))
    assert response.status_code == (302 if allowed else 403)
    record.refresh_from_db()
    assert (record.duration == "30-60") is allowed
    assert record.mediator == author

    response = client.post(delete)
    assert response.status_code == (302 if allowed else 403)
    assert ActivityRecord.objects.filter(pk=record.pk).exists() is not allowed


def test_an_unknown_record_is_not_found(client, club):
    territory, *_ = club
    client.force_login(make_staff(territory))
    assert client.get(reverse("activity_edit", args=[999999])).status_code == 404


def test_a_record_older_than_a_year_can_still_be_corrected():
    """Only a new date is checked against a year back: an old record keeps its date."""
    club, place, _ = make_club("Club Ancien")
    record = make_record(club, place)
    old = timezone.localdate() - timedelta(days=400)
    ActivityRecord.objects.filter(pk=record.pk).update(date=old)
    record.refresh_from_db()
    record.participants = None
    record.full_clean()  # same old date: accepted
    record.date = old - timedelta(days=1)
    with pytest.raises(ValidationError):
        record.full_clean()
