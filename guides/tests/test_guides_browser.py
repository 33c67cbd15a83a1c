"""A guide in a real Chromium: the JSON-LD breaks no CSP rule, steps stay whole on paper."""

import pytest

pytestmark = pytest.mark.browser

GUIDE = "/guides/ajouter-un-beneficiaire/?parcours=premiers-pas-avec-la-banque-en-ligne"


def test_guide_has_no_csp_violation_and_prints_steps_whole(live_demo, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_demo + GUIDE)
    assert not [text for text in messages if "Content Security Policy" in text]
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data["@type"] == "HowTo"
    assert page.locator("ol.guide-steps > li").count() == 7
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.guide-step')).breakInside") == "avoid"
    assert page.locator("nav.path-nav").first.is_hidden()
    assert page.locator("main h1").is_visible()


def test_path_navigation_works_with_the_keyboard(live_demo, page):
    page.goto(live_demo + GUIDE)
    page.get_by_role("link", name="Étape suivante : Faire un virement").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/guides/faire-un-virement/**")
    assert "Étape 5 sur 5" in page.locator("nav.path-nav").first.inner_text()
