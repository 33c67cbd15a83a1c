"""Every public page on paper, in a real headless Chromium with print media.

Also the pages built for paper that are not in the sitemap: the schedule poster of each place.
"""

import pytest

from home.testing import demo_paths, poster_problems

pytestmark = pytest.mark.browser

# A4 is 210 mm wide; print.css keeps 15 mm margins: 180 mm = 680 CSS px at 96 px per inch.
PRINTABLE_WIDTH = 680
HIDDEN_ON_PAPER = [".skip-links", "#menu", ".site-footer", ".site-search", ".text-size", ".breadcrumb"]
# The elements sticking out to the right of the printable width, if any.
WIDE_ELEMENTS = """(limit) => {
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (box.width && box.right > limit + 1) wide.push(`${name}: ${Math.round(box.right)}px`);
  }
  return wide.slice(0, 5);
}"""


@pytest.fixture
def print_page(chromium):
    context = chromium.new_context(locale="fr-FR", viewport={"width": PRINTABLE_WIDTH, "height": 960})
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


def place_paths():
    from locations.models import LocationPage

    return [place.url for place in LocationPage.objects.live().public().order_by("path")]


def test_every_page_prints_content_only_within_a4_width(live_demo, print_page):
    paths = demo_paths(live_demo) + [path + "affiche/" for path in place_paths()]
    failures = []
    for path in paths:
        print_page.goto(live_demo + path)
        shown = [selector for selector in HIDDEN_ON_PAPER if print_page.locator(selector).first.is_visible()]
        if shown:
            failures.append(f"{path}: visible on paper {shown}")
        if not print_page.locator("main").is_visible():
            failures.append(f"{path}: main hidden")
        wide = print_page.evaluate(WIDE_ELEMENTS, PRINTABLE_WIDTH)
        if wide:
            failures.append(f"{path}: wider than A4 {wide}")
    assert len(paths) > 20
    assert not failures, "\n".join(failures)


def test_links_print_their_address_but_buttons_and_anchors_do_not(live_demo, print_page):
    print_page.goto(live_demo + "/guides/ajouter-un-beneficiaire/")
    after = "(el) => getComputedStyle(el, '::after').content"
    assert print_page.locator(".guide-stuck a.button").first.evaluate(after) in ("none", '""')
    assert print_page.locator(".guide-handout").is_hidden()
    print_page.goto(live_demo + "/lieux/face-normandie/creully/")
    assert "openstreetmap.org" in print_page.get_by_text("Voir le lieu sur la carte").evaluate(after)
    # Black and white: no background colour left, badges keep a border.
    badge = print_page.locator(".badge").first
    assert badge.evaluate("(el) => getComputedStyle(el).borderTopStyle") == "solid"
    assert badge.evaluate("(el) => getComputedStyle(el).color") == "rgb(0, 0, 0)"
    backgrounds = print_page.evaluate(
        """() => [...document.querySelectorAll('body *')].map(el => getComputedStyle(el).backgroundColor)
               .filter(c => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent')"""
    )
    assert backgrounds == []


def test_place_posters_are_accessible_and_print_on_one_a4_page(live_demo, chromium):
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    failures = []
    paths = place_paths()
    assert len(paths) >= 5
    for path in paths:
        failures += poster_problems(
            page,
            live_demo,
            path,
            "Imprimer l'affiche des horaires",
            lambda text: "PERMANENCE NUMÉRIQUE GRATUITE" in text.upper() and "Les prochaines dates" in text,
        )
    # With JavaScript, a button prints the poster; without, the page says Ctrl + P.
    assert page.get_by_role("button", name="Imprimer l'affiche").is_visible()
    context.close()
    assert not failures, "\n".join(failures)


def test_guide_page_offers_the_pdf_handout(live_demo, chromium):
    context = chromium.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(live_demo + "/guides/faire-un-virement/")
    link = page.get_by_role("link", name="Imprimer la fiche (PDF)")
    assert link.is_visible()
    response = page.request.get(live_demo + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    page.get_by_text("Pour les médiateurs").click()
    page.get_by_label("Ajouter les prochaines dates de la permanence de").select_option("creully")
    page.get_by_label("En gros caractères").check()
    with page.expect_response(lambda r: "fiche.pdf" in r.url) as info:
        page.get_by_role("button", name="Créer la fiche (PDF)").click()
    assert "lieu=creully" in info.value.url and "gros=1" in info.value.url
    assert info.value.headers["content-type"] == "application/pdf"
    context.close()
