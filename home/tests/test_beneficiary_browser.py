"""What a beneficiary meets on a 360 x 740 phone, beyond the automated checks (issues of
accessibility and plain use): an error is where the focus is, the first screen answers, the
header is read in the order it is seen, and large text reflows at 320 px."""

import pytest

from home.testing import axe_report

pytestmark = pytest.mark.browser


def focus_box(page):
    """(class of the focused element, its top and bottom in the viewport)."""
    return page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect();
                   return [e.className, r.top, r.bottom]; }"""
    )


def submit_with_error(page, url, fill, button):
    page.goto(url)
    fill(page)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    name, top, bottom = focus_box(page)
    assert name == "error-summary", name  # focus on the summary, not on a result
    assert 0 <= top and bottom <= page.viewport_size["height"], (top, bottom)
    assert not page.locator("[role=status]").count()  # no unfiltered count « 15 lieux. »
    page.keyboard.press("Tab")  # the next Tab reaches the link to the field
    assert page.evaluate("document.activeElement.closest('[data-error-summary]') !== null")


def test_a_wrong_place_puts_the_error_where_the_focus_is_with_a_suggestion(live_demo, phone):
    def misspelt(page):
        page.get_by_label("Où ?").fill("Lisieu")

    for path in ("/lieux/", "/ateliers/"):
        submit_with_error(phone, live_demo + path, misspelt, "Chercher")
        field = phone.locator("#filtre-ou")
        assert field.get_attribute("aria-invalid") == "true"
        assert field.get_attribute("aria-describedby") == "filtre-ou-erreur"
        assert "Nous ne trouvons pas la commune « Lisieu »" in phone.locator("#filtre-ou-erreur").inner_text()
        assert not phone.locator("section[aria-labelledby=resultats]").count()  # no list as an answer
    assert not axe_report(phone)
    # « Vouliez-vous dire Lisieux ? » answers in one tap, nearest first.
    phone.get_by_role("link", name="Lisieux", exact=True).click()
    phone.wait_for_load_state()
    assert phone.locator("#filtre-ou").input_value() == "Lisieux"
    assert not phone.locator("[data-error-summary]").count()
    assert "dans le Calvados" in phone.locator("[role=status]").inner_text()

    def qwerty(page):
        page.locator("input[name=besoin]").first.check()
        page.get_by_label("2. Où habitez-vous ?").fill("qwerty")

    submit_with_error(phone, live_demo + "/trouver-de-l-aide/", qwerty, "Voir qui peut m'aider")
    assert phone.locator("#ou").get_attribute("aria-invalid") == "true"
    assert not phone.locator("#fiche").count()  # no slip saying « Lieu : Non indiqué »
    submit_with_error(phone, live_demo + "/trouver-de-l-aide/", lambda page: None, "Voir qui peut m'aider")
    assert "Choisissez de quoi vous avez besoin" in phone.locator("[data-error-summary]").inner_text()
    phone.keyboard.press("Enter")  # the summary's link takes the person to the first choice
    assert phone.evaluate("document.activeElement.name") == "besoin"


def visible_in_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_first_screens_header_order_menu_and_large_text_reflow(live_demo, phone, chromium):
    phone.goto(live_demo + "/")
    # The home page offers the « near me » field before any scrolling.
    assert visible_in_first_screen(phone, "#home-ou")
    assert visible_in_first_screen(phone, ".home-find button")

    # The header's Tab order is its visual order: top to bottom, then start to end.
    focusable = ", ".join(f".site-header {tag}" for tag in ("a", "input", "button", "summary"))
    stops = phone.evaluate(
        f"""() => [...document.querySelectorAll({focusable!r})].filter(e => e.getClientRects().length)
              .map(e => e.getBoundingClientRect()).map(r => [Math.round(r.top), Math.round(r.left)])"""
    )
    assert len(stops) >= 5
    for (top, left), (next_top, next_left) in zip(stops, stops[1:], strict=False):
        lower_row = next_top - top > 20
        same_row_further = abs(next_top - top) <= 20 and next_left > left
        assert lower_row or same_row_further, stops

    # The menu closes with Escape and gives the focus back to « Menu », whose name has no symbol.
    toggle = phone.locator(".site-menu__toggle")
    assert toggle.inner_text().strip().endswith("Menu")
    toggle.click()
    assert phone.locator("#menu").is_visible()
    phone.keyboard.press("Tab")
    phone.keyboard.press("Escape")
    assert phone.locator("#menu").is_hidden()
    assert phone.evaluate("document.activeElement.className") == "site-menu__toggle"
    snapshot = phone.locator(".site-header").aria_snapshot()
    assert "☰" not in snapshot and "✕" not in snapshot

    # A place page's first screen: where, when next, how to call.
    phone.goto(live_demo + "/lieux/?ou=Lisieux")
    phone.locator(".directory-results .card__link").first.click()
    phone.wait_for_load_state()
    essentials = phone.locator(".place__essentials")
    assert "Adresse" in essentials.inner_text() and "Prochaine permanence" in essentials.inner_text()
    for selector in (".place__essentials address", ".place__essentials dd:nth-of-type(2)"):
        assert visible_in_first_screen(phone, selector), selector
    if phone.locator(".place__essentials a[href^='tel:']").count():
        assert visible_in_first_screen(phone, ".place__essentials a[href^='tel:']")

    # « Agrandir le texte » at 320 px: nothing scrolls sideways.
    context = chromium.new_context(locale="fr-FR", viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    for path in ("/", "/guides/", "/lieux/", "/ateliers/", "/guides/consulter-ses-comptes-en-ligne/"):
        narrow.goto(live_demo + path)
        narrow.get_by_label("Agrandir le texte").check()
        root = "document.documentElement"
        width = narrow.evaluate(f"[{root}.scrollWidth, {root}.clientWidth]")
        assert width[0] <= width[1], (path, width)
    context.close()
