"""Participants typed on a workshop page feed the activity figures once, and only once."""

import pytest

from activity import figures
from activity.models import ActivityRecord
from home.tests.admin_forms import form_data
from locations.tests.factories import make_place, make_territory
from workshops.models import WorkshopPage
from workshops.tests.factories import make_session, make_workshop
from workshops.tests.test_workshops import staff_client

pytestmark = pytest.mark.django_db


def republish(workshop, **session_fields):
    """Edit the first session like staff would, and publish again."""
    workshop = WorkshopPage.objects.get(pk=workshop.pk)
    sessions = list(workshop.sessions.all())
    for name, value in session_fields.items():
        setattr(sessions[0], name, value)
    workshop.sessions = sessions
    workshop.save_revision().publish()
    return workshop


def records_of(workshop):
    return ActivityRecord.objects.filter(workshop_session__session__page=workshop)


def test_staff_type_participants_after_the_workshop_and_the_club_figures_count_them():
    club = make_territory(departments="14")
    place = make_place(club, phone="02 31 00 11 22")
    workshop = make_workshop(place, sessions=[make_session(-2), make_session(5)], themes=["banque-virement"])
    client = staff_client(club)
    data = form_data(client.get(f"/admin/pages/{workshop.pk}/edit/").content)
    data["sessions-0-participants"] = "7"
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)
    assert response.status_code == 302

    record = records_of(workshop).get()
    assert (record.kind, record.participants, record.place_id, record.territory_id) == (
        "atelier",
        7,
        place.pk,
        club.pk,
    )
    assert record.theme_codes == ["banque-virement"]
    assert record.date == workshop.sessions.order_by("date").first().date
    assert record.mediator is not None and record.mediator.username == "equipe-ateliers"
    totals = figures.totals(figures.records([club], record.date, record.date))
    assert (totals["workshops"], totals["workshop_people"]) == (1, 7)


def test_republishing_never_duplicates_and_a_correction_on_the_page_updates_the_record():
    workshop = make_workshop(sessions=[make_session(-3, participants=6)])
    assert records_of(workshop).count() == 1
    republish(workshop)
    republish(workshop)
    assert records_of(workshop).count() == 1
    republish(workshop, participants=9)
    assert list(records_of(workshop).values_list("participants", flat=True)) == [9]


def test_a_record_corrected_or_deleted_by_a_mediator_is_left_as_they_left_it():
    workshop = make_workshop(sessions=[make_session(-3, participants=6), make_session(-10, participants=4)])
    first, second = records_of(workshop).order_by("-date")
    first.participants = 5  # corrected in the activity section
    first.save()
    second.delete()  # deleted in the activity section
    republish(workshop, participants=12)
    assert list(records_of(workshop).values_list("participants", flat=True)) == [5]
    assert ActivityRecord.objects.filter(date=second.date, place=second.place_id).count() == 0


def test_cancelled_and_future_dates_are_never_counted():
    workshop = make_workshop(sessions=[make_session(-3, participants=6, status="annule"), make_session(4)])
    assert records_of(workshop).count() == 0
