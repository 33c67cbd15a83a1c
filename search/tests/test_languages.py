"""Search in the translations: Arabic and English words, stems, stop words and spelling
suggestions of their own, on SQLite and PostgreSQL alike."""

import pytest
from bs4 import BeautifulSoup

from search import arabic
from search.analysis import stems, words
from search.spelling import correct, vocabulary


def test_arabic_spellings_a_visitor_types_are_the_same_word():
    # Hamza forms, diacritics, tatweel, taa marbuta, alef maqsura.
    assert words("إجْراء", "ar") == words("اجراء", "ar")
    assert words("بنكـــي", "ar") == words("بنكي", "ar")
    assert words("رسالة", "ar") == words("رساله", "ar")
    assert words("مستشفى", "ar") == words("مستشفي", "ar")
    assert words("١٢٣", "ar") == ["123"]


def test_arabic_prefixes_and_suffixes_are_taken_off():
    transfer = stems("تحويل", "ar")
    for form in ("التحويل", "والتحويلات", "بالتحويل", "تحويلك", "للتحويل"):
        assert stems(form, "ar") == transfer, form
    bank = stems("بنك", "ar")
    for form in ("البنك", "بنكي", "البنكية", "بنكك", "وبنكك"):
        assert stems(form, "ar") == bank, form
    # A word that merely begins like a preposition keeps its letters.
    assert stems("فاتورة", "ar") == [arabic.stem("فاتوره")] and stems("فاتورة", "ar")[0].startswith("ف")
    assert stems("في البنك", "ar") == bank  # a stop word


def test_english_stems_and_stop_words():
    assert stems("How do I make bank transfers to my daughter", "en") == ["bank", "transfer", "daughter"]
    # French text is unchanged by the languages' module.
    assert stems("Les virements", "fr") == stems("virement", "fr")


def test_suggestions_come_from_the_words_of_the_language():
    arabic_words = vocabulary(["إجراء تحويل بنكي"], "ar")
    known = frozenset(s for word in arabic_words for s in stems(word, "ar"))
    assert correct("تحوبل", arabic_words, known, "ar") == ("تحويل", [("تحوبل", "تحويل")])
    assert correct("التحويلات", arabic_words, known, "ar")[1] == []  # a form of a known word
    english = vocabulary(["Make a bank transfer"], "en")
    known = frozenset(s for word in english for s in stems(word, "en"))
    assert correct("trasnfer", english, known, "en")[0] == "transfer"
    assert correct("transfers", english, known, "en")[1] == []


# Each translated demo guide: (language, title word, a typo of it, a two-word query, title).
GUIDES = [
    ("ar", "تحويل", "تحوبل", "تحويل بنكي", "إجراء تحويل بنكي"),
    ("ar", "حساباتك", "حسابتك", "حساباتك البنكية", "الاطلاع على حساباتك البنكية عبر الإنترنت"),
    ("ar", "تنزيل", "تنزبل", "كشف الهوية", "تنزيل كشف الهوية البنكية (RIB)"),
    ("ar", "شيكات", "شيكاث", "دفتر شيكات", "طلب دفتر شيكات"),
    ("ar", "الخارج", "الخارح", "إرسال المال", "إرسال المال إلى الخارج"),
    ("ar", "احتيالي", "احتيلي", "رسالة تصيد", "كشف رسالة تصيّد احتيالي"),
    ("en", "transfer", "trasnfer", "bank transfer", "Make a bank transfer"),
    ("en", "accounts", "acounts", "accounts online", "See your bank accounts online"),
    ("en", "download", "donwload", "download RIB", "Download your RIB (bank details)"),
    ("en", "chequebook", "chequbook", "order chequebook", "Order a chequebook"),
    ("en", "abroad", "abraod", "send money", "Send money abroad"),
    ("en", "phishing", "phising", "phishing message", "Spot a phishing message"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "word", "typo", "two_words", "title"), GUIDES)
def test_each_translated_guide_is_found_first(client, demo_site, language, word, typo, two_words, title):
    for typed in (word, typo, two_words):
        html = BeautifulSoup(client.get(f"/{language}/recherche/", {"q": typed}).content, "html.parser")
        found = html.select(".search-results a")
        titles = [a.get_text(strip=True) for a in found]
        assert titles and titles[0] == title, (typed, titles[:5])
        assert found[0]["href"].startswith(f"/{language}/"), found[0]["href"]
    correction = html.select_one(".search-correction")  # no suggestion for words the site uses
    assert correction is None


@pytest.mark.django_db
def test_a_typo_is_corrected_with_a_word_of_the_language(client, demo_site):
    html = BeautifulSoup(client.get("/ar/recherche/", {"q": "تحوبل"}).content, "html.parser")
    assert "تحويل" in html.select_one(".search-correction").get_text(" ", strip=True)
