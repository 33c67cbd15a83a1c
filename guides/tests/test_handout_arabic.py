"""The handout of an Arabic guide: real Arabic text in an embedded font, laid out right to
left (the step number on the right of its words), the QR code unchanged."""

import io
import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import ContentStream
from wagtail.models import Locale

from guides import handout
from guides.models import GlossaryTerm
from guides.tests.factories import make_guide, step, tip
from home.tests.language_crawl import problems

pytestmark = pytest.mark.django_db

TITLE = "إجراء تحويل بنكي"
STEPS = ["ادخل إلى بنكك على الإنترنت", "اختر «تحويل» (« Virement »)", "احتفظ بالإثبات"]
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def arabic_guide(settings):
    """An Arabic translation of a French guide, the way editors make one (copy_for_translation),
    with Wagtail's i18n on for this test only, so the copy has its own address."""
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [("fr", "Français"), ("ar", "العربية")]
    cache.clear()  # Wagtail caches the site's root paths
    french = make_guide(
        steps=[step("Connectez-vous"), tip("Prenez votre temps."), step("Choisissez"), step("Gardez")],
        before_you_start="Vos codes\nVotre téléphone",
    )
    arabic = french.copy_for_translation(
        Locale.objects.get_or_create(language_code="ar")[0], copy_parents=True
    )
    arabic.title = TITLE
    arabic.summary = "إرسال المال من حسابك إلى حساب شخص آخر."
    arabic.before_you_start = "رموز الدخول\nهاتفك المحمول"
    arabic.steps = [
        step(STEPS[0], "افتح موقع بنكك أو تطبيقه."),
        tip("خذ وقتك."),
        step(STEPS[1], "قد تحمل القائمة اسمًا آخر."),
        step(STEPS[2], "يعرض البنك رسالة تأكيد."),
    ]
    arabic.save_revision().publish()
    arabic.refresh_from_db()
    return arabic


def pdf_of(guide, rf):
    return PdfReader(io.BytesIO(handout.handout_pdf(guide, rf.get("/"), handout.HandoutOptions(), [])))


def to_unicode(font):
    """glyph id -> characters, from the font's ToUnicode map (how a reader gets the text)."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    chars = {}
    for section in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section):
            chars[int(glyph, 16)] = bytes.fromhex(text).decode("utf-16-be")
    for section in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for first, last, text in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", section):
            for offset in range(int(last, 16) - int(first, 16) + 1):
                chars[int(first, 16) + offset] = chr(int(text, 16) + offset)
    return chars


def runs(pdf):
    """Each run of glyphs the PDF draws: (characters in drawing order, x, y, glyph ids, font).
    WeasyPrint draws a right-to-left run from its left end, so its characters come reversed."""
    found = []
    for page in pdf.pages:
        fonts = page["/Resources"]["/Font"]
        font, chars, x, y = None, {}, 0, 0
        for operands, operator in ContentStream(page.get_contents(), pdf).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
                chars = to_unicode(font)
            elif operator == b"Tm":
                x, y = float(operands[4]), float(operands[5])
            elif operator in (b"TJ", b"Tj"):
                parts = operands[0] if operator == b"TJ" else [operands[0]]
                data = b"".join(
                    getattr(part, "original_bytes", part) for part in parts if isinstance(part, (bytes, str))
                )
                glyphs = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
                found.append(("".join(chars.get(g, "") for g in glyphs), x, y, glyphs, font))
    return found


def letters(text):
    return Counter(text.replace(" ", ""))


def used_glyphs(font):
    """The glyph ids a subset font draws (its /W widths array, CID = glyph id)."""
    widths = font["/DescendantFonts"][0].get_object()["/W"]
    glyphs, index = set(), 0
    while index < len(widths):
        first, following = widths[index], widths[index + 1]
        if isinstance(following, list):
            glyphs.update(range(first, first + len(following)))
            index += 2
        else:
            glyphs.update(range(first, following + 1))
            index += 3
    return glyphs


def test_arabic_handout_is_real_arabic_text_right_to_left(arabic_guide, rf):
    assert handout.handout_language(arabic_guide) == ("ar", "rtl")
    pdf = pdf_of(arabic_guide, rf)
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    # Arabic lines in logical order, as a person reads them (pypdf does not reorder a line
    # that mixes Arabic and French, so the French screen label is looked for on its own).
    for words in [TITLE, STEPS[0], STEPS[2], "اختر", "Virement"]:
        assert words in text, text

    found = runs(pdf)
    arabic = [run for run in found if ARABIC.search(run[0])]
    assert arabic
    for _, _, _, glyphs, font in arabic:
        descendant = font["/DescendantFonts"][0].get_object()
        assert "DejaVu" in font["/BaseFont"]
        assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded, not left to the reader
        assert 0 not in glyphs  # no .notdef glyph: no empty boxes (« tofu »)
    # Shaped: one letter drawn with different glyphs by its place in the word (its initial,
    # middle and final forms), not a row of isolated letters.
    glyphs_of = {}
    for _, _, _, glyphs, font in arabic:
        chars = to_unicode(font)
        for glyph in glyphs:
            glyphs_of.setdefault(chars.get(glyph), set()).add(glyph)
    assert max(len(ids) for char, ids in glyphs_of.items() if char and ARABIC.match(char)) >= 2

    # Right to left: each step's number is drawn on the same line, right of its title.
    for number, title in [(1, STEPS[0]), (3, STEPS[2])]:
        (number_x, number_y) = next(
            (x, y) for text, x, y, _, _ in found if letters(text) == letters(f"{number}.")
        )
        (title_x, title_y) = next((x, y) for text, x, y, _, _ in found if letters(text) == letters(title))
        assert number_y == title_y and number_x > title_x, (number, number_x, title_x)

    # The QR code still leads to the page's own address, written out below it.
    assert arabic_guide.get_full_url(rf.get("/")) in text


def test_french_handout_stays_left_to_right(rf):
    guide = make_guide(steps=[step("Ouvrez le site"), step("Connectez-vous")])
    assert handout.handout_language(guide) == ("fr", "ltr")
    found = runs(pdf_of(guide, rf))
    (number_x, number_y) = next((x, y) for text, x, y, _, _ in found if letters(text) == letters("1."))
    (title_x, title_y) = next(
        (x, y) for text, x, y, _, _ in found if letters(text) == letters("Ouvrez le site")
    )
    assert number_y == title_y and number_x < title_x


def test_arabic_handout_marks_its_french_words_and_isolates_its_addresses(arabic_guide, rf):
    """The French glossary, screen labels and brand are lang="fr" dir="ltr" (their punctuation
    stays in place); every address is one isolated left-to-right run (not split and reordered)."""
    terms = [GlossaryTerm(term="Virement", slug="virement", definition="Envoyer de l'argent.")]
    with translation.override("ar"):  # as handout_pdf renders it
        context = handout.handout_context(arabic_guide, rf.get("/"), handout.HandoutOptions(), terms)
        html = render_to_string("guides/handout.html", context)
    assert [term.term for term in context["glossary"]] == ["Virement"]
    assert problems(html, "/ar/") == []
    soup = BeautifulSoup(html, "html.parser")
    glossary = soup.select_one(".handout__glossary dl > div")
    assert glossary["lang"] == "fr" and glossary["dir"] == "ltr"
    assert "Envoyer de l'argent." in glossary.get_text()
    addresses = soup.select("bdi.handout__url, .handout__url bdi")
    assert addresses and all(bdi["dir"] == "ltr" for bdi in addresses)
    assert arabic_guide.get_full_url(rf.get("/")) in [bdi.get_text() for bdi in addresses]
