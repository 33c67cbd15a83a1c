"""Who reaches the cohort.

- Contacts (the « À recontacter » list, the follow-up screen, the slip, enrolment): the staff of
  the enrolling club only (its « Équipe <club> » group, locations.staff). Not the Fondation, not
  another club, not editors, and not superusers who are not in the club's team: an administrator
  who needs to call joins the team, knowingly.
- Anonymous figures: as activity's figures (the club's staff for their clubs, the Fondation and
  superusers for all, read-only).
"""

from activity import access as activity_access
from locations.models import TerritoryPage

from .models import CohortMember


def contact_clubs(user):
    """The clubs whose cohort `user` may contact: those whose staff group they belong to."""
    if not user.is_authenticated or not user.is_active:
        return TerritoryPage.objects.none()
    return TerritoryPage.objects.filter(staff_link__group__user=user).distinct().order_by("path")


def can_follow(user):
    return contact_clubs(user).exists()


def members_of(user):
    """The members `user` may see and call: those of their clubs (ids first: a plain IN list
    lets the database use its (club, status, due date) index)."""
    clubs = list(contact_clubs(user).values_list("pk", flat=True))
    return CohortMember.objects.filter(territory_id__in=clubs)


def figure_clubs(user):
    return activity_access.viewable_clubs(user)


def can_see_figures(user):
    return figure_clubs(user).exists()
