"""Issue 28: the admin guard holds on every door, for every profile.

Each door is a real request (the edit view, the admin API's page actions, bulk actions,
scheduling, the move and copy confirmations, reports and their CSV exports, the explorer's
filters) tried by club staff, another club's staff, the Fondation, an editor and an
administrator on the pages of FACE Normandie. Each door runs in its own savepoint, rolled back:
every door starts from the same demo site. A door answers True when the operation took effect
(or the club's data was shown)."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Page

from activity.tests.factories import make_record
from home.tests.admin_forms import form_data
from locations import staff
from locations.models import LocationPage, TerritoryPage
from locations.tests.factories import make_place
from partners.models import PartnerPage

pytestmark = pytest.mark.django_db

CLUB, OTHER_CLUB = "face-normandie", "mediance-66"
STAFF, OTHER, FONDATION, EDITOR, ADMIN = (
    "équipe du club",
    "autre club",
    "Fondation",
    "éditeur",
    "administration",
)
ROLES = (STAFF, OTHER, FONDATION, EDITOR, ADMIN)


def territory(slug=CLUB):
    return TerritoryPage.objects.get(slug=slug)


def user_for(role):
    model = get_user_model()
    username = f"porte-{ROLES.index(role)}"
    if role == ADMIN:
        return model.objects.create_superuser(username, f"{username}@example.org", "x")
    user = model.objects.create_user(username, f"{username}@example.org", "x")
    group = {
        STAFF: lambda: staff.staff_group_of(territory()),
        OTHER: lambda: staff.staff_group_of(territory(OTHER_CLUB)),
        FONDATION: lambda: Group.objects.get(name="Fondation"),
        EDITOR: lambda: Group.objects.get(name="Rédacteurs"),
    }[role]()
    user.groups.add(group)
    return user


def client_for(role):
    client = Client()
    client.force_login(user_for(role))
    return client


@pytest.fixture
def club():
    """The club's territory and a place of its own without activity records (deletable)."""
    place = make_place(territory(), title="Permanence des portes", postcode="14100", commune="Lisieux")
    return territory(), LocationPage.objects.get(pk=place.pk)


def api(client, page, action, **data):
    return client.post(
        f"/admin/api/main/pages/{page.pk}/action/{action}/", json.dumps(data), content_type="application/json"
    )


def fresh(page):
    return Page.objects.filter(pk=page.pk).first()


# --- the doors: each tries one operation and says whether it took effect -------------------------


def edit_view(client, club, place):
    return client.get(f"/admin/pages/{club.pk}/edit/").status_code == 200


def api_read(client, club, place):
    response = client.get(f"/admin/api/main/pages/{club.pk}/")
    return response.status_code == 200 and club.title in response.content.decode()


def api_unpublish_territory(client, club, place):
    api(client, club, "unpublish", recursive=True)
    return not fresh(club).live


def api_delete_place(client, club, place):
    api(client, place, "delete")
    return fresh(place) is None


def api_move_place_to_other_club(client, club, place):
    api(client, place, "move", destination_page_id=territory(OTHER_CLUB).pk, position="last-child")
    return fresh(place).get_parent().pk == territory(OTHER_CLUB).pk


def api_copy_territory(client, club, place):
    api(client, club, "copy", destination_page_id=club.get_parent().pk, slug="copie-du-club", title="Copie")
    return Page.objects.filter(slug="copie-du-club").exists()


def api_publish_place(client, club, place):
    place.title = "Permanence des portes (nouveau nom)"
    place.save_revision()
    api(client, place, "publish")
    return fresh(place).title == place.title


def api_revert_place(client, club, place):
    revisions = place.revisions.count()
    api(client, place, "revert_to_page_revision", revision_id=place.latest_revision_id)
    return place.revisions.count() > revisions


def api_convert_alias(client, club, place):
    partner = PartnerPage.objects.child_of(club).first()
    alias = partner.create_alias(parent=club, update_slug="alias-des-portes")
    api(client, alias, "convert_alias")
    return fresh(alias).alias_of_id is None


