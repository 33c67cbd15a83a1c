"""Every page of the demo sitemap, in a real headless Chromium, checked by axe-core.

Later apps need nothing more: their pages join the sitemap and are checked here.
"""

import pytest

from home.testing import axe_report, demo_paths

pytestmark = pytest.mark.browser


def test_every_demo_page_has_no_wcag_violation(live_demo, page):
    failures = []
    paths = demo_paths(live_demo)
    assert len(paths) >= 4
    for path in paths:
        page.goto(live_demo + path)
        report = axe_report(page)
        if report:
            failures.append(f"--- {path}\n{report}")
    assert not failures, "\n".join(failures)


def test_every_demo_page_reflows_at_320px(live_demo, chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    overflowing = []
    for path in demo_paths(live_demo):
        page.goto(live_demo + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing.append(f"{path}: {width}px")
    context.close()
    assert not overflowing, f"Horizontal scrolling at 320 px: {overflowing}"


def test_keyboard_user_reaches_skip_link_first_and_lands_on_content(live_demo, page):
    page.goto(live_demo + "/accessibilite/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    # The skip link is visible once focused (not only to screen readers).
    box = page.locator(".skip-links a").first.bounding_box()
    assert box and box["x"] >= 0 and box["width"] > 10
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_text_size_control_works_without_javascript(live_demo, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_demo + "/")
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_label("Agrandir le texte").check()
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    context.close()
    assert after >= before * 1.2


def test_text_size_choice_is_remembered_with_javascript_and_no_cookie(live_demo, page):
    page.goto(live_demo + "/")
    page.get_by_label("Agrandir le texte").check()
    page.goto(live_demo + "/accessibilite/")
    assert page.get_by_label("Agrandir le texte").is_checked()
    assert page.context.cookies() == []


def test_print_stylesheet_hides_the_chrome(live_demo, page):
    page.goto(live_demo + "/accessibilite/")
    page.emulate_media(media="print")
    assert page.locator("#menu").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator("main h1").is_visible()
