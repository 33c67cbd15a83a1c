"""Who sees what: a club sees its own, the foundation reads every club, editors see nothing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from activity.models import ActivityRecord

from .factories import foundation_user, make_club, make_record, make_staff, make_user

pytestmark = pytest.mark.django_db

READ = ["activity_dashboard", "activity_report", "activity_export_figures", "activity_export_records"]
WRITE = ["activity_add", "activity_day"]


@pytest.fixture
def clubs():
    """Two clubs, each with a record at its place."""
    first, first_place, _ = make_club("Club Alpha")
    second, second_place, _ = make_club("Club Beta")
    make_record(first, first_place, participants=None)
    make_record(second, second_place)
    return (first, first_place), (second, second_place)


def status(client, user, name):
    client.force_login(user)
    return client.get(reverse(name)).status_code


def test_club_staff_record_and_read_their_club_only(client, clubs):
    (first, first_place), (second, second_place) = clubs
    user = make_staff(first)
    assert [status(client, user, name) for name in READ + WRITE] == [200] * 6
    records = client.get(reverse("activity_export_records")).content.decode("utf-8-sig")
    assert first_place.title in records and second_place.title not in records
    dashboard = client.get(reverse("activity_dashboard"))
    assert [club.pk for club in dashboard.context["form"].fields["club"].queryset] == [first.pk]
    # Another club's report, by its id: refused.
    assert client.get(reverse("activity_report"), {"club": second.pk}).status_code == 403
    # Another club's place as a filter: not a choice.
    response = client.get(reverse("activity_dashboard"), {"place": second_place.pk})
    assert response.context["summary"]["totals"]["interventions"] == 1


def test_foundation_reads_every_club_and_records_nothing(client, clubs):
    (first, first_place), (second, second_place) = clubs
    user = foundation_user()
    assert [status(client, user, name) for name in READ] == [200] * 4
    assert [status(client, user, name) for name in WRITE] == [403, 403]
    records = client.get(reverse("activity_export_records")).content.decode("utf-8-sig")
    assert first_place.title in records and second_place.title in records
    assert client.get(reverse("activity_report"), {"club": second.pk}).status_code == 200
    before = ActivityRecord.objects.count()
    client.post(reverse("activity_add"), {"date": "2025-01-01", "place": first_place.pk})
    assert ActivityRecord.objects.count() == before


def test_foundation_group_and_permission_come_from_the_migration():
    group = Group.objects.get(name="Fondation")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_all_activity", "access_admin"} <= codenames


def test_editors_see_nothing(client, clubs):
    editor = make_user(Group.objects.get(name="Rédacteurs"))
    assert [status(client, editor, name) for name in READ + WRITE] == [403] * 6
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("activity_dashboard") not in home
    assert reverse("activity_add") not in home


def test_staff_see_the_menu_and_the_panel(client, clubs):
    (first, _), _ = clubs
    client.force_login(make_staff(first))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("activity_dashboard") in home
    assert "Saisir une activité" in home


def test_superuser_sees_everything(client, clubs):
    admin = make_user(is_superuser=True, is_staff=True)
    assert [status(client, admin, name) for name in READ + WRITE] == [200] * 6


def test_a_club_with_figures_cannot_be_deleted_even_by_an_administrator(client, clubs, admin_user):
    (first, first_place), _second = clubs
    client.force_login(admin_user)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[first.pk]), follow=True)
    assert "ne peut pas être supprimée" in response.content.decode()
    first.refresh_from_db()
    assert ActivityRecord.objects.filter(territory=first).count() == 1


def test_a_bulk_delete_keeps_a_club_with_figures_too(client, clubs, admin_user):
    (first, _first_place), _second = clubs
    client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete")) + f"?id={first.pk}"
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "ne peut pas être supprimée" in response.content.decode()
    assert ActivityRecord.objects.filter(territory=first).count() == 1


@pytest.mark.parametrize(
    "query", ["club=abc", "club=99999999999999999999", "annee=0", "annee=99999", "annee=x"]
)
def test_the_report_survives_a_bad_query_string(client, clubs, admin_user, query):
    client.force_login(admin_user)
    response = client.get(reverse("activity_report") + "?" + query)
    assert response.status_code in (200, 403)
