"""Club staff cannot take their club offline: every forbidden action, tried by direct POSTs.

Each test posts as the staff of FACE Normandie, with a real CSRF token fetched from a form
page (Client(enforce_csrf_checks=True)) or with a plain logged-in client, and checks that the
club's pages, their status, its group and the public export are unchanged afterwards.
"""

import html
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client
from wagtail.models import Page, PageViewRestriction

from locations import admin_guard, signals, staff, wagtail_hooks
from locations.models import ClubStaffGroup, LocationIndexPage, LocationPage, TerritoryPage
from partners.models import PartnerPage

PASSWORD = "mot-de-passe-de-test"
CLUB = "face-normandie"
OTHER_CLUB = "mediance-66"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def export_url():
    """The public CSV export, found from the directory page (its URL may move to a page route)."""
    directory = LocationIndexPage.objects.live().first()
    return directory.get_url() + "export/lieux-mediation-numerique.csv"


def territory(slug=CLUB):
    return TerritoryPage.objects.get(slug=slug)


def club_pages(slug=CLUB):
    return list(territory(slug).get_children().specific())


def snapshot(client, slug=CLUB):
    """Everything the guard must keep: pages and their state, privacy, group, public export."""
    club = territory(slug)
    pages = Page.objects.descendant_of(club, inclusive=True)
    group = staff.staff_group_of(club)
    export = client.get(export_url())
    assert export.status_code == 200
    return {
        "pages": sorted(pages.values_list("pk", "path", "live", "title")),
        "restrictions": PageViewRestriction.objects.filter(page__in=pages).count(),
        "group": (group.pk, group.name) if group else None,
        "export": export.getvalue(),
    }


def make_staff(username, slug=CLUB):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(staff.staff_group_of(territory(slug)))
    return user


@pytest.fixture
def csrf_client(demo_site):
    """Staff of FACE Normandie, logged in through a client that checks CSRF tokens."""
    make_staff("club-csrf")
    client = Client(enforce_csrf_checks=True)
    assert client.login(username="club-csrf", password=PASSWORD)
    return client


@pytest.fixture
def staff_client(demo_site, client):
    client.force_login(make_staff("club-plain"))
    return client


def token(client):
    """A CSRF token from a form page the staff may open: their territory's edit form."""
    response = client.get(f"/admin/pages/{territory().pk}/edit/")
    assert response.status_code == 200
    return TOKEN.search(response.content.decode()).group(1)


def post(client, url, data=None):
    data = dict(data or {})
    if getattr(client.handler, "enforce_csrf_checks", False):
        data["csrfmiddlewaretoken"] = token(client)
    return client.post(url, data)


def assert_refused(response, page, text):
    """A redirect back to the page's editor (or the dashboard) with the French message."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] in (f"/admin/pages/{page.pk}/edit/", "/admin/")
    messages = [html.unescape(str(m)) for m in response.wsgi_request._messages]
    assert any(text in m for m in messages), messages


@pytest.fixture(params=["csrf", "plain"])
def any_client(request, csrf_client, staff_client):
    return csrf_client if request.param == "csrf" else staff_client


def test_deleting_every_place_then_the_territory_changes_nothing(any_client, caplog):
    before = snapshot(any_client)
    pages = club_pages()
    assert {type(p) for p in pages} == {LocationPage, PartnerPage}
    with caplog.at_level(logging.WARNING, logger="locations.admin_guard"):
        for page in pages:
            data = {"confirm_site_name": "Pas à pas"}
            assert_refused(post(any_client, f"/admin/pages/{page.pk}/delete/", data), page, "supprimé")
        club = territory()
        response = post(any_client, f"/admin/pages/{club.pk}/delete/", {"confirm_site_name": "Pas à pas"})
        assert_refused(response, club, "Seule l'administration du portail peut supprimer")
    assert snapshot(any_client) == before
    refused = [r.getMessage() for r in caplog.records if r.name == "locations.admin_guard"]
    assert len(refused) == len(pages) + 1
    assert f"refused delete of page {club.pk} to user" in refused[-1]
    assert "club-" in refused[-1]


def test_an_empty_territory_still_cannot_be_deleted(any_client, caplog):
    """The issue's chain: once the places are gone (here: by code), the territory is a leaf."""
    club = territory()
    for page in club_pages():
        page.delete()
    before = snapshot(any_client)
    assert territory().is_leaf()
    with caplog.at_level(logging.WARNING, logger="locations.admin_guard"):
        response = post(any_client, f"/admin/pages/{club.pk}/delete/", {"confirm_site_name": "Pas à pas"})
    assert_refused(response, club, "Seule l'administration du portail peut supprimer")
    assert snapshot(any_client) == before
    assert Group.objects.filter(name="Équipe FACE Normandie").exists()
    assert [f"page {club.pk} to user" in r.getMessage() for r in caplog.records] == [True]