def api_unpublish_place(client, club, place):
    api(client, place, "unpublish")
    return not fresh(place).live


def bulk_delete_place(client, club, place):
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={place.pk}")
    return fresh(place) is None


def bulk_unpublish_territory(client, club, place):
    client.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={club.pk}", {"include_descendants": "on"})
    return not fresh(club).live


def bulk_move_place_to_other_club(client, club, place):
    client.post(f"/admin/bulk/wagtailcore/page/move/?id={place.pk}", {"chooser": territory(OTHER_CLUB).pk})
    return fresh(place).get_parent().pk == territory(OTHER_CLUB).pk


EXPIRY = (timezone.localtime() + datetime.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")


def schedule_expiry(client, page):
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    if response.status_code != 200:
        return False
    data = {**form_data(response.content), "expire_at": EXPIRY, "action-publish": "1"}
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    return fresh(page).specific.expire_at is not None


def schedule_territory_expiry(client, club, place):
    return schedule_expiry(client, club)


def schedule_place_expiry(client, club, place):
    return schedule_expiry(client, place)


def move_confirm_shows_other_club(client, club, place):
    """Moving one's own place: the confirmation page must not name another club's page."""
    other = territory(OTHER_CLUB)
    response = client.get(f"/admin/pages/{place.pk}/move/{other.pk}/confirm/")
    return other.title in response.content.decode()


def move_confirm_shows_the_club(client, club, place):
    """Another club's page moved into this club: the confirmation names this club's page."""
    theirs = LocationPage.objects.child_of(territory(OTHER_CLUB)).first()
    response = client.get(f"/admin/pages/{theirs.pk}/move/{club.pk}/confirm/")
    return club.title in response.content.decode()


def copy_view_shows_the_club(client, club, place):
    response = client.get(f"/admin/pages/{place.pk}/copy/")
    return response.status_code == 200 and place.title in response.content.decode()


REPORT_EXPORTS = (
    "/admin/reports/aging-pages/?export=csv",
    "/admin/reports/site-history/?export=csv",
    "/admin/reports/locked/?export=csv",
    "/admin/reports/horaires-a-confirmer/?export=csv",
    "/admin/reports/aging-pages/?export=xlsx",
)


def reports_show_the_club(client, club, place):
    place.save_revision(user=get_user_model().objects.filter(is_superuser=True).first(), log_action=True)
    Page.objects.filter(pk=place.pk).update(locked=True, locked_at=timezone.now())
    for url in REPORT_EXPORTS:
        response = client.get(url)
        if response.status_code == 200:
            content = b"".join(response.streaming_content) if response.streaming else response.content
            if place.title.encode() in content:
                return True
    return False


def owner_filter_shows_the_club_staff(client, club, place):
    owner = get_user_model().objects.create_user("proprietaire-normandie", "pn@example.org", "x")
    owner.groups.add(staff.staff_group_of(club))
    Page.objects.filter(pk=place.pk).update(owner=owner)
    for url in ("/admin/pages/", "/admin/pages/search/?q=Permanence"):
        response = client.get(url, follow=True)
        if response.status_code == 200 and owner.username in response.content.decode():
            return True
    return False


DOORS = [
    # door: what each profile gets (club staff, other club, Fondation, editor, administrator)
    (edit_view, (True, False, False, True, True)),
    (api_read, (True, False, False, True, True)),
    (api_unpublish_territory, (False, False, False, False, True)),
    (api_delete_place, (False, False, False, False, True)),
    (api_move_place_to_other_club, (False, False, False, False, True)),
    (api_copy_territory, (False, False, False, False, True)),
    (api_publish_place, (True, False, False, False, True)),
    (api_revert_place, (True, False, False, True, True)),
    (api_convert_alias, (True, False, False, True, True)),
    (api_unpublish_place, (True, False, False, False, True)),
    (bulk_delete_place, (False, False, False, False, True)),
    (bulk_unpublish_territory, (False, False, False, False, True)),
    (bulk_move_place_to_other_club, (False, False, False, False, True)),
    (schedule_territory_expiry, (False, False, False, False, True)),
    (schedule_place_expiry, (True, False, False, False, True)),
    # Editors (the national team) see every club; staff of a club, none but their own.
    (move_confirm_shows_other_club, (False, False, False, True, True)),
    (move_confirm_shows_the_club, (False, False, False, True, True)),
    (copy_view_shows_the_club, (True, False, False, True, True)),
    (reports_show_the_club, (True, False, False, True, True)),
    (owner_filter_shows_the_club_staff, (True, False, False, True, True)),
]


def walk(role, club):
    """{door name: what happened} for `role`, each door from the same state."""
    results = {}
    for door, _expected in DOORS:
        with transaction.atomic():
            client = client_for(role)
            results[door.__name__] = door(client, *(fresh(page).specific for page in club))
            transaction.set_rollback(True)
    return results


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_door_by_door(club, role):
    expected = {door.__name__: answers[ROLES.index(role)] for door, answers in DOORS}
    assert walk(role, club) == expected


# --- the refusals are said in French, logged, and hold on the operation itself ------------------


def test_the_admin_api_refuses_club_staff_in_french(club, caplog):
    territory_page, place = club
    client = client_for(STAFF)
    response = api(client, territory_page, "unpublish", recursive=False)
    assert response.status_code == 403
    assert "Seule l'administration du portail peut dépublier le club" in response.json()["detail"]
    response = api(client, place, "delete")
    assert response.status_code == 403
    assert "ne peut pas être supprimé par l'équipe du club" in response.json()["detail"]
    response = api(client, place, "move", destination_page_id=territory(OTHER_CLUB).pk, position="last-child")
    assert response.json()["detail"] == "Cette page appartient à un autre club."
    assert fresh(territory_page).live and fresh(place) is not None
    assert sum("Admin guard refused" in r.getMessage() for r in caplog.records) == 3


@pytest.mark.parametrize(
    "operation",
    [
        lambda user, club, place: DeletePageAction(place, user=user).execute(),
        lambda user, club, place: UnpublishPageAction(club, user=user).execute(),
        lambda user, club, place: MovePageAction(
            club, club.get_parent(), pos="first-child", user=user
        ).execute(),
        lambda user, club, place: CopyPageAction(
            club, to=club.get_parent(), update_attrs={"slug": "x"}, user=user
        ).execute(),
    ],
    ids=["delete a place", "unpublish the club", "move the club", "copy the club"],
)
def test_wagtails_actions_refuse_club_staff_whatever_the_route(club, operation):
    territory_page, place = club
    with pytest.raises(PermissionDenied):
        operation(user_for(STAFF), territory_page, place)
    assert fresh(territory_page).live and fresh(place) is not None


def test_a_place_still_moves_inside_its_club(club):
    territory_page, place = club
    perms = place.permissions_for_user(user_for(STAFF))
    assert perms.can_move_to(territory_page) and perms.can_unpublish()
    assert not perms.can_delete() and not perms.can_set_view_restrictions()


def test_the_api_says_in_french_why_an_administrator_cannot_delete_a_club_with_activity(client, admin_user):
    club_page = territory()
    make_record(club_page)
    client.force_login(admin_user)
    response = api(client, club_page, "delete")
    assert response.status_code == 403
    assert "ne peut pas être supprimée, pour ne pas perdre ses chiffres" in response.json()["detail"]
    assert fresh(club_page) is not None


def test_a_place_with_activity_keeps_its_page(client, admin_user, club):
    _territory, place = club
    record = make_record(territory(), place=place)
    client.force_login(admin_user)
    response = client.post(f"/admin/pages/{place.pk}/delete/", follow=True)
    assert "Ce lieu a " in response.content.decode()
    record.refresh_from_db()
    assert record.place_id == place.pk
    assert api(client, place, "delete").status_code == 403
