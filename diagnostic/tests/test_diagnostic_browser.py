"""The diagnostic in a real Chromium: axe-clean, reflows at 320 px, answers without JavaScript."""

import io

import pytest
from pypdf import PdfReader

from home.testing import A4_POINTS, axe_and_reflow_failures, axe_report

pytestmark = pytest.mark.browser

PATHS = [
    "/ou-en-etes-vous/",
    "/ou-en-etes-vous/?q-appareil=non&q-internet=non&q-caf=non&q-franceconnect=non&q-comptes=aide&ou=14100",
    "/ou-en-etes-vous/?q-comptes=non&ou=99999",
    "/ou-en-etes-vous/questionnaire/",
    "/en/ou-en-etes-vous/?q-appareil=non&q-caf=non&ou=14100",
    "/ar/ou-en-etes-vous/",
    "/ar/ou-en-etes-vous/?q-appareil=non&q-internet=non&q-caf=non&q-comptes=aide&ou=14100",
]


def test_questions_and_results_have_no_wcag_violation_and_reflow_at_320px(live_demo, page):
    failures = axe_and_reflow_failures(page, live_demo, PATHS)
    assert not failures, "\n".join(failures)


def test_answering_without_javascript_shows_the_profile_and_what_to_do(live_demo, chromium):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_demo + "/ou-en-etes-vous/")
        device = page.get_by_role("group", name="Avez-vous un ordinateur, une tablette ou un smartphone ?")
        device.get_by_label("Non", exact=True).check()
        franceconnect = page.get_by_role("group", name="Savez-vous vous connecter avec FranceConnect ?")
        franceconnect.get_by_label("Avec de l'aide").check()
        page.get_by_label("Votre code postal ou votre commune", exact=False).fill("14100")
        page.get_by_role("button", name="Voir mon résultat").click()
        assert "q-appareil=non" in page.url  # the answers live in the address only
        assert page.get_by_role("heading", name="Équipement et connexion : À accompagner").is_visible()
        assert page.get_by_role("heading", name="Démarches en ligne : En chemin").is_visible()
        assert page.get_by_role("heading", name="Matériel à prix solidaire").is_visible()
        assert page.get_by_role("link", name="Ressourcerie informatique solidaire").is_visible()
        # Printed: the result and a QR code per guide, not the questionnaire.
        page.emulate_media(media="print")
        assert page.locator(".diagnostic-form").is_hidden()
        qr = page.get_by_alt_text("Code QR vers le guide « Scanner un document avec son téléphone »")
        assert qr.is_visible()
    finally:
        context.close()


def test_paper_questionnaire_prints_on_two_a4_pages_with_the_scoring_on_the_back(live_demo, page):
    page.goto(live_demo + "/ou-en-etes-vous/")
    page.get_by_role("link", name="Questionnaire papier pour les médiateurs (A4)").click()
    assert page.url == live_demo + "/ou-en-etes-vous/questionnaire/"
    assert not axe_report(page)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    width, height = A4_POINTS
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1
    assert len(pdf.pages) == 2
    front, back = (" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Avez-vous internet chez vous ?" in front and "Je ne sais pas" in front
    assert "le barème" in back and "5 à 6 À l'aise" in back and "0 à 2 À accompagner" in back


def visible_questions(page):
    return [
        legend.inner_text()
        for legend in page.locator(".diagnostic-question legend").all()
        if legend.is_visible()
    ]


def test_a_phone_gets_one_question_per_screen_and_sends_the_same_form(live_demo, phone):
    page = phone  # 360 px wide
    page.goto(live_demo + "/ou-en-etes-vous/")
    assert visible_questions(page) == ["Avez-vous un ordinateur, une tablette ou un smartphone ?"]
    assert page.get_by_text("Question 1 sur 12").is_visible()
    # The area's pictogram is beside its name, hidden from screen readers.
    area = page.get_by_role("heading", name="Équipement et connexion")
    assert area.is_visible() and area.locator("svg[aria-hidden=true]").is_visible()
    assert page.get_by_role("button", name="Voir mon résultat").is_hidden()
    assert page.get_by_role("button", name="Question précédente").is_hidden()
    page.get_by_role("radio", name="Non", exact=True).check()  # the only one on screen
    page.get_by_role("button", name="Question suivante").click()
    assert visible_questions(page) == ["Avez-vous internet chez vous ?"]
    # The new question has the focus: a screen reader reads its question.
    focused = page.evaluate("document.activeElement.querySelector('legend').textContent")
    assert focused == "Avez-vous internet chez vous ?"
    assert not axe_report(page)
    for _ in range(10):
        page.get_by_role("button", name="Question suivante").click()
    assert visible_questions(page) == ["Savez-vous reconnaître un faux message d'arnaque ?"]
    assert page.get_by_role("heading", name="Banque en ligne et sécurité").is_visible()
    page.get_by_role("button", name="Question suivante").click()
    assert visible_questions(page) == []
    assert page.get_by_text("Dernière étape : votre résultat").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Votre code postal ou votre commune", exact=False).fill("14100")
    page.get_by_role("button", name="Voir mon résultat").click()
    assert "q-appareil=non" in page.url and "ou=14100" in page.url
    assert page.get_by_role("heading", name="Équipement et connexion : À accompagner").is_visible()
    # A wider window (a public PC, a phone turned) shows the whole form again.
    page.goto(live_demo + "/ou-en-etes-vous/")
    page.set_viewport_size({"width": 1024, "height": 740})
    assert len(visible_questions(page)) == 12
    assert page.get_by_role("button", name="Question suivante").is_hidden()


def test_the_arabic_steps_read_right_to_left_at_360px(live_demo, chromium):
    context = chromium.new_context(locale="ar", viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_demo + "/ar/ou-en-etes-vous/")
        assert page.get_by_text("السؤال 1 من 12").is_visible()
        page.get_by_role("button", name="السؤال التالي").click()
        assert visible_questions(page) == ["هل لديك إنترنت في البيت؟"]
        # Right to left: the answers' radio buttons are on the right of their words.
        choice = page.locator(".diagnostic-question:visible .diagnostic-choice").first
        radio, label = choice.locator("input").bounding_box(), choice.locator("label").bounding_box()
        assert radio["x"] > label["x"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert not axe_report(page)
    finally:
        context.close()
