"""On a 360 x 740 phone, in a real Chromium: a compact header with its menu behind a
disclosure, and the answer on screen right after a filter form is submitted."""

import pytest

from home.testing import axe_report

pytestmark = pytest.mark.browser


def top_in_viewport(page, selector):
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top")


def test_header_fits_in_a_quarter_of_the_phone_screen_and_menu_opens(live_demo, phone):
    phone.goto(live_demo + "/")
    height = phone.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    print(f"header: {height:.0f} px")
    assert height <= phone.viewport_size["height"] / 4 + 10, f"header is {height} px high"
    menu = phone.locator("#menu")
    assert menu.is_hidden()
    phone.get_by_text("Menu", exact=True).click()
    assert menu.is_visible()
    assert phone.get_by_role("link", name="Accueil").first.is_visible()


def test_menu_is_always_shown_on_a_wide_screen(live_demo, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_demo + "/")
    assert page.locator("#menu").is_visible()
    assert page.locator(".site-menu__toggle").is_hidden()


def submit_and_measure(phone, live_demo, path, fill, submit, first):
    phone.goto(live_demo + path)
    fill(phone)
    phone.get_by_role("button", name=submit, exact=True).click()
    phone.wait_for_load_state()
    assert phone.locator("[role=status]").first.is_visible()
    status_top = top_in_viewport(phone, "[role=status]")
    first_top = top_in_viewport(phone, first)
    first_bottom = phone.evaluate(f"document.querySelector({first!r}).getBoundingClientRect().top + 40")
    assert -1 < status_top < phone.viewport_size["height"], f"summary at {status_top}"  # sub-pixel scroll
    assert 0 <= first_top and first_bottom <= phone.viewport_size["height"], f"first result at {first_top}"
    scrolled = phone.evaluate("window.scrollY")
    print(f"{path}: summary at {status_top:.0f} px, first result at {first_top:.0f} px", end="")
    print(f" (in the viewport; page scrolled by {scrolled:.0f} px)")
    return first_top


def test_directory_answer_is_on_screen_after_submitting(live_demo, phone):
    def fill(p):
        p.get_by_label("Où ?").fill("14100")
        p.get_by_label("Quel jour ?").select_option("mercredi")

    submit_and_measure(phone, live_demo, "/lieux/", fill, "Chercher", ".directory-results .card")
    assert "#resultats" in phone.url
    assert not axe_report(phone)


def test_orientation_answer_is_on_screen_after_submitting(live_demo, phone):
    def fill(p):
        p.locator("input[name=besoin]").first.check()
        p.get_by_label("2. Où habitez-vous ?").fill("Lisieux")

    submit_and_measure(
        phone, live_demo, "/trouver-de-l-aide/", fill, "Voir qui peut m'aider", ".slip .partner-list > li"
    )
    assert not axe_report(phone)


def test_search_answer_is_on_screen_after_submitting(live_demo, phone):
    def fill(p):
        p.locator("#recherche-q").fill("virement")

    submit_and_measure(phone, live_demo, "/", fill, "Rechercher", ".search-results li, main .cards li")


def test_text_size_choice_lasts_for_the_session_only(live_demo, chromium):
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(live_demo + "/")
    page.get_by_label("Agrandir le texte").check()
    page.goto(live_demo + "/guides/")
    assert page.get_by_label("Agrandir le texte").is_checked()  # kept while browsing
    assert page.evaluate("window.localStorage.length") == 0  # nothing left for the next visitor
    next_visitor = context.new_page()  # a new tab: a new session
    next_visitor.goto(live_demo + "/")
    assert not next_visitor.get_by_label("Agrandir le texte").is_checked()
    context.close()
