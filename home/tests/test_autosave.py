"""Wagtail's autosave and our forms agree (issues 27 and 36): autosave posts the edit form at
any moment, a half-filled new row included; it never gets a server error, and the editor's
own autosaved revisions never make their Publish look like someone else's newer version."""

import json

import pytest
from django.urls import reverse

from home.tests.admin_forms import form_data, logged_in
from locations.models import LocationPage
from locations.tests.factories import make_place, make_territory
from workshops.models import WorkshopPage
from workshops.tests.factories import make_workshop

pytestmark = pytest.mark.django_db


class Editor:
    """One open edit form, driven as Wagtail's admin script drives it: autosaves send the
    whole form plus the revision they overwrite, and apply the answer's field updates."""

    def __init__(self, client, page):
        self.client, self.url = client, reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = client.get(self.url)
        assert response.status_code == 200
        self.data = form_data(response.content)
        self.autosaved = None

    def add_row(self, prefix, **fields):
        index = int(self.data[f"{prefix}-TOTAL_FORMS"])
        self.data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
        template = f"{prefix}-__prefix__-"  # the blank row the admin script copies
        self.data.update(
            {
                f"{prefix}-{index}-" + k[len(template) :]: v
                for k, v in self.data.items()
                if k.startswith(template)
            }
        )
        self.data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        self.data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
        return index

    def autosave(self):
        data = dict(self.data)
        if self.autosaved:
            data["overwrite_revision_id"] = str(self.autosaved)
        response = self.client.post(self.url, data, HTTP_ACCEPT="application/json")
        assert response.status_code < 500, response.content[:2000]
        answer = json.loads(response.content)
        if answer.get("success"):
            self.autosaved = answer["revision_id"]
            self.data.update(answer["field_updates"])
        return answer

    def press(self, action="action-publish"):
        return self.client.post(self.url, {**self.data, action: "1"})


@pytest.fixture
def place():
    return make_place(make_territory(departments="14"), title="Mairie de Lisieux", intro="Ancienne intro.")


# Each state a new slot row passes through while someone fills it at a person's pace.
SLOT_STATES = [
    {},
    {"weekday": "5"},
    {"weekday": "5", "start": "10:00"},
    {"weekday": "5", "start": "10:00", "end": "1"},
    {"weekday": "5", "start": "10:00", "end": "12:00"},
]


def test_every_state_of_a_new_slot_autosaves_then_publishes(place):
    editor = Editor(logged_in("equipe"), place)
    index = editor.add_row("slots")
    for state in SLOT_STATES:
        editor.data.update({f"slots-{index}-{name}": value for name, value in state.items()})
        answer = editor.autosave()
        assert answer["success"] or answer["error_code"] == "validation_error", answer
    assert editor.autosaved  # some of them were saved as a draft revision
    response = editor.press()
    assert response.status_code == 302, response.content.decode()[:3000]
    live = LocationPage.objects.get(pk=place.pk)
    assert live.slots.filter(weekday=5, start="10:00", end="12:00").count() == 1


def test_a_blank_and_a_half_filled_closure_autosave_without_error(place):
    editor = Editor(logged_in("equipe"), place)
    index = editor.add_row("closures")
    assert editor.autosave()["success"]
    editor.data[f"closures-{index}-reason"] = "Congés"
    assert not editor.autosave()["success"]  # a French message in the form, no server error
    response = editor.press()
    assert response.status_code == 200
    assert "Fermeture 1, « Du » : à remplir." in response.content.decode()
    editor.data[f"closures-{index}-start"] = "2027-08-02"
    assert not editor.autosave()["success"]
    editor.data[f"closures-{index}-end"] = "2027-08-20"
    assert editor.autosave()["success"]
    assert editor.press().status_code == 302
    assert LocationPage.objects.get(pk=place.pk).closures.filter(reason="Congés").exists()


def test_a_half_filled_workshop_date_autosaves_then_publishes(place):
    place.phone = "02 31 00 00 00"  # the workshop's sign-up by phone needs one
    place.save_revision().publish()
    workshop = make_workshop(place, title="Atelier banque en ligne")
    editor = Editor(logged_in("equipe"), workshop)
    index = editor.add_row("sessions")
    assert editor.autosave()["success"]
    editor.data[f"sessions-{index}-start"] = "14:00"
    assert editor.autosave()["error_code"] == "validation_error"
    editor.data.update({f"sessions-{index}-date": "2027-09-15", f"sessions-{index}-end": "16:00"})
    assert editor.autosave()["success"]
    assert editor.press().status_code == 302
    assert WorkshopPage.objects.get(pk=workshop.pk).sessions.filter(date="2027-09-15").exists()


def test_own_autosaves_are_not_someone_elses_version_for_publish_and_submit(place):
    editor = Editor(logged_in("redaction"), place)
    for intro in ("Intro r", "Intro relue", "Intro relue par l'équipe."):
        editor.data["intro"] = intro
        assert editor.autosave()["success"]
    response = editor.press("action-submit")
    assert response.status_code == 302, response.content.decode()[:3000]
    page = LocationPage.objects.get(pk=place.pk)
    assert page.get_latest_revision_as_object().intro == "Intro relue par l'équipe."
    assert page.current_workflow_state is not None


def test_someone_elses_save_after_my_autosave_is_refused_with_a_real_link(place):
    mine, theirs = Editor(logged_in("equipe"), place), Editor(logged_in("administratrice"), place)
    mine.data["intro"] = "Mon intro."
    assert mine.autosave()["success"]
    theirs.data["address"] = "5 place de la République"
    theirs.autosave()  # refused by Wagtail itself: my autosave is newer than their form
    response = theirs.press()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Quelqu'un a enregistré cette page depuis que vous" in html
    assert "&lt;a href" not in html
    assert f'<a href="/admin/pages/{place.pk}/revisions/compare/' in html
    assert "5 place de la République" in html  # nothing typed is lost
    # And mine, the other way round, once they have published.
    theirs = Editor(logged_in("relectrice"), place)
    theirs.data["address"] = "7 place de la République"
    assert theirs.press().status_code == 302
    mine.data["intro"] = "Mon intro, finie."
    assert mine.autosave()["error_code"] == "invalid_revision"
    response = mine.press()
    assert response.status_code == 200
    assert "Quelqu'un a enregistré cette page" in response.content.decode()
    live = LocationPage.objects.get(pk=place.pk)
    # Hers was opened after my autosave: it showed my intro, and published it with her address.
    assert live.address == "7 place de la République" and live.intro == "Mon intro."
