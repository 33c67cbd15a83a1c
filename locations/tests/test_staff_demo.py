"""The demo club staff accounts: created in development only, each in its club's group."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from locations import demo_staff, staff
from locations.models import LocationPage, TerritoryPage


def test_no_demo_staff_account_without_debug(demo_site):
    # The tests run with DEBUG off, like production: load_demo made no account.
    usernames = [username for username, _, _ in demo_staff.ACCOUNTS]
    assert not get_user_model().objects.filter(username__in=usernames).exists()
    assert demo_staff.load(None) == []


def test_accounts_are_created_in_their_clubs_group_and_can_log_in(demo_site, client):
    accounts = demo_staff.create_staff_accounts()
    assert [(u, g) for u, _, g in accounts] == [
        ("staff-normandie", "Équipe FACE Normandie"),
        ("staff-mediance66", "Équipe Médiance 66"),
    ]
    assert demo_staff.create_staff_accounts() == accounts  # idempotent
    user = get_user_model().objects.get(username="staff-normandie")
    assert list(user.groups.all()) == [staff.staff_group_of(TerritoryPage.objects.get(slug="face-normandie"))]
    assert client.login(username="staff-normandie", password="pas-a-pas-normandie")
    own = LocationPage.objects.get(slug="creully")
    other = LocationPage.objects.get(slug="thuir")
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)


@override_settings(DEBUG=True)
def test_load_demo_prints_the_accounts_in_debug(demo_site, capsys):
    call_command("load_demo", stdout=io.StringIO())
    printed = capsys.readouterr().out
    assert "identifiant « staff-normandie », mot de passe « pas-a-pas-normandie »" in printed
    assert "staff-mediance66" in printed
