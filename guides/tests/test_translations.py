"""Translated guides: wagtail-localize translations under /en/ and /ar/, the language switcher,
hreflang alternates (head and sitemap), search by language, a volunteer's PO round trip."""

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import RequestFactory
from wagtail.models import Locale
from wagtail_localize.models import Translation

from guides import demo_loader
from guides.models import GuideIndexPage, GuidePage
from home.demo_loader import create_page
from home.page_cache import cache_key
from home.tests.factories import unique

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent / "translations"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def data(name):
    return tomllib.loads((HERE / name).read_text(encoding="utf-8"))


def french_guide():
    """The French guide of guides/tests/translations/guide.toml, published under /guides/."""
    index = GuideIndexPage.objects.get(locale__language_code="fr")
    french = data("guide.toml")
    guide, _created = create_page(
        index, GuidePage, unique("facture"), **demo_loader.guide_fields(french, {}, {})
    )
    return guide, french


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """translate(guide, french data, language): the demo loader's translation, published (the
    publication runs on commit, which a test's rolled-back transaction never reaches)."""

    def translate(guide, french, language):
        locale = Locale.objects.get(language_code=language)
        with django_capture_on_commit_callbacks(execute=True):
            return demo_loader.translate_guide(guide, french, data(f"{language}/guide.toml"), locale)

    return translate


@pytest.fixture
def guide(demo_site, translate):
    """A French guide, translated into English (fully) and Arabic (without its audience)."""
    guide, french = french_guide()
    translate(guide, french, "en")
    translate(guide, french, "ar")
    return guide


def version(guide, language):
    return guide.get_translation(Locale.objects.get(language_code=language)).specific


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_translated_guide_answers_under_its_language_with_lang_and_dir(client, guide):
    english, arabic = version(guide, "en"), version(guide, "ar")
    assert guide.url == f"/guides/{guide.slug}/"  # the French address is unchanged
    assert english.url == f"/en/guides/{guide.slug}/"
    assert arabic.url == f"/ar/guides/{guide.slug}/"

    french_html = soup(client, guide.url).html
    assert (french_html["lang"], french_html["dir"]) == ("fr", "ltr")
    page = soup(client, english.url)
    assert (page.html["lang"], page.html["dir"]) == ("en", "ltr")
    assert page.h1.get_text() == "Pay a bill online"
    steps = [h.get_text(" ", strip=True) for h in page.select(".guide-step__title")]
    assert steps[-1] == "Step 3: Keep the receipt"  # the chrome's words from the English catalog
    assert page.find(id="avant").get_text() == "Before you start"
    assert [li.get_text() for li in page.select(".guide-checklist li")] == ["Your bill", "Your bank card"]
    assert "The address often starts with « https »." in page.select_one(".guide-note").get_text()
    howto = json.loads(page.find("script", type="application/ld+json").string)
    assert (howto["inLanguage"], howto["name"]) == ("en", "Pay a bill online")

    page = soup(client, arabic.url)
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.h1.get_text() == "دفع فاتورة عبر الإنترنت"
    assert page.find(id="etapes").get_text() == "الخطوات"
    # The Arabic file has no audience: that text stays French, nothing fails.
    facts = page.select_one(".guide-facts").get_text()
    assert "Toute personne qui reçoit une facture." in facts


def test_the_translation_is_a_wagtail_localize_translation_of_the_french_page(guide):
    english = version(guide, "en")
    translation = Translation.objects.get(
        source__object_id=guide.translation_key, target_locale=english.locale
    )
    assert translation.source.get_source_instance().pk == guide.pk
    assert english.live and english.get_parent().specific_class is GuideIndexPage
    assert english.translation_key == guide.translation_key


def test_an_existing_translation_is_never_overwritten(guide, translate):
    english = version(guide, "en")
    english.title = "Pay a bill on the internet"
    english.save_revision().publish()
    assert translate(guide, data("guide.toml"), "en") is None
    assert version(guide, "en").title == "Pay a bill on the internet"


