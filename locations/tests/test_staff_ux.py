"""Issue 15: club staff update hours in two minutes, in French, without fear of breaking anything.

The edit view opens on the hours; a blank row is ignored; each error names its row; dates are
French; changed hours are confirmed today; « Publier » is the main button; the dashboard lists
« Mes lieux »; and the permission matrix of README.md (« Qui peut faire quoi »)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Task, Workflow

from guides.models import GuidePage
from home.tests.admin_forms import form_data
from locations import staff
from locations.models import LocationPage, TerritoryPage
from locations.tests.factories import make_place, make_slot, make_territory

pytestmark = pytest.mark.django_db


def staff_client(territory, username="equipe"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(staff.staff_group_of(territory))
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def club():
    return make_territory(departments="14")


@pytest.fixture
def place(club):
    return make_place(club, title="Mairie de Lisieux", hours_confirmed_on=datetime.date(2020, 1, 1))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_form(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return form_data(response.content)


def add_row(data, prefix, **values):
    """Add a row to an inline formset the way « Ajouter un créneau » does (blank unless told)."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    defaults = {"weekday": "0", "recurrence": "weekly"} if prefix == "slots" else {}
    row = {"id": "", "ORDER": str(index + 1), "DELETE": "", **defaults, **values}
    for name, value in row.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def publish(client, page, data):
    return client.post(edit_url(page), {**data, "action-publish": "1"})


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- hours first, in French -----------------------------------------------------------------


def test_the_edit_view_opens_on_the_hours_with_french_buttons(club, place):
    client, _ = staff_client(club)
    response = client.get(edit_url(place))
    tabs = [tab.get_text(" ", strip=True) for tab in soup(response).select("[role=tab]")]
    assert tabs[0].startswith("Horaires")
    assert any(tab.startswith("Lieu et adresse") for tab in tabs)
    text = response.content.decode()
    assert "Ajouter un créneau" in text and "Ajouter une fermeture" in text
    assert "un(e)" not in text and "Moderators" not in text
    # « Publier » is the main button: the first action of the footer.
    footer = soup(response).select_one("footer")
    first_button = footer.select_one("button[name], [type=submit]")
    assert first_button.get("name") == "action-publish"
    assert "Publier" in first_button.get_text()


def test_default_workflow_and_moderators_have_french_names():
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert not Workflow.objects.filter(name__icontains="approval").exists()


# --- forgiving forms -------------------------------------------------------------------------


def test_a_blank_slot_or_closure_row_is_ignored(club, place):
    client, _ = staff_client(club)
    data = add_row(add_row(open_form(client, place), "slots"), "closures")
    response = publish(client, place, data)
    assert response.status_code == 302, soup(response).select(".error-message")
    place.refresh_from_db()
    assert place.slots.count() == 1 and place.closures.count() == 0
    assert place.hours_confirmed_on == datetime.date(2020, 1, 1)  # nothing changed in the hours


