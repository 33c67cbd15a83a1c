"""The PDF handout of a guide, read back as a mediator would see it on paper."""

import io
import re
import time
from collections import Counter
from datetime import date
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfReader

from guides import handout
from guides.models import GlossaryTerm, GuidePage
from locations.models import LocationPage, Slot
from locations.status import place_status, session_fr, session_on_paper

pytestmark = pytest.mark.django_db

GUIDE = "/guides/ajouter-un-beneficiaire/"
HANDOUT = GUIDE + "fiche.pdf"
A4 = (595.28, 841.89)
MAX_PAGES = 4


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def read(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(pdf):
    """All the text, with line breaks and repeated spaces folded (words wrap on paper)."""
    raw = " ".join(page.extract_text() for page in pdf.pages)
    return " ".join(raw.split())


def body_font_size(pdf):
    """The font size (pt) that carries most characters: the body text."""
    sizes = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in pdf.pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def step_titles(guide):
    return [block.value["title"] for block in guide.steps if block.block_type == "step"]


def test_guide_page_links_to_its_handout(client, demo_site):
    page = BeautifulSoup(client.get(GUIDE).content, "html.parser")
    link = page.find("a", string="Imprimer la fiche (PDF)")
    assert link is not None and link["href"] == HANDOUT
    form = page.select_one("form.guide-handout__form")
    assert form["action"] == HANDOUT and form["method"] == "get"
    assert "creully" in [option["value"] for option in form.select("select[name=lieu] option")]
    # Places are offered by department, so a mediator finds theirs among their neighbours.
    calvados = form.select_one("select[name=lieu] optgroup[label=Calvados]")
    assert "creully" in [option["value"] for option in calvados.select("option")]
    assert form.select_one("input[name=gros]")["value"] == "1"


def test_handout_is_an_a4_pdf_with_title_steps_checklist_glossary_and_qr_url(client, demo_site):
    guide = GuidePage.objects.get(slug="ajouter-un-beneficiaire")
    response = client.get(HANDOUT)
    pdf = read(response)
    assert response["Content-Disposition"] == 'inline; filename="fiche-ajouter-un-beneficiaire.pdf"'
    for page in pdf.pages:
        assert abs(float(page.mediabox.width) - A4[0]) <= 1
        assert abs(float(page.mediabox.height) - A4[1]) <= 1
    text = text_of(pdf)
    assert guide.title in text and guide.summary in text
    assert "Pour qui" in text and "10 minutes environ" in text and "Débutant" in text
    assert "Avant de commencer" in text
    for item in guide.checklist:
        assert item in text
    for number, title in enumerate(step_titles(guide), start=1):
        assert f"{number}. {title}" in text
    assert "Attention !" in text and "Astuce" in text
    # The glossary explains the words of this guide, and only those.
    assert "Les mots à connaître" in text
    iban = GlossaryTerm.objects.get(term="IBAN", locale__language_code="fr")
    assert f"IBAN : {iban.definition}" in text
    assert "FranceConnect :" not in text
    # The address printed beside the QR code (may wrap after a hyphen on paper): the site's
    # public address (WAGTAILADMIN_BASE_URL), not the Host the request came with.
    guide_url = GuidePage.objects.get(slug="ajouter-un-beneficiaire").get_full_url()
    assert guide_url.startswith(settings.WAGTAILADMIN_BASE_URL)
    assert guide_url in text.replace("- ", "-")
    today = timezone.localdate()
    assert f"Fiche imprimée le {today.day if today.day > 1 else '1er'}" in text
    assert "Votre permanence" not in text


def test_the_qr_code_encodes_the_guides_absolute_url(client, demo_site):
    with mock.patch.object(handout, "render_pdf", wraps=handout.render_pdf) as spy:
        read(client.get(HANDOUT, HTTP_HOST="pasapas.example.org"))
    html = spy.call_args.args[0]
    # Whatever the Host header, the QR code leads to the site's public address.
    expected = handout.qr_svg(f"{settings.WAGTAILADMIN_BASE_URL}/guides/ajouter-un-beneficiaire/")
    assert expected in html
    # The tick boxes are drawn with CSS borders, not a glyph a font might lack.
    assert "☐" not in html and html.count('class="tick tick--step"') == 7


@pytest.mark.parametrize("large", [False, True], ids=["normal", "gros"])
def test_every_demo_guide_fits_on_four_a4_pages(client, demo_site, large):
    guides = list(GuidePage.objects.live().select_related("locale"))  # translations too
    assert len(guides) >= 10
    too_long = []
    for guide in guides:
        pdf = read(client.get(guide.url + "fiche.pdf", {"gros": "1"} if large else {}))
        if len(pdf.pages) > MAX_PAGES:
            too_long.append(f"{guide.slug}: {len(pdf.pages)} pages")
        if guide.locale.language_code == "ar":
            continue  # pypdf does not reorder mixed Arabic and French lines: test_handout_arabic reads them
        text = text_of(pdf)
        missing = [title for title in step_titles(guide) if title not in text]
        assert not missing, f"{guide.slug}: steps missing from the handout {missing}"
    assert not too_long


def test_large_print_has_16_pt_body_text_and_fewer_characters_per_line(client, demo_site):
    normal = read(client.get(HANDOUT))
    large = read(client.get(HANDOUT, {"gros": "1"}))
    assert body_font_size(normal) < 12
    assert body_font_size(large) >= 16
    assert len(large.pages) >= len(normal.pages)

    def mean_line_length(pdf):
        lines = [line for page in pdf.pages for line in page.extract_text().splitlines() if len(line) > 20]
        return sum(map(len, lines)) / len(lines)

    assert mean_line_length(large) < 0.8 * mean_line_length(normal)
    response = client.get(HANDOUT, {"gros": "1"})
    assert response["Content-Disposition"] == (
        'inline; filename="fiche-ajouter-un-beneficiaire-gros-caracteres.pdf"'
    )


def test_place_box_shows_name_address_and_next_three_sessions(client, demo_site):
    place = LocationPage.objects.get(slug="creully")
    text = text_of(read(client.get(HANDOUT, {"lieu": "creully"})))
    assert "Votre permanence" in text
    assert place.title in text and place.full_address in text
    status = place_status(place)
    sessions = status["next_sessions"]
    assert len(sessions) == 3
    for session in sessions:
        on_paper = session_on_paper(session["occurrence"], status["local_now"].date())
        assert on_paper[0].upper() + on_paper[1:] in text
    # Paper is read on another day: never "demain" nor "aujourd'hui", always the date.
    assert "Demain" not in text and "Aujourd'hui" not in text


def test_paper_dates_are_absolute():
    day = date(2026, 11, 24)  # a Tuesday
    start = timezone.datetime(2026, 11, 24, 14, 0)
    occurrence = mock.Mock(day=day, start=start, end=start.replace(hour=17))
    assert session_on_paper(occurrence, date(2026, 11, 23)) == "mardi 24 novembre, de 14 h à 17 h"
    assert session_fr(occurrence, date(2026, 11, 23)).startswith("demain")


def test_step_illustrations_are_printed_from_the_media_storage(client, demo_site):
    with mock.patch.object(handout, "_media_bytes", wraps=handout._media_bytes) as spy:
        pdf = read(client.get("/guides/scanner-un-document-avec-son-telephone/fiche.pdf"))
    served = [call.args[0] for call in spy.call_args_list]
    assert len(served) == 2, served  # the guide's two illustrations
    assert all(handout._media_bytes(name) for name in served)
    assert len(pdf.pages) <= MAX_PAGES
    assert any("/XObject" in (page.get("/Resources") or {}) for page in pdf.pages)


@pytest.mark.parametrize(
    "params",
    [
        {"lieu": "nexiste-pas"},
        {"lieu": "<script>alert(1)</script>"},
        {"lieu": "x" * 5000},
        {"lieu": "\x00"},
        {"lieu": "../../etc/passwd"},
        {"gros": "<b>"},
        {"gros": "1" * 5000, "lieu": ["creully", "mathieu"]},
    ],
)
def test_unknown_or_hostile_params_give_the_pdf_without_the_box(client, demo_site, params):
    text = text_of(read(client.get(HANDOUT, params)))
    assert "Ajouter un bénéficiaire" in text
    if params.get("lieu") != ["creully", "mathieu"]:
        assert "Votre permanence" not in text


def test_unknown_or_unpublished_guide_is_404(client, demo_site):
    assert client.get("/guides/nexiste-pas/fiche.pdf").status_code == 404
    assert client.get("/lieux/fiche.pdf").status_code == 404
    assert client.get("/guides/%00/fiche.pdf").status_code == 404
    guide = GuidePage.objects.get(slug="telecharger-un-rib", locale__language_code="fr")
    guide.unpublish()
    assert client.get("/guides/telecharger-un-rib/fiche.pdf").status_code == 404


def test_weasyprint_fetches_nothing_but_local_static_files(client, demo_site):
    from weasyprint.urls import URLFetcher

    fetched = []
    original = URLFetcher.fetch

    def record(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    with mock.patch.object(URLFetcher, "fetch", record):
        read(client.get(HANDOUT, {"lieu": "creully"}))
    # Our fetcher answers /static/ itself: the network-capable parent only sees data: URIs.
    assert all(url.startswith("data:") for url in fetched), fetched

    fetcher = handout._fetcher_class()()
    css = fetcher.fetch(handout.LOCAL_ORIGIN + "/static/css/handout.css")
    assert b"@page" in css.read()
    for url in [
        "https://example.org/tracker.png",
        "http://127.0.0.1:6379/",
        "file:///etc/passwd",
        handout.LOCAL_ORIGIN + "/static/../../portal/settings/base.py",
        handout.LOCAL_ORIGIN + "/media/secret.txt",
        handout.LOCAL_ORIGIN + "/_media/../portal/settings/base.py",
        handout.LOCAL_ORIGIN + "/_media//etc/passwd",
        handout.LOCAL_ORIGIN + "/_media/nexiste-pas.png",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- cache ------------------------------------------------------------------------------------


def test_unchanged_guide_is_served_from_cache_and_republishing_renders_again(client, demo_site):
    with mock.patch.object(handout, "render_pdf", wraps=handout.render_pdf) as spy:
        first = read(client.get(HANDOUT))
        second = client.get(HANDOUT)
        assert spy.call_count == 1
        assert second.content == client.get(HANDOUT).content
        client.get(HANDOUT, {"gros": "1"})
        assert spy.call_count == 2

        guide = GuidePage.objects.get(slug="ajouter-un-beneficiaire")
        guide.title = "Ajouter un bénéficiaire à sa banque"
        guide.save_revision().publish()
        third = read(client.get(HANDOUT))
        assert spy.call_count == 3
    assert "Ajouter un bénéficiaire à sa banque" in text_of(third)
    assert "Ajouter un bénéficiaire à sa banque" not in text_of(first)


def test_a_changed_slot_gives_a_new_pdf_and_other_places_keep_theirs(client, demo_site):
    with mock.patch.object(handout, "render_pdf", wraps=handout.render_pdf) as spy:
        client.get(HANDOUT, {"lieu": "creully"})
        client.get(HANDOUT, {"lieu": "mathieu"})
        client.get(HANDOUT, {"lieu": "creully"})
        assert spy.call_count == 2
        slot = Slot.objects.filter(page__slug="creully").first()
        slot.end = slot.end.replace(hour=11, minute=30)
        slot.save()
        text = text_of(read(client.get(HANDOUT, {"lieu": "creully"})))
        client.get(HANDOUT, {"lieu": "mathieu"})
        assert spy.call_count == 3
    assert "de 9 h à 11 h 30" in text


def test_cache_key_changes_with_the_date_the_place_and_the_glossary(rf, demo_site):
    guide = GuidePage.objects.get(slug="ajouter-un-beneficiaire")
    place = LocationPage.objects.get(slug="creully")
    request = rf.get(HANDOUT)
    plain = handout.HandoutOptions()
    boxed = handout.HandoutOptions(place=place)
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    terms = list(GlossaryTerm.objects.filter(locale__language_code="fr"))
    key = handout.cache_key(guide, request, boxed, monday, terms)
    assert key == handout.cache_key(guide, request, boxed, monday, terms)
    assert key != handout.cache_key(guide, request, boxed, tuesday, terms)
    assert key != handout.cache_key(guide, request, plain, monday, terms)
    term = GlossaryTerm.objects.get(term="IBAN", locale__language_code="fr")
    term.definition += " Exemple : FR76…"
    term.save()
    terms = list(GlossaryTerm.objects.filter(locale__language_code="fr"))
    assert key != handout.cache_key(guide, request, boxed, monday, terms)
    assert re.fullmatch(r"[\w:.-]+", key) and len(key) < 200


def photo_guide():
    """A published guide whose step shows a 1,200-pixel PNG photo."""
    from django.core.files.base import ContentFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    from guides.tests.factories import make_guide, step

    buffer = io.BytesIO()
    PillowImage.new("RGB", (1200, 800), "#2a6").save(buffer, "PNG")
    image = get_image_model()(title="Photo du guichet")
    image.file.save("guichet.png", ContentFile(buffer.getvalue()), save=False)
    image.width, image.height = 1200, 800  # assigning the file resets them
    image.save()
    return make_guide(steps=[step("Allez au guichet", image=image, alt="Le guichet")])


def pdf_image_count(pdf):
    return sum(len(page.images) for page in pdf.pages)


def test_a_photo_is_printed_from_a_rendition(client, demo_site):
    guide = photo_guide()
    pdf = read(client.get(guide.url + "fiche.pdf"))
    assert pdf_image_count(pdf) == 1
    (picture,) = [image for page in pdf.pages for image in page.images]
    assert picture.image.width <= 800  # max-800x500, not the 1,200-pixel original


def test_a_handout_that_lost_its_image_to_a_storage_outage_is_not_cached(client, demo_site, settings):
    from botocore.exceptions import EndpointConnectionError

    from home import media

    settings.MEDIA_STORAGE_RETRY_AFTER = 0.3  # then the breaker lets a request try again
    guide = photo_guide()
    down = EndpointConnectionError(endpoint_url="http://bucket.invalid")
    try:
        with mock.patch("wagtail.images.models.AbstractImage.get_renditions", side_effect=down):
            response = client.get(guide.url + "fiche.pdf")
        assert response.status_code == 200 and pdf_image_count(read(response)) == 0
        time.sleep(0.4)
        with mock.patch.object(media.default_storage, "open", side_effect=down):
            assert pdf_image_count(read(client.get(guide.url + "fiche.pdf"))) == 0
        time.sleep(0.4)
        # Back: the next handout has its photo (the two above were not kept), and is kept.
        assert pdf_image_count(read(client.get(guide.url + "fiche.pdf"))) == 1
        with mock.patch.object(handout, "render_pdf") as render:
            assert pdf_image_count(read(client.get(guide.url + "fiche.pdf"))) == 1
        render.assert_not_called()
    finally:
        media.outage._down_until = 0.0


def structure_types(node, seen=None, depth=0):
    """The /S types of a PDF structure tree (headings, lists, paragraphs…), walked from `node`."""
    seen = set() if seen is None else seen
    node = node.get_object()
    if depth > 60:
        return seen
    if "/S" in node:
        seen.add(str(node["/S"]))
    kids = node.get("/K")
    if kids is None:
        return seen
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and ("/K" in kid or "/S" in kid):
            structure_types(kid, seen, depth + 1)
    return seen


def test_the_handout_is_a_tagged_pdf_ua_in_the_pages_language(client, demo_site):
    """A screen reader gets headings, lists and paragraphs in reading order (pdfinfo: Tagged)."""
    pdf = read(client.get(HANDOUT))
    catalog = pdf.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("fr")
    types = structure_types(catalog["/StructTreeRoot"])
    assert {"/H1", "/L", "/LI", "/P"} <= types, types
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # declared PDF/UA-1