def test_translation_files_missing_partial_or_broken_never_stop_the_demo(
    demo_site, tmp_path, django_capture_on_commit_callbacks
):
    guide, _french = french_guide()
    assert demo_loader.load_translations({guide.slug: guide}, tmp_path) == 0  # empty folder
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "s-inscrire-a-france-travail.toml").write_text("title = [broken", encoding="utf-8")
    (tmp_path / "ar").mkdir()
    # A partial file for a demo guide: only its title.
    (tmp_path / "ar" / "s-inscrire-a-france-travail.toml").write_text('title = "التسجيل في France Travail"\n')
    demo = GuidePage.objects.get(slug="s-inscrire-a-france-travail", locale__language_code="fr")
    if demo.get_translations().filter(locale__language_code="ar").exists():
        pytest.skip("the demo already translates this guide into Arabic")
    with django_capture_on_commit_callbacks(execute=True):
        assert demo_loader.load_translations({demo.slug: demo}, tmp_path) == 1
    arabic = version(demo, "ar")
    assert arabic.title == "التسجيل في France Travail"
    assert arabic.summary == demo.summary  # left in French
    assert not demo.get_translations().filter(locale__language_code="en").exists()  # broken file skipped


def test_switcher_names_each_language_in_itself_and_lists_only_existing_translations(client, guide):
    page = soup(client, guide.url)
    links = page.select(".language-switcher a")
    assert [(a.get_text(), a["lang"], a["hreflang"], a["href"]) for a in links] == [
        ("English", "en", "en", f"/en/guides/{guide.slug}/"),
        ("العربية", "ar", "ar", f"/ar/guides/{guide.slug}/"),
    ]
    assert links[1]["dir"] == "rtl"
    # Ordinary links: reachable with the Tab key, no tabindex taking them out.
    assert all(a.name == "a" and a.get("tabindex") in (None, "0") for a in links)
    arabic = soup(client, version(guide, "ar").url)
    names = [a.get_text() for a in arabic.select(".language-switcher a")]
    assert names == ["Français", "English"]

    lonely, _french = french_guide()  # a guide with no translation: no switcher at all
    assert not soup(client, lonely.url).select(".language-switcher")


def test_translated_chrome_links_to_french_sections_and_says_so(client, guide):
    page = soup(client, version(guide, "en").url)
    nav = {a.get_text(): a for a in page.select("#menu a")}
    assert nav["Home"]["href"] == "/en/"
    assert nav["Guides"]["href"] == "/en/guides/" and not nav["Guides"].get("lang")
    places = nav["Lieux d'aide"]  # no English directory: the French one, marked as French
    assert (places["href"], places["lang"], places["hreflang"]) == ("/lieux/", "fr", "fr")
    stuck = page.select_one(".guide-stuck a.button")
    assert stuck["href"] == "/lieux/" and stuck["hreflang"] == "fr"


def test_hreflang_alternates_in_the_head_are_absolute_with_x_default_french(client, guide):
    base = settings.WAGTAILADMIN_BASE_URL
    for url in (guide.url, version(guide, "ar").url):
        links = soup(client, url).select('head link[rel="alternate"][hreflang]')
        assert {link["hreflang"]: link["href"] for link in links} == {
            "fr": f"{base}/guides/{guide.slug}/",
            "en": f"{base}/en/guides/{guide.slug}/",
            "ar": f"{base}/ar/guides/{guide.slug}/",
            "x-default": f"{base}/guides/{guide.slug}/",
        }


