"""The demo cohort: development only, people to call this week and overdue, loaded once."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from activity.demo_loader import demo_clubs
from followup import demo_loader
from followup import vocabulary as v
from followup.models import CohortMember, Contact

from .factories import enrol

pytestmark = pytest.mark.django_db


def test_never_on_a_real_site(settings):
    settings.DEBUG = False
    assert demo_loader.load(None) == 0 and not CohortMember.objects.filter(is_demo=True).exists()


def test_development_cohort_to_call_and_to_reset(settings):
    settings.DEBUG = True
    created = demo_loader.load(None)
    clubs = demo_clubs()
    assert created == len(demo_loader.PLAN) * len(clubs) > 0
    today = timezone.localdate()
    due = list(CohortMember.objects.filter(territory=clubs[0]).to_recontact(today))
    assert any(m.due_on < today for m in due) and any(m.due_on >= today for m in due)
    done = CohortMember.objects.filter(territory=clubs[0], status=v.DONE)
    assert done.count() == 2 and not Contact.objects.filter(member__in=done).exists()
    assert demo_loader.load(None) == 0  # once
    assert demo_loader.reset(None) > 0 and not CohortMember.objects.filter(is_demo=True).exists()


def test_a_real_member_of_a_demo_club_stops_the_demo_reset(settings):
    """load_demo --reset never deletes a person enrolled for real, nor their club."""
    settings.DEBUG = True
    club = demo_clubs()[0]
    member = enrol(club, date(2026, 1, 5))
    with pytest.raises(CommandError, match="inscrites au suivi"):
        call_command("load_demo", "--reset", "--noinput", stdout=open("/dev/null", "w"))
    assert Contact.objects.filter(member=member).exists()
