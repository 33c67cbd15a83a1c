"""load_demo builds the demo site and can be run again without duplicating anything."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(Page.objects.values_list("url_path", "title", "live"))


def test_load_demo_twice_gives_the_same_site():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert HomePage.objects.count() == 1
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class is HomePage
    # Wagtail's placeholder "Welcome" page is gone.
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