def test_each_error_says_which_row_and_what_is_wrong(club, place):
    client, _ = staff_client(club)
    data = add_row(open_form(client, place), "slots", weekday="3", start="14:00", end="10:00")
    data = add_row(data, "slots", weekday="4", start="", end="12:00", note="sur rendez-vous")
    response = publish(client, place, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Créneau 2 : l&#x27;heure de fin doit être après l&#x27;heure de début." in text
    assert "Créneau 3, « Début » : à remplir." in text
    assert not LocationPage.objects.get(pk=place.pk).slots.filter(weekday=3).exists()


def test_dates_are_shown_and_typed_the_french_way(club, place):
    client, _ = staff_client(club)
    data = add_row(
        open_form(client, place), "closures", start="19/07/2027", end="02/08/2027", reason="Congés"
    )
    assert publish(client, place, data).status_code == 302
    closure = LocationPage.objects.get(pk=place.pk).closures.get()
    assert (closure.start, closure.end) == (datetime.date(2027, 7, 19), datetime.date(2027, 8, 2))
    form = open_form(client, place)
    assert form["closures-0-start"] == "19/07/2027"
    assert form["hours_confirmed_on"] == timezone.localdate().strftime("%d/%m/%Y")
    assert form["slots-0-start"] == "09:00"


def test_a_wrong_date_says_the_expected_format(club, place):
    client, _ = staff_client(club)
    data = add_row(open_form(client, place), "closures", start="2027-19-07", end="", reason="Congés")
    text = publish(client, place, data).content.decode()
    assert "Fermeture 1, « Du » : saisissez une date au format jj/mm/aaaa" in text


# --- saving changed hours confirms them -------------------------------------------------------


def test_changing_the_hours_confirms_them_today_by_that_user(club, place):
    client, user = staff_client(club)
    data = open_form(client, place)
    data["slots-0-end"] = "12:30"
    response = publish(client, place, data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.slots.get().end == datetime.time(12, 30)
    assert place.hours_confirmed_on == timezone.localdate()
    assert place.live_revision.user == user
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("visibles tout de suite sur la page du lieu et son affiche" in m for m in messages)


def test_other_changes_leave_the_confirmation_date(club, place):
    client, _ = staff_client(club)
    data = open_form(client, place)
    data["intro"] = "Au rez-de-chaussée."
    assert publish(client, place, data).status_code == 302
    place.refresh_from_db()
    assert place.hours_confirmed_on == datetime.date(2020, 1, 1)


def test_deleting_a_slot_confirms_the_hours(club):
    place = make_place(club, slots=[make_slot(), make_slot(weekday=3)], hours_confirmed_on=None)
    client, _ = staff_client(club)
    data = open_form(client, place)
    data["slots-1-DELETE"] = "1"
    assert publish(client, place, data).status_code == 302
    place.refresh_from_db()
    assert place.slots.count() == 1 and place.hours_confirmed_on == timezone.localdate()


# --- INSEE from the postcode and commune -------------------------------------------------------


def test_insee_is_filled_from_postcode_and_commune(club):
    place = LocationPage(
        title="Médiathèque de Bayeux", address="1 rue", postcode="14400", commune="bayeux", insee=""
    )
    place.clean()
    assert place.insee == "14047"
    moved = LocationPage(
        title="Mairie de Caen", address="1 rue", postcode="14000", commune="Caen", insee="14047"
    )
    moved.clean()  # the commune changed: the old code follows it
    assert moved.insee == "14118"


def test_an_unknown_commune_for_the_postcode_is_explained(club):
    place = LocationPage(title="Lieu inconnu", address="1 rue", postcode="14400", commune="Paris", insee="")
    with pytest.raises(Exception) as error:
        place.clean()
    assert "n'a pas le code postal 14400" in str(error.value)


# --- « Mes lieux » on the dashboard --------------------------------------------------------------


def test_my_places_panel_lists_next_sessions_stale_first_with_buttons(club, place):
    fresh = make_place(club, title="Maison France Services", hours_confirmed_on=timezone.localdate())
    client, _ = staff_client(club)
    panel = soup(client.get("/admin/")).select_one("#my-places-section")
    assert panel is not None
    rows = panel.select("tbody tr")
    titles = [row.select_one("td").get_text(" ", strip=True) for row in rows]
    assert titles[0].startswith("Mairie de Lisieux") and titles[1].startswith("Maison France Services")
    assert "à vérifier" in rows[0].get_text() and "à vérifier" not in rows[1].get_text()
    assert "de 9 h à 12 h" in rows[0].get_text()
    assert rows[0].select_one(f'a[href="{edit_url(place)}"]')
    assert rows[1].select_one(f'form[action="/admin/lieux/{fresh.pk}/horaires-confirmes/"]')
    assert not soup(client.get("/admin/")).select_one("#stale-hours-section")


# --- who may do what (README.md, « Qui peut faire quoi ») -----------------------------------------

STAFF, ADMIN = "équipe du club", "administration"

# (page, action): (club staff, administrator). « autre club » is a place of another club.
MATRIX = {
    ("territoire", "modifier"): (True, True),
    ("territoire", "publier"): (True, True),
    ("territoire", "ajouter un lieu"): (True, True),
    ("territoire", "dépublier"): (False, True),
    ("territoire", "supprimer"): (False, True),
    ("territoire", "déplacer"): (False, True),
    ("lieu", "modifier"): (True, True),
    ("lieu", "publier"): (True, True),
    ("lieu", "dépublier"): (True, True),
    ("lieu", "supprimer"): (False, True),
    ("lieu", "déplacer"): (True, True),
    ("partenaire", "modifier"): (True, True),
    ("partenaire", "publier"): (True, True),
    ("partenaire", "dépublier"): (True, True),
    ("partenaire", "supprimer"): (False, True),
    ("autre club", "modifier"): (False, True),
    ("autre club", "dépublier"): (False, True),
    ("autre club", "supprimer"): (False, True),
    ("guide", "modifier"): (False, True),
    ("guide", "publier"): (False, True),
    ("guide", "supprimer"): (False, True),
}


def matrix_pages():
    territory = TerritoryPage.objects.get(slug="face-normandie")
    partner = Page.objects.child_of(territory).not_type(LocationPage).live().first()
    return {
        "territoire": territory,
        "lieu": LocationPage.objects.child_of(territory).live().first(),
        "partenaire": partner,
        "autre club": LocationPage.objects.get(slug="thuir"),
        "guide": GuidePage.objects.live().first(),
    }


def allowed(client, page, action):
    """What the admin answers `client` for `action` on `page`: True when it lets them do it."""
    if action in ("modifier", "publier"):
        response = client.get(edit_url(page))
        if response.status_code != 200:
            return False
        return action == "modifier" or soup(response).select_one('[name="action-publish"]') is not None
    view = {
        "dépublier": "wagtailadmin_pages:unpublish",
        "supprimer": "wagtailadmin_pages:delete",
        "déplacer": "wagtailadmin_pages:move",
        "ajouter un lieu": "wagtailadmin_pages:add_subpage",
    }[action]
    response = client.get(reverse(view, args=[page.pk]))
    return response.status_code == 200


@pytest.mark.parametrize("who", [STAFF, ADMIN])
@pytest.mark.parametrize(("kind", "action"), list(MATRIX))
def test_permission_matrix(demo_site, who, kind, action):
    page = matrix_pages()[kind]
    assert page is not None, kind
    if who == STAFF:
        client, _ = staff_client(TerritoryPage.objects.get(slug="face-normandie"), "equipe-matrice")
    else:
        user = get_user_model().objects.create_superuser("admin-matrice", "am@example.org", "x")
        client = Client()
        client.force_login(user)
    expected = MATRIX[(kind, action)][0 if who == STAFF else 1]
    assert allowed(client, page, action) is expected


# --- moderation e-mails in French -------------------------------------------------------------

ENGLISH_WORDS = ("Save", "Publish", "draft", "Add", "Delete", "Moderators", "approval", "submitted", "un(e)")


def test_moderation_emails_are_in_french(club, place, mailoutbox, settings):
    settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
    moderator = get_user_model().objects.create_user("moderatrice", "mod@example.org", "x")
    moderator.groups.add(Group.objects.get(name="Modérateurs"))
    client, _ = staff_client(club)
    data = open_form(client, place)
    data["intro"] = "À relire."
    response = client.post(edit_url(place), {**data, "action-submit": "1"})
    assert response.status_code == 302
    assert mailoutbox, "no moderation e-mail"
    for message in mailoutbox:
        text = f"{message.subject}\n{message.body}"
        found = [w for w in ENGLISH_WORDS if re.search(rf"\b{re.escape(w)}\b", text)]
        assert found == [], text
