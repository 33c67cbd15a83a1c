"""A translated guide in a real Chromium: Arabic reads right to left, reflows at 320 px, and the
language switcher is reached with the keyboard."""

import tomllib
from pathlib import Path

import pytest
from wagtail.models import Locale

from guides import demo_loader
from guides.models import GuideIndexPage, GuidePage
from home.demo_loader import create_page

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent / "translations"


def arabic_guide():
    """The test guide (guides/tests/translations/) in French and in Arabic; the Arabic URL."""
    french = tomllib.loads((HERE / "guide.toml").read_text(encoding="utf-8"))
    arabic = tomllib.loads((HERE / "ar" / "guide.toml").read_text(encoding="utf-8"))
    index = GuideIndexPage.objects.get(locale__language_code="fr")
    guide, _created = create_page(
        index, GuidePage, "payer-une-facture", **demo_loader.guide_fields(french, {}, {})
    )
    demo_loader.translate_guide(guide, french, arabic, Locale.objects.get(language_code="ar"))
    return guide.get_translation(Locale.objects.get(language_code="ar")).url


def test_arabic_guide_is_right_to_left_and_its_switcher_is_reached_by_keyboard(live_demo, chromium):
    url = live_demo + arabic_guide()
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="ar")
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    for _ in range(20):  # Tab through the header until the switcher's first link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.language-switcher')"):
            break
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.lang]")
    assert focused == ["Français", "fr"]
    box = page.locator(".language-switcher a").first.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0  # a big target, on screen
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "fr"
    context.close()


def test_arabic_guide_reflows_at_320px_with_step_numbers_on_the_right(live_demo, chromium):
    """The stylesheets use logical properties: a right-to-left page mirrors (step numbers on the
    right) and nothing pushes it sideways at 320 px."""
    url = live_demo + arabic_guide()
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="ar")
    page = context.new_page()
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    number_left, text_right = page.evaluate(
        """() => {
          const step = document.querySelector('.guide-step');
          const number = getComputedStyle(step, '::before');
          const range = document.createRange();
          range.selectNodeContents(step.querySelector('.guide-step__title'));
          const left = step.getBoundingClientRect().left + parseFloat(number.left);
          return [left, range.getBoundingClientRect().right];
        }"""
    )
    context.close()
    assert width <= 320
    assert number_left >= text_right - 1
