"""The person's own pages in a real Chromium: axe-clean, reflow at 320 px, answer on a phone."""

from datetime import date

import pytest
from django.urls import reverse

from followup import tokens
from followup import vocabulary as v
from followup.models import CohortMember
from home.testing import axe_and_reflow_failures

from .factories import EMAIL, enrol, make_club

pytestmark = pytest.mark.browser


def test_answer_and_withdraw_pages_are_accessible_in_french_and_arabic(live_demo, page):
    territory = make_club("Club Navigateur")[0]
    french = enrol(territory, date(2026, 1, 5), contact=EMAIL, channel=v.EMAIL)
    arabic = enrol(territory, date(2026, 1, 5), contact=EMAIL, channel=v.EMAIL, language="ar")
    paths = [
        reverse("followup_answer", args=[tokens.make(french, tokens.ANSWER)]),
        reverse("followup_answer", args=[tokens.make(arabic, tokens.ANSWER)]),
        reverse("followup_withdraw", args=[tokens.make(arabic, tokens.WITHDRAW)]),
        reverse("followup_withdraw", args=["lien-inconnu"]),
    ]
    failures = axe_and_reflow_failures(page, live_demo, paths)
    assert not failures, "\n".join(failures)
    # Answer in Arabic on a phone: every line, then send.
    page.goto(live_demo + paths[1])
    assert page.locator("html").get_attribute("dir") == "rtl"
    for op in v.OPERATIONS:
        page.get_by_role("group", name=op.labels["ar"]).get_by_label(v.LEVEL_LABELS[v.ALONE]["ar"]).check()
    page.get_by_role("group", name=v.TEXTS["needed_help"]["ar"]).get_by_label(v.TEXTS["no"]["ar"]).check()
    page.get_by_role("button", name=v.TEXTS["send"]["ar"]).click()
    assert v.TEXTS["thanks"]["ar"] in page.content()
    arabic.refresh_from_db()
    assert arabic.status == v.DONE and arabic.is_erased
    assert CohortMember.objects.get(pk=french.pk).status == v.ACTIVE
