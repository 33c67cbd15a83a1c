"""The orientation slip and the partner filters in a real Chromium: print, JS, axe, 320 px."""

import pytest

from home.testing import axe_and_reflow_failures

pytestmark = pytest.mark.browser

# Result pages are not in the sitemap: check them here.
RESULT_PATHS = [
    "/trouver-de-l-aide/?besoin=apprendre-ordinateur&ou=Lisieux",
    "/trouver-de-l-aide/?besoin=internet",
    "/trouver-de-l-aide/?besoin=zzz&ou=%3Cb%3EAtlantide",
    "/partenaires/?aide=formation&territoire=face-normandie",
    "/partenaires/?aide=zzz",
]
SLIP = "/trouver-de-l-aide/?besoin=apprendre-ordinateur&ou=Lisieux"


def test_result_pages_have_no_wcag_violation_and_reflow_at_320px(live_demo, page):
    failures = axe_and_reflow_failures(page, live_demo, RESULT_PATHS)
    assert not failures, "\n".join(failures)


def test_printed_slip_shows_the_answer_and_a_notes_box_without_the_chrome(live_demo, page):
    page.goto(live_demo + SLIP)
    page.emulate_media(media="print")
    for hidden in ["#menu", ".site-footer", ".orientation-form", "#imprimer-fiche", ".site-search"]:
        assert page.locator(hidden).is_hidden(), hidden
    slip = page.locator("#fiche")
    assert slip.get_by_role("heading", name="Fiche d'orientation").is_visible()
    assert slip.locator(".slip__summary").inner_text().count("Lisieux") == 1
    assert slip.get_by_role("heading", name="Médiathèque : ateliers numériques").is_visible()
    assert slip.get_by_text("3 place de la Médiathèque").is_visible()
    notes = slip.locator(".slip__notes-box")
    assert slip.get_by_role("heading", name="Notes du médiateur").is_visible()
    assert notes.bounding_box()["height"] > 100  # room to write by hand
    # On screen, the notes box is not shown.
    page.emulate_media(media="screen")
    assert notes.is_hidden()
    # Once answered, the form folds away behind "Modifier ma demande" (the answer comes first).
    page.get_by_text("Modifier ma demande").click()
    assert page.locator(".orientation-form").is_visible()


def test_print_button_appears_with_javascript_and_calls_print(live_demo, page):
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    page.goto(live_demo + SLIP)
    button = page.get_by_role("button", name="Imprimer la fiche")
    assert button.is_visible()
    assert page.locator("#imprimer-astuce").is_hidden()
    button.click()
    assert page.evaluate("window.__printed") == 1


def test_without_javascript_the_page_explains_how_to_print_and_the_form_works(live_demo, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_demo + "/trouver-de-l-aide/?besoin=demarche")
    assert page.locator("#imprimer-fiche").is_hidden()
    assert "Ctrl" in page.locator("#imprimer-astuce").inner_text()
    assert page.get_by_label("Faire une démarche en ligne").is_checked()
    page.get_by_label("2. Où habitez-vous ?").fill("Perpignan")
    page.get_by_role("button", name="Voir qui peut m'aider").click()
    assert "ou=Perpignan" in page.url and "besoin=demarche" in page.url
    assert page.get_by_role("heading", name="CCAS de Perpignan").is_visible()
    context.close()