def test_the_delete_hook_refuses_too(demo_site, rf):
    """Inside the view, the before_delete_page hook holds the same rule as the middleware."""
    request = rf.post("/")
    request.user = make_staff("club-hook")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = wagtail_hooks.guard_delete(request, territory())
    assert response.status_code == 302
    assert wagtail_hooks.guard_unpublish(request, territory()).status_code == 302
    place = LocationPage.objects.child_of(territory()).first()
    assert wagtail_hooks.guard_unpublish(request, place) is None
    assert wagtail_hooks.guard_delete(request, place).status_code == 302


def test_unpublishing_the_territory_with_its_descendants_is_refused(any_client):
    before = snapshot(any_client)
    club = territory()
    response = post(any_client, f"/admin/pages/{club.pk}/unpublish/", {"include_descendants": "on"})
    assert_refused(response, club, "dépublier le club")
    assert any_client.get(f"/admin/pages/{club.pk}/unpublish/").status_code == 302
    assert snapshot(any_client) == before


@pytest.mark.parametrize("which", ["territory", "place", "partner"])
def test_privacy_cannot_be_set_on_the_club_pages(any_client, which):
    before = snapshot(any_client)
    page = {
        "territory": territory(),
        "place": LocationPage.objects.child_of(territory()).first(),
        "partner": PartnerPage.objects.child_of(territory()).first(),
    }[which]
    data = {"restriction_type": "password", "password": "secret-du-club", "groups": []}
    response = post(any_client, f"/admin/pages/{page.pk}/privacy/", data)
    assert_refused(response, page, "restreindre l'accès")
    # The admin opens this form in a modal: a plain 403 with the message.
    modal = any_client.get(f"/admin/pages/{page.pk}/privacy/", headers={"x-requested-with": "XMLHttpRequest"})
    assert modal.status_code == 403
    assert "restreindre l'accès" in modal.content.decode()
    assert snapshot(any_client) == before


def test_the_territory_cannot_be_moved_or_copied(any_client):
    before = snapshot(any_client)
    club = territory()
    other = territory(OTHER_CLUB)
    directory = club.get_parent()
    assert_refused(any_client.get(f"/admin/pages/{club.pk}/move/"), club, "déplacer")
    response = post(any_client, f"/admin/pages/{club.pk}/move/{directory.pk}/confirm/")
    assert_refused(response, club, "déplacer")
    response = post(any_client, f"/admin/pages/{club.pk}/move/{other.pk}/confirm/")
    assert response.status_code == 302
    data = {
        "new_title": club.title,
        "new_slug": "copie",
        "new_parent_page": directory.pk,
        "copy_subpages": "on",
    }
    assert_refused(post(any_client, f"/admin/pages/{club.pk}/copy/", data), club, "copier")
    assert snapshot(any_client) == before


def test_a_place_can_be_unpublished_and_republished(any_client):
    place = LocationPage.objects.child_of(territory()).live().first()
    response = post(any_client, f"/admin/pages/{place.pk}/unpublish/")
    assert response.status_code == 302
    place.refresh_from_db()
    assert not place.live
    response = post(any_client, f"/admin/bulk/wagtailcore/page/publish/?id={place.pk}")
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.live


def test_bulk_actions_cannot_delete_or_take_the_club_offline(any_client):
    before = snapshot(any_client)
    club = territory()
    ids = "&".join(f"id={p.pk}" for p in club_pages())
    response = post(any_client, f"/admin/bulk/wagtailcore/page/delete/?{ids}")
    assert response.status_code == 302
    response = post(
        any_client, f"/admin/bulk/wagtailcore/page/unpublish/?id={club.pk}", {"include_descendants": "on"}
    )
    assert response.status_code == 302
    response = post(any_client, f"/admin/bulk/wagtailcore/page/delete/?id={club.pk}")
    assert response.status_code == 302
    assert snapshot(any_client) == before


def other_club_titles():
    return [p.title for p in Page.objects.descendant_of(territory(OTHER_CLUB), inclusive=True)]


def shows_other_club(response):
    text = response.content.decode()
    return [title for title in other_club_titles() if title in text]


