"""Issue 30: glossary terms are translated like guides (wagtail-localize). A reader of English or
Arabic reads a term in their language when it is translated, else the French one marked
lang="fr"; on the glossary page, in the guides' links, on the handout and in search."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from guides import handout
from guides.models import GlossaryPage, GlossaryTerm, glossary_for_reader
from guides.tests.factories import glossary_page, make_guide, make_term, step
from home.tests.admin_forms import form_data
from home.tests.language_crawl import problems
from search.service import glossary_synonyms

pytestmark = pytest.mark.django_db


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def translate_term(source_term, locale, **texts):
    """A volunteer's translation of `term` through wagtail-localize: each field's text, published."""
    source, _created = TranslationSource.get_or_create_from_instance(source_term)
    target = Translation.objects.create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=texts[segment.context.path],
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    target.save_target(publish=True)
    return source_term.get_translation(locale)


@pytest.fixture
def terms():
    """« Relevé bancaire » translated into English, « Échéancier » not."""
    cache.clear()  # Wagtail's root paths and the shared page cache
    statement = make_term("Relevé bancaire", "La liste des opérations du mois.", variants="relevés bancaires")
    debit = make_term("Échéancier", "L'argent pris chaque mois par une entreprise.")
    translated = translate_term(
        statement,
        english(),
        term="Bank statement",
        definition="The list of the month's payments.",
        variants="bank statements",
    )
    return statement, debit, translated


def english_glossary_page():
    """The glossary page's English translation (the demo's, else made here)."""
    french = glossary_page()
    page = french.get_translation_or_none(english())
    if page is None:
        page = french.copy_for_translation(english(), copy_parents=True)
        page.title = "Glossary"
        page.save_revision().publish()
    cache.clear()
    return GlossaryPage.objects.get(pk=page.pk)


def english_guide(text):
    french = make_guide(steps=[step("Ouvrez le site", "Regardez le relevé bancaire.")])
    page = french.copy_for_translation(english(), copy_parents=True)
    page.title = "Read your statement"
    page.steps = [step("Open the website", text)]
    page.save_revision().publish()
    cache.clear()
    return page


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_a_translation_keeps_the_french_anchor_in_its_own_language(terms):
    statement, _debit, translated = terms
    assert translated.locale.language_code == "en" and translated.slug == statement.slug
    assert translated.translation_key == statement.translation_key
    shown = {term.term: term.lang for term in glossary_for_reader("en")}
    assert shown["Bank statement"] == "" and shown["Échéancier"] == "fr"
    assert "Relevé bancaire" not in shown
    assert "Bank statement" not in {term.term for term in glossary_for_reader("fr")}


def test_the_english_glossary_page_shows_translations_and_marks_french_terms(client, terms):
    statement, debit, _translated = terms
    page = english_glossary_page()
    soup = html(client, page.url)
    entries = {entry["id"]: entry for entry in soup.select(".glossary__entry")}
    assert entries[statement.slug].dfn.get_text() == "Bank statement"
    assert "lang" not in entries[statement.slug].attrs
    assert entries[debit.slug].dfn.get_text() == "Échéancier"
    assert entries[debit.slug]["lang"] == "fr" and entries[debit.slug]["dir"] == "ltr"
    assert problems(str(soup), page.url) == []
    french = html(client, glossary_page().url)
    words = [dfn.get_text() for dfn in french.select(".glossary__entry dfn")]
    assert "Relevé bancaire" in words and "Bank statement" not in words
    assert not french.select(".glossary__entry[lang]")


def test_an_english_guide_links_its_words_to_the_english_glossary(client, terms):
    statement, debit, _translated = terms
    glossary = english_glossary_page()
    guide = english_guide("Check your bank statements. A Échéancier is not a transfer.")
    links = {a.get_text(): a for a in html(client, guide.url).select(".guide-steps a.glossary-link")}
    assert links["bank statements"]["href"] == f"{glossary.url}#{statement.slug}"
    assert "lang" not in links["bank statements"].attrs and "hreflang" not in links["bank statements"].attrs
    assert links["Échéancier"]["href"] == f"{glossary.url}#{debit.slug}"
    assert links["Échéancier"]["lang"] == "fr"


def test_without_an_english_glossary_page_the_links_lead_to_the_french_one_said_so(client, terms):
    statement, _debit, _translated = terms
    english_glossary = glossary_page().get_translation_or_none(english())
    if english_glossary is not None:  # the demo's: unpublished, as an editor may do
        english_glossary.unpublish()
        cache.clear()
    guide = english_guide("Check your bank statement.")
    soup = html(client, guide.url)
    (link,) = soup.select(".guide-steps a.glossary-link")
    assert link["href"] == f"{glossary_page().url}#{statement.slug}"
    assert link["hreflang"] == "fr" and "lang" not in link.attrs  # English words, French page
    assert problems(str(soup.select_one(".guide-steps")), guide.url) == []


def test_the_english_handout_lists_translated_terms_and_marks_the_french_ones(rf, terms):
    guide = english_guide("Check your bank statement. A Échéancier is not a transfer.")
    with translation.override("en"):
        context = handout.handout_context(
            guide, rf.get("/"), handout.HandoutOptions(), glossary_for_reader("en")
        )
        page = BeautifulSoup(render_to_string("guides/handout.html", context), "html.parser")
    entries = {div.dt.get_text(): div for div in page.select(".handout__glossary dl > div")}
    assert set(entries) == {"Bank statement", "Échéancier"}
    assert "lang" not in entries["Bank statement"].attrs
    assert entries["Échéancier"]["lang"] == "fr"


def test_search_finds_a_term_in_the_readers_language_and_french_terms_after(client, terms):
    english_glossary_page()
    results = html(client, "/en/recherche/?q=bank+statement")
    titles = [a.get_text(strip=True) for a in results.select(".search-results a")]
    assert "Bank statement" in titles
    assert "Relevé bancaire" not in titles  # its translation matched already
    french = html(client, "/recherche/?q=relevé+bancaire")
    titles = [a.get_text(strip=True) for a in french.select(".search-results a")]
    assert "Relevé bancaire" in titles and "Bank statement" not in titles


def test_a_translated_word_already_used_in_that_language_is_refused_clearly(terms):
    _statement, _debit, translated = terms
    twin = GlossaryTerm(term=translated.term, slug="autre", definition="x", locale=translated.locale)
    with pytest.raises(ValidationError):
        twin.full_clean()


def test_on_the_arabic_glossary_french_letters_come_after_arabic_ones_and_are_marked(client):
    """The demo's Arabic glossary: translated words under Arabic letters first, then the French
    words not translated yet, under their Latin letters marked lang="fr"."""
    arabic = glossary_page().get_translation_or_none(Locale.objects.get(language_code="ar"))
    assert arabic is not None and arabic.live, "the demo translates the glossary page into Arabic"
    soup = html(client, arabic.url)
    headings = soup.select("main section h2")
    languages = [heading.get("lang", "") for heading in headings]
    assert "" in languages and "fr" in languages
    assert languages == sorted(languages)  # the page's own letters first
    assert problems(str(soup), arabic.url) == []
    assert soup.select_one(".glossary__entry#virement dfn").get_text() == "تحويل بنكي"


def test_a_translated_terms_forms_widen_only_searches_in_its_language(terms):
    """« bank statements » is a synonym in an English search, never in a French one."""
    english_group = ["Bank statement", "bank statements"]
    assert english_group in glossary_synonyms(["en", "fr"])
    assert english_group not in glossary_synonyms(["fr"])
    assert ["Relevé bancaire", "relevés bancaires"] in glossary_synonyms(["fr"])


def test_a_word_already_in_the_glossary_is_refused_in_french_in_the_admin(client, terms):
    """The admin's form has no locale field: the word's uniqueness in its language is said as a
    form error (never a server error), and nothing is saved."""
    statement, _debit, _translated = terms
    client.force_login(get_user_model().objects.create_superuser("editeur", "e@example.org", "x"))
    url = "/admin/snippets/guides/glossaryterm/add/?locale=fr"
    page = client.get(url)
    form = BeautifulSoup(page.content, "html.parser").select_one("main form[method=post]")
    data = form_data(page.content, form_id=form["id"])
    data.update(term=statement.term, slug="une-autre-ancre", definition="Un doublon.")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ce mot est déjà dans le glossaire." in response.content.decode()
    assert not GlossaryTerm.objects.filter(slug="une-autre-ancre").exists()
