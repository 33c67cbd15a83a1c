"""The diagnostic in English and Arabic: questions, profiles and advice in the reader's language,
French content marked as French, right to left in Arabic; the paper version stays French."""

import re

import pytest

from diagnostic.models import DiagnosticPage

pytestmark = pytest.mark.usefixtures("demo_site")

ANSWERS = "q-appareil=non&q-franceconnect=aide&q-caf=non&q-impots=non&ou=14100"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_language_has_its_page_translating_the_french_one():
    pages = DiagnosticPage.objects.live().select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    assert sorted(by_language) == ["ar", "en", "fr"]
    assert len({page.translation_key for page in pages}) == 1
    assert by_language["en"].url == "/en/ou-en-etes-vous/"


def test_english_questions_answers_and_result(client):
    html = html_of(client, "/en/ou-en-etes-vous/")
    assert '<html lang="en" dir="ltr">' in html
    assert "Where do you stand with digital?" in html
    assert "Do you have a computer, a tablet or a smartphone?" in html
    assert "Yes, on my own" in html and "Avez-vous" not in html
    html = html_of(client, f"/en/ou-en-etes-vous/?{ANSWERS}")
    assert "Equipment and connection : " in html
    assert "Online procedures : " in html
    assert "<h4>Equipment at a solidarity price</h4>" in html
    # The partners' own pages are French: their list says so, for screen readers.
    assert re.search(r'<ul class="partner-list diagnostic-partners" lang="fr" dir="ltr">', html)
    # The form sends the answers back to the English page.
    assert 'action="/en/ou-en-etes-vous/#resultat"' in html


def test_arabic_reads_right_to_left_with_french_content_marked(client):
    html = html_of(client, f"/ar/ou-en-etes-vous/?{ANSWERS}")
    assert '<html lang="ar" dir="rtl">' in html
    assert "هل لديك حاسوب أو لوحة أو هاتف ذكي؟" in html
    assert "نعم، وحدي" in html
    assert "<h4>أجهزة بسعر تضامني</h4>" in html  # equipment at a solidarity price
    assert '<h3>المداومات <span lang="fr" dir="ltr">à Lisieux</span></h3>' in html
    # Places and their sessions stay French, marked left to right inside the Arabic page.
    assert re.search(r'<h4><a href="/lieux/[^"]+" lang="fr" hreflang="fr" dir="ltr">', html)
    assert '<dd lang="fr" dir="ltr">' in html
    # Phone numbers keep their digits in order.
    assert re.search(r'<a href="tel:[^"]+" dir="ltr">', html)


def test_the_paper_questionnaire_is_the_french_one(client):
    response = client.get("/ar/ou-en-etes-vous/questionnaire/")
    assert response.status_code == 302 and response["Location"] == "/ou-en-etes-vous/questionnaire/"
    html = html_of(client, "/en/ou-en-etes-vous/")
    assert '<a href="/ou-en-etes-vous/questionnaire/" lang="fr" hreflang="fr" dir="ltr">' in html