def test_bulk_pages_do_not_list_other_clubs(staff_client):
    other = [p.pk for p in club_pages(OTHER_CLUB)]
    ids = "&".join(f"id={pk}" for pk in other + [club_pages()[0].pk])
    response = staff_client.get(f"/admin/bulk/wagtailcore/page/delete/?{ids}")
    assert response.status_code == 302
    assert not shows_other_club(staff_client.get(response["Location"]))
    response = staff_client.get(
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={territory(OTHER_CLUB).pk}"
    )
    assert response.status_code == 302


def test_choosers_show_nothing_of_other_clubs(staff_client):
    other = territory(OTHER_CLUB)
    response = staff_client.get(f"/admin/choose-page/{other.pk}/")
    assert response.status_code == 302
    assert (
        staff_client.get(
            f"/admin/choose-page/{other.pk}/", headers={"x-requested-with": "XMLHttpRequest"}
        ).status_code
        == 403
    )
    directory = territory().get_parent()
    listing = staff_client.get(f"/admin/choose-page/{directory.pk}/")
    assert listing.status_code == 200
    assert territory().title in listing.content.decode()
    assert not shows_other_club(listing)
    place = LocationPage.objects.child_of(other).first()
    search = staff_client.get("/admin/choose-page/search/", {"q": place.title})
    assert search.status_code == 200
    assert place.title not in search.content.decode()
    explorer = staff_client.get(f"/admin/pages/{directory.pk}/")
    assert not shows_other_club(explorer)


def test_page_types_report_is_for_administrators(staff_client, admin_client):
    response = staff_client.get("/admin/reports/page-types-usage/")
    assert_refused(response, territory(), "réservé à l'administration")
    assert "page-types-usage" not in staff_client.get("/admin/").content.decode()
    assert admin_client.get("/admin/reports/page-types-usage/").status_code == 200


def test_staff_do_not_see_the_forbidden_buttons(staff_client):
    club = territory()
    listing = staff_client.get(f"/admin/pages/{club.get_parent().pk}/").content.decode()
    for action in ("delete", "move", "unpublish", "copy", "privacy"):
        assert f"/admin/pages/{club.pk}/{action}/" not in listing
    place = LocationPage.objects.child_of(club).first()
    children = staff_client.get(f"/admin/pages/{club.pk}/").content.decode()
    assert f"/admin/pages/{place.pk}/delete/" not in children
    assert f"/admin/pages/{place.pk}/unpublish/" in children


def test_rules(demo_site):
    user = make_staff("club-rules")
    club = territory()
    place = LocationPage.objects.child_of(club).first()
    assert admin_guard.forbidden_actions(user, club) == admin_guard.TERRITORY_FORBIDDEN
    assert admin_guard.forbidden_actions(user, place) == admin_guard.CLUB_PAGE_FORBIDDEN
    assert admin_guard.refusal(user, place, admin_guard.UNPUBLISH) is None
    assert admin_guard.forbidden_actions(user, club.get_parent()) == frozenset()
    assert list(admin_guard.other_club_territories(user)) == list(TerritoryPage.objects.exclude(pk=club.pk))
    superuser = get_user_model().objects.create_superuser("root-rules", "root@example.org", PASSWORD)
    assert admin_guard.forbidden_actions(superuser, club) == frozenset()
    assert not admin_guard.other_club_territories(superuser).exists()


def test_an_administrator_deletes_a_territory_and_its_group_is_kept(admin_client, caplog):
    club = territory()
    group = staff.staff_group_of(club)
    member = make_staff("club-orphan")
    with caplog.at_level(logging.WARNING, logger="locations.signals"):
        response = admin_client.post(f"/admin/pages/{club.pk}/delete/", {"confirm_site_name": "Pas à pas"})
    assert response.status_code == 302
    assert not TerritoryPage.objects.filter(pk=club.pk).exists()
    group.refresh_from_db()
    assert group.name == f"Équipe FACE Normandie{signals.ORPHAN_SUFFIX}"
    assert not ClubStaffGroup.objects.filter(group=group).exists()
    assert not group.page_permissions.exists()
    assert list(member.groups.all()) == [group]
    messages = [html.unescape(str(m)) for m in response.wsgi_request._messages]
    assert any("a été conservé" in m and group.name in m for m in messages), messages
    assert any("kept without its territory" in r.getMessage() for r in caplog.records)


def test_deleting_the_link_never_deletes_the_group(demo_site):
    club = territory()
    group = staff.staff_group_of(club)
    ClubStaffGroup.objects.filter(territory=club).delete()
    assert Group.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/reports/horaires-a-confirmer/",
        "/admin/pages/search/?q=a",
    ],
)
def test_other_reports_and_search_show_nothing_of_other_clubs(staff_client, url):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert not shows_other_club(response)
