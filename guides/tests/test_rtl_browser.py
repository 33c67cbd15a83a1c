"""A guide laid out right to left (Arabic) in Chromium: the step numbers move to the right,
nothing overflows a 320 px screen. The stylesheets' logical properties do it all; here
`dir` is set on a French demo guide, the same test runs on real Arabic pages once they exist."""

import pytest

pytestmark = pytest.mark.browser

GUIDE = "/guides/consulter-ses-comptes-en-ligne/"
IN_A_PATH = "/guides/ajouter-un-beneficiaire/?parcours=premiers-pas-avec-la-banque-en-ligne"
ARROW = "getComputedStyle(document.querySelector('a[rel=next] > span[aria-hidden]')).transform"

# The first step's number badge (its ::before) and the words of its title, in viewport px.
BADGE_AND_TITLE = """() => {
  const step = document.querySelector("ol.guide-steps > li.guide-step");
  const badge = getComputedStyle(step, "::before");
  const box = step.getBoundingClientRect();
  const left = box.left + step.clientLeft + parseFloat(badge.left);
  const title = step.querySelector(".guide-step__title");
  const words = document.createRange();
  words.selectNodeContents(title.lastChild);
  const text = words.getBoundingClientRect();
  const right = left + parseFloat(badge.width);
  return {badgeLeft: left, badgeRight: right, textLeft: text.left, textRight: text.right};
}"""
NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def test_step_number_is_on_the_reading_side_and_320px_reflow_holds_in_rtl(live_demo, page):
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(live_demo + GUIDE)
    ltr = page.evaluate(BADGE_AND_TITLE)
    assert ltr["badgeRight"] <= ltr["textLeft"], ltr  # French: the number, then the words

    page.evaluate("document.documentElement.dir = 'rtl'")
    rtl = page.evaluate(BADGE_AND_TITLE)
    assert rtl["badgeLeft"] >= rtl["textRight"], rtl  # Arabic: the number on the right
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    # The mirrored header (menu button on the other side) still fits.
    toggle = page.locator(".site-menu__toggle").bounding_box()
    assert toggle["x"] >= 0 and toggle["x"] < 160


def test_previous_and_next_arrows_turn_round_in_rtl(live_demo, page):
    page.goto(live_demo + IN_A_PATH)
    assert page.evaluate(ARROW) == "none"  # → points to the next step, on the right
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert page.evaluate(ARROW) == "matrix(-1, 0, 0, 1, 0, 0)"  # ← : the next step is on the left
