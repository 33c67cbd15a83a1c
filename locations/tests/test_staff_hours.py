"""« Horaires confirmés aujourd'hui », the stale-hours report and the dashboard panel."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry

from locations import staff
from locations.admin_views import stale_places
from locations.models import LocationPage, TerritoryPage


def make_staff(username, territory_slug):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(staff.staff_group_of(TerritoryPage.objects.get(slug=territory_slug)))
    return user


@pytest.fixture
def staff_a(demo_site, client):
    user = make_staff("club-a", "face-normandie")
    client.force_login(user)
    return user


def confirm_url(page):
    return f"/admin/lieux/{page.pk}/horaires-confirmes/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the confirmation action ---------------------------------------------------------------


def test_confirm_sets_today_publishes_and_logs(staff_a, client):
    page = LocationPage.objects.get(slug="tilly-sur-seulles")
    assert page.hours_confirmed_on < timezone.localdate() - timedelta(days=90)
    response = client.post(confirm_url(page), {"next": "/admin/"}, follow=True)
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert any("confirmés aujourd'hui" in m and "publiés" in m for m in messages_of(response))
    page.refresh_from_db()
    assert page.hours_confirmed_on == timezone.localdate()
    assert not page.has_unpublished_changes
    assert page.latest_revision.user == staff_a
    actions = set(PageLogEntry.objects.filter(page=page, user=staff_a).values_list("action", flat=True))
    assert {"locations.confirm_hours", "wagtail.publish"} <= actions


def test_confirm_is_post_only_and_csrf_protected(staff_a, client):
    page = LocationPage.objects.get(slug="tilly-sur-seulles")
    assert client.get(confirm_url(page)).status_code == 405
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_a)
    assert strict.post(confirm_url(page)).status_code == 403
    page.refresh_from_db()
    assert page.hours_confirmed_on != timezone.localdate()


def test_confirm_refused_on_another_clubs_place(staff_a, client):
    other = LocationPage.objects.get(slug="thuir")
    before = (other.hours_confirmed_on, other.latest_revision_id)
    response = client.post(confirm_url(other))
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with an error.
    assert response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")
    other.refresh_from_db()
    assert (other.hours_confirmed_on, other.latest_revision_id) == before


def test_confirm_without_publish_permission_saves_a_draft(demo_site, client):
    territory = TerritoryPage.objects.get(slug="face-normandie")
    group = Group.objects.create(name="Rédacteurs sans publication")
    GroupPagePermission.objects.create(group=group, page=territory, permission_type="change")
    group.permissions.add(staff.admin_permission())
    user = get_user_model().objects.create_user("redacteur", "r@example.org", "x")
    user.groups.add(group)
    client.force_login(user)
    page = LocationPage.objects.get(slug="brehal")
    old = page.hours_confirmed_on
    response = client.post(confirm_url(page), follow=True)
    assert any("brouillon" in m for m in messages_of(response))
    page.refresh_from_db()
    assert page.hours_confirmed_on == old  # live page unchanged
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().hours_confirmed_on == timezone.localdate()


def test_confirm_keeps_a_pending_draft_as_a_draft(staff_a, client):
    page = LocationPage.objects.get(slug="brehal")
    page.intro = "Nouvelle présentation en cours de relecture."
    page.save_revision(user=staff_a)
    client.post(confirm_url(page))
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert page.has_unpublished_changes
    assert draft.intro.startswith("Nouvelle présentation")
    assert draft.hours_confirmed_on == timezone.localdate()


def test_the_button_is_in_the_page_listing_menu(staff_a, client):
    territory = TerritoryPage.objects.get(slug="face-normandie")
    response = client.get(f"/admin/pages/{territory.pk}/")
    assert response.status_code == 200
    place = LocationPage.objects.get(slug="tilly-sur-seulles")
    buttons = soup(response).find_all(attrs={"data-w-action-url-value": confirm_url(place)})
    assert buttons and "Horaires confirmés aujourd'hui" in buttons[0].get_text()


# --- who sees which stale places -------------------------------------------------------------


def test_stale_places_are_the_users_own_oldest_first(staff_a):
    today = timezone.localdate()
    never = LocationPage.objects.get(slug="mathieu")
    LocationPage.objects.filter(pk=never.pk).update(hours_confirmed_on=None)
    LocationPage.objects.filter(slug="brehal").update(hours_confirmed_on=today - timedelta(days=400))
    places = list(stale_places(staff_a))
    territory = TerritoryPage.objects.get(slug="face-normandie")
    assert places and all(p.path.startswith(territory.path) for p in places)
    assert places[0].slug == "mathieu" and places[1].slug == "brehal"
    dates = [p.hours_confirmed_on for p in places[1:]]
    assert dates == sorted(dates)
    assert all(d < today - timedelta(days=90) for d in dates)
    expected = set(
        LocationPage.objects.descendant_of(territory)
        .filter(hours_confirmed_on__lt=today - timedelta(days=90))
        .values_list("slug", flat=True)
    ) | {"mathieu"}
    assert {p.slug for p in places} == expected
    assert "thuir" not in expected


def test_report_lists_only_the_users_places_with_the_confirm_form(staff_a, client):
    response = client.get("/admin/reports/horaires-a-confirmer/")
    assert response.status_code == 200
    html = soup(response)
    titles = [a.get_text(strip=True) for a in html.select("table.listing td.title a")]
    assert titles == [p.title for p in stale_places(staff_a)]
    assert "Médiathèque de Thuir" not in response.content.decode()
    forms = html.select("table.listing form")
    assert forms and forms[0]["method"] == "post"
    assert forms[0].find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert "FACE Normandie" in html.select_one("table.listing tbody tr").get_text()


def test_report_query_count_does_not_grow_with_the_places(staff_a, client):
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/reports/horaires-a-confirmer/")
    LocationPage.objects.descendant_of(TerritoryPage.objects.get(slug="face-normandie")).update(
        hours_confirmed_on=None
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/reports/horaires-a-confirmer/")
    assert len(response.context["object_list"]) == 10
    assert len(many.captured_queries) <= len(few.captured_queries) + 2


def test_report_is_refused_to_users_without_page_permissions(demo_site, client):
    user = get_user_model().objects.create_user("visiteur", "v@example.org", "x")
    user.user_permissions.add(staff.admin_permission())
    client.force_login(user)
    assert client.get("/admin/reports/horaires-a-confirmer/").status_code in (302, 403)


def test_dashboard_panel_lists_the_users_places_stale_first(staff_a, client):
    """Club staff get « Mes lieux »: all their places, the stale ones first (test_staff_ux.py)."""
    response = client.get("/admin/")
    assert response.status_code == 200
    assert soup(response).find(id="stale-hours-section") is None
    panel_section = soup(response).find(id="my-places-section")
    assert panel_section is not None
    text = panel_section.get_text(" ", strip=True)
    assert "Mes lieux" in text
    titles = [td.contents[0].strip() for td in panel_section.select("td.title")]
    stale = [p.title for p in stale_places(staff_a)]
    assert titles[: len(stale)] == stale
    assert "Médiathèque de Thuir" not in text


def test_administrators_panel_lists_stale_places_and_hides_when_all_confirmed(demo_site, admin_user, client):
    client.force_login(admin_user)
    panel_section = soup(client.get("/admin/")).find(id="stale-hours-section")
    assert panel_section is not None and "Horaires à confirmer" in panel_section.get_text()
    LocationPage.objects.update(hours_confirmed_on=timezone.localdate())
    assert soup(client.get("/admin/")).find(id="stale-hours-section") is None


def test_superuser_sees_every_stale_place(demo_site, admin_user):
    slugs = {p.slug for p in stale_places(admin_user)}
    assert {"thuir", "tilly-sur-seulles", "marseille-15e-ccas"} <= slugs
