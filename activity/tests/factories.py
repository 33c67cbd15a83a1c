"""Small factories for the activity tests: a club with its staff, a record."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from activity import vocabulary as v
from activity.models import ActivityRecord
from locations import staff
from locations.tests.factories import make_place, make_territory

PASSWORD = "mot-de-passe-de-test"
_users = itertools.count(1)


def make_user(*groups, username=None, **fields):
    username = username or f"user-{next(_users)}"
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    user.groups.set(groups)
    return user


def make_club(title=None):
    """A club with one place: (territory, place, its staff group)."""
    territory = make_territory(title)
    place = make_place(territory)
    return territory, place, staff.sync_staff_group(territory)


def make_staff(territory, **fields):
    return make_user(staff.sync_staff_group(territory), **fields)


def foundation_user():
    return make_user(Group.objects.get(name="Fondation"))


def make_record(territory, place=None, days_ago=1, **fields):
    values = {
        "date": timezone.localdate() - timedelta(days=days_ago),
        "territory": territory,
        "where": v.AT_PLACE if place else v.REMOTE,
        "place": place,
        "kind": v.INDIVIDUAL,
        "themes": v.serialise_themes(["banque-virement"]),
        **fields,
    }
    return ActivityRecord.objects.create(**values)