def test_sitemap_lists_each_translation_with_its_alternates(client, guide):
    base = settings.WAGTAILADMIN_BASE_URL
    entries = {}
    for section in ("guides", "pages"):  # guides, and the home and section pages
        tree = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)  # noqa: S314 - our own sitemap
        entries |= {
            url.find("s:loc", SITEMAP).text: {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)
            }
            for url in tree.findall("s:url", SITEMAP)
        }
    expected = {
        "fr": f"{base}/guides/{guide.slug}/",
        "en": f"{base}/en/guides/{guide.slug}/",
        "ar": f"{base}/ar/guides/{guide.slug}/",
        "x-default": f"{base}/guides/{guide.slug}/",
    }
    for language in ("fr", "en", "ar"):
        assert entries[expected[language]] == expected
    # The translated home pages are in it too, and a French-only page has no alternates.
    assert f"{base}/en/" in entries and f"{base}/ar/" in entries
    assert entries[f"{base}/lieux/"] == {}


def test_search_in_english_finds_the_english_guide(client, guide):
    page = soup(client, "/en/recherche/?q=bill")
    titles = [a.get_text() for a in page.select(".search-results a")]
    assert "Pay a bill online" in titles
    assert not page.select(".search-fallback")
    first = page.select_one(".search-results a")
    assert first.get_text() == "Pay a bill online" and not first.get("lang")
    assert first["href"] == f"/en/guides/{guide.slug}/"


def test_search_in_english_falls_back_to_french_and_says_so(client, guide):
    page = soup(client, "/en/recherche/?q=recopiez")
    assert page.select_one(".search-fallback").get_text() == (
        "No results in English: here are the results in French."
    )
    links = page.select(".search-results a")
    assert ("Payer une facture en ligne", guide.url) in [(a.get_text(), a["href"]) for a in links]
    assert {a.get("lang") for a in links} == {"fr"}  # every fallback result is marked French


def test_french_search_keeps_to_french_pages(client, guide):
    page = soup(client, "/recherche/?q=facture")
    hrefs = [a["href"] for a in page.select(".search-results a")]
    assert guide.url in hrefs
    assert not [href for href in hrefs if href.startswith(("/en/", "/ar/"))]
    assert not page.select(".search-fallback")
    assert page.html["lang"] == "fr" and page.h1.get_text() == "Rechercher"


def test_page_cache_keeps_one_answer_per_language(client, guide):
    factory = RequestFactory()
    keys = {
        cache_key(factory.get(url)) for url in (guide.url, version(guide, "en").url, version(guide, "ar").url)
    }
    assert len(keys) == 3
    for _round in range(2):  # the second round is served from the page cache
        assert soup(client, guide.url).html["lang"] == "fr"
        assert soup(client, version(guide, "en").url).html["lang"] == "en"
        assert soup(client, version(guide, "ar").url).html["lang"] == "ar"


def test_volunteer_po_round_trip_publishes_the_new_wording(client, guide, django_capture_on_commit_callbacks):
    """Export the translation as PO, fill a msgstr as a volunteer would, import it, publish."""
    english = version(guide, "en")
    translation = Translation.objects.get(
        source__object_id=guide.translation_key, target_locale=english.locale
    )
    exported = polib.pofile(str(translation.export_po()))
    entry = next(e for e in exported if e.msgid == "Gardez le reçu")
    assert entry.msgstr == "Keep the receipt"
    entry.msgstr = "Keep the receipt somewhere safe"
    warnings = translation.import_po(polib.pofile(str(exported)))
    assert warnings == []
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    titles = [h.get_text(" ", strip=True) for h in soup(client, english.url).select(".guide-step__title")]
    assert titles[-1] == "Step 3: Keep the receipt somewhere safe"


def test_handout_names_the_other_languages_and_its_qr_leads_to_its_own_language(client, guide):
    from io import BytesIO

    from pypdf import PdfReader

    def text(url):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        return re.sub(
            r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
        )

    base = settings.WAGTAILADMIN_BASE_URL
    french = text(guide.url + "fiche.pdf")
    assert "Ce guide existe aussi en :" in french
    assert f"{base}/en/guides/{guide.slug}/" in french.replace(" ", "")  # a long URL may wrap
    english = text(version(guide, "en").url + "fiche.pdf")
    assert "Before you start" in english
    assert f"{base}/en/guides/{guide.slug}/" in english.replace(" ", "")  # the QR code's printed address
    assert "This guide also exists in:" in english
