"""A guide written from scratch starts with values the admin accepts."""

import pytest

from guides.models import HELP_NEEDS, GuidePage
from guides.tests.factories import make_guide

pytestmark = pytest.mark.django_db


def test_a_new_guide_gets_a_known_orientation_need_by_default():
    guide = make_guide()  # full_clean runs on publish: an unknown default would be refused
    assert guide.help_need == GuidePage._meta.get_field("help_need").default
    assert guide.help_need in dict(HELP_NEEDS)
