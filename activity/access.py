"""Who records and who sees which club's activity.

- club staff (the « Équipe <club> » groups of locations.staff): record and see their clubs only;
- the « Fondation » group (permission activity.view_all_activity, from a migration): sees every
  club, records nothing;
- anyone else (editors included): nothing. Superusers: everything.

Corrections follow recording: club staff correct or delete any record of their clubs (whoever
entered it); the Fondation, which records nothing, corrects nothing.
"""

from django.db.models import Q

from locations.models import LocationPage, TerritoryPage
from partners.models import PartnerPage

from .models import ActivityRecord

VIEW_ALL = "activity.view_all_activity"
FOUNDATION_GROUP = "Fondation"


def recording_clubs(user):
    """The clubs `user` may record activity for."""
    if not user.is_authenticated or not user.is_active:
        return TerritoryPage.objects.none()
    if user.is_superuser:
        return TerritoryPage.objects.all().order_by("path")
    return TerritoryPage.objects.filter(staff_link__group__user=user).distinct().order_by("path")


def viewable_clubs(user):
    """The clubs whose figures `user` may see."""
    if user.is_authenticated and user.is_active and user.has_perm(VIEW_ALL):
        return TerritoryPage.objects.all().order_by("path")
    return recording_clubs(user)


def changeable_records(user):
    """The records `user` may correct or delete: those of the clubs they record for."""
    return ActivityRecord.objects.filter(territory__in=recording_clubs(user))


def can_view(user):
    return viewable_clubs(user).exists()


def can_record(user):
    return recording_clubs(user).exists()


def under(model, clubs):
    """The pages of `model` under `clubs` (a list of territories), in tree order."""
    inside = Q(pk__in=[])
    for club in clubs:
        inside |= Q(path__startswith=club.path)
    return model.objects.filter(inside).order_by("path")


def places_of(clubs):
    return under(LocationPage, clubs)


def partners_of(clubs):
    return under(PartnerPage, clubs).order_by("title")
