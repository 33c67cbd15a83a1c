"""The demo's year of activity: only on development sites, and only its own records go at reset."""

import pytest

from activity import demo_loader
from activity.models import ActivityRecord
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_a_real_site_never_gets_made_up_figures(demo_site, settings):
    settings.DEBUG = False
    assert demo_loader.load(HomePage.objects.get(locale__language_code="fr")) == 0
    assert not ActivityRecord.objects.filter(is_demo=True).exists()


def test_the_demo_year_is_marked_and_reset_deletes_only_it(demo_site, settings):
    settings.DEBUG = True
    home = HomePage.objects.get(locale__language_code="fr")
    created = demo_loader.load(home)
    assert created > 500 and ActivityRecord.objects.filter(is_demo=True).count() == created
    assert demo_loader.load(home) == 0  # twice: nothing more
    club = demo_loader.demo_clubs()[0]
    orphan = ActivityRecord.objects.create(
        date=club.first_published_at.date(), territory=club, themes=" rib "
    )
    demo_loader.reset(home)
    assert list(ActivityRecord.objects.all()) == [orphan]  # a real record without mediator stays
