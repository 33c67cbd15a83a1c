"""The A4 PDF handout of a guide (« fiche ») that mediators print during a permanence.

The guide's `fiche.pdf` route calls this module: it builds the handout's context from the
guide's rendered steps (guides.rendering), renders it with WeasyPrint without any network
access, and caches the PDF per guide revision and schedule change. It imports no model of its
app: the route passes the glossary terms and the mediator's place.

The handout speaks the guide page's language (its Wagtail locale): labels through gettext,
`<html lang dir>` so an Arabic guide is laid out right to left.
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from home import media
from home.page_cache import refuse_caching
from home.params import clean_param
from locations.status import place_status, session_on_paper
from search.indexing import language_of

from .glossary_links import GlossaryLinker, Term
from .rendering import render_steps

# Bump when the template or its stylesheet changes, so cached PDFs are rebuilt.
HANDOUT_VERSION = "5"
CACHE_SECONDS = 60 * 60 * 24
NEXT_SESSIONS = 3
# The origin WeasyPrint resolves relative URLs against. It is never contacted: the fetcher
# below serves our own static files from disk and refuses everything else.
LOCAL_ORIGIN = "https://fiche.pasapas.invalid"
# Media files (step illustrations) are read from the media storage under this local path.
MEDIA_PATH = "/_media/"
# A step illustration on A4: small enough to keep the handout within 4 pages.
ILLUSTRATION_FILTER = "max-800x500"

_LINK = re.compile(r"</?a\b[^>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"<(img|embed)\b[^>]*>", re.IGNORECASE)


# --- rendering ----------------------------------------------------------------------------


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        """Serves /static/ files from disk, media files (the guide's illustrations) from the
        media storage, and inline data: URIs; refuses every other URL."""

        lost = 0

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(LOCAL_ORIGIN + MEDIA_PATH):
                name = url[len(LOCAL_ORIGIN + MEDIA_PATH) :].split("?")[0].split("#")[0]
                body = _media_bytes(name)
                if body is not None:
                    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": media_type})
            prefix = LOCAL_ORIGIN + settings.STATIC_URL
            if url.startswith(prefix):
                relative = url[len(prefix) :].split("?")[0].split("#")[0]
                path = _static_path(relative)
                if path:
                    with open(path, "rb") as handle:
                        body = handle.read()
                    media_type = "text/css" if path.endswith(".css") else "application/octet-stream"
                    if path.endswith(".svg"):
                        media_type = "image/svg+xml"
                    return URLFetcherResponse(url, body, {"Content-Type": media_type})
            raise ValueError(f"La fiche n'utilise que des fichiers locaux : {url} refusé.")

    return LocalStaticFetcher


def _media_bytes(name):
    """The bytes of a media file, or None: no path outside the media storage, no error."""
    if not name or name.startswith("/") or ".." in name.split("/") or "\\" in name:
        return None
    return media.read_bytes(name)


def _static_path(relative):
    if ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    if found:
        return found
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        return staticfiles_storage.path(relative) if staticfiles_storage.exists(relative) else None
    except NotImplementedError:  # pragma: no cover - remote storage
        return None


# Tagged PDF/UA: a screen reader reads the handout's headings, lists and boxes in order, in the
# language of the page (<html lang>, and any lang= inside it).
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html):
    """PDF bytes of an HTML string, with no network access (WeasyPrint is imported lazily)."""
    from weasyprint import HTML

    fetcher = _fetcher_class()()
    document = HTML(string=html, base_url=LOCAL_ORIGIN + "/", url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def qr_svg(url):
    """An inline SVG QR code (scalable: viewBox, no fixed size)."""
    qr = segno.make(url, error="m")
    return mark_safe(qr.svg_inline(omitsize=True, svgclass="qr-code", border=2))  # noqa: S308 - segno output


# --- language -----------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def handout_language(guide):
    """(language code, "rtl" or "ltr") of the guide page's locale, French when unknown."""
    locale = getattr(guide, "locale", None)
    code = getattr(locale, "language_code", None) or settings.LANGUAGE_CODE
    try:
        bidi = translation.get_language_info(code)["bidi"]
    except KeyError:  # a language Django does not know: written left to right
        bidi = False
    return code, "rtl" if bidi else "ltr"


def css_content(text, **counters):
    """A CSS `content` value from translated words and page counters, so translators keep
    their word order: css_content("page %(page)s sur %(pages)s", page="page", pages="pages")
    gives `"page " counter(page) " sur " counter(pages)`."""
    parts = _PLACEHOLDER.split(text)
    values = []
    for index, part in enumerate(parts):
        if index % 2:
            values.append(f"counter({counters[part]})")
        elif part:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            values.append(f'"{quoted}"')
    return mark_safe(" ".join(values) or '""')  # noqa: S308 - quoted above


# --- content ------------------------------------------------------------------------------


@dataclass
class HandoutOptions:
    large: bool = False
    place: object = None  # a live public LocationPage, or None


def plain_fragment(html):
    """Rich text for paper: links and images removed, the words kept."""
    return mark_safe(_IMAGE.sub("", _LINK.sub("", html or "")))  # noqa: S308 - our own rich text


def glossary_terms_used(guide, rendered, terms):
    """The glossary terms that occur in the guide's text, alphabetically."""
    linker = GlossaryLinker(
        [Term(key=t.slug, forms=t.forms, url="") for t in terms],
    )
    fragments = [guide.title, guide.summary, guide.intro, *guide.checklist, *rendered.texts()]
    for fragment in fragments:
        # Headings are skipped by the page linker; on paper every text counts.
        linker.link(f"<p>{fragment}</p>" if fragment else "")
    return sorted((t for t in terms if t.slug in linker.seen), key=lambda t: t.term.lower())


def options_from_query(query, find_place):
    """?gros=1 (large print) and ?lieu=<place slug> (`find_place(slug)`: the place or None)."""
    lieu = clean_param(query.get("lieu"))
    return HandoutOptions(
        large=clean_param(query.get("gros")) in ("1", "oui"),
        place=find_place(lieu) if lieu else None,
    )


def place_box(place, now):
    """Name, address and next sessions of the mediator's own place; dates in full, since
    paper is read on another day ("mardi 24 novembre", never "demain")."""
    status = place_status(place, now)
    today = status["local_now"].date()
    return {
        "name": place.title,
        "address": place.full_address,
        "phone": place.phone,
        "sessions": [
            {"text": session_on_paper(session["occurrence"], today), "note": session["note"]}
            for session in status["next_sessions"]
        ],
        "closed_on_holidays": not place.open_on_public_holidays,
    }


@dataclass(frozen=True)
class PaperStep:
    step: object  # guides.rendering.Step
    figure: dict | None  # src (read by the fetcher from the media storage), alt, width, height


def figure_on_paper(illustration):
    """A step's illustration for paper: a rendition sized for A4, from the media storage."""
    image = illustration.get("image") if illustration else None
    if image is None:
        return None
    picture = media.rendition(image, ILLUSTRATION_FILTER)
    if picture is None:  # storage down or broken file: the words of the step are enough on paper
        return None
    return {
        "src": LOCAL_ORIGIN + MEDIA_PATH + picture.file.name,
        "alt": "" if illustration.get("decorative") else (illustration.get("alt") or ""),
        "width": picture.width,
        "height": picture.height,
    }


def handout_context(guide, request, options, glossary_terms, now=None):
    now = now or timezone.now()
    url = guide.get_full_url(request)  # the site's public address, whatever Host asked
    # On paper: the words of the links kept, the links and images removed.
    rendered = render_steps(guide.steps, plain_fragment)
    language_code, direction = handout_language(guide)
    glossary = glossary_terms_used(guide, rendered, glossary_terms)
    return {
        "guide": guide,
        "language_code": language_code,
        "direction": direction,
        # French content (glossary, place, brand) on a translated handout says so.
        "french": format_html(' lang="{}" dir="ltr"', settings.LANGUAGE_CODE)
        if language_code != settings.LANGUAGE_CODE
        else "",
        # The page footer's corners: the guide's title where reading starts, the page number
        # where it ends (@page margin boxes only have physical names).
        "footer_start": "right" if direction == "rtl" else "left",
        "footer_end": "left" if direction == "rtl" else "right",
        "page_number": css_content(gettext("page %(page)s sur %(pages)s"), page="page", pages="pages"),
        "large": options.large,
        "steps": [PaperStep(step, figure_on_paper(step.illustration)) for step in rendered.steps],
        "intro_notes": rendered.intro_notes,
        "glossary": glossary,
        # A term not translated into the handout's language is the French one, marked.
        "glossary_entries": [
            {"term": term.term, "definition": term.definition, "foreign": language_of(term) != language_code}
            for term in glossary
        ],
        "url": url,
        "qr": qr_svg(url),
        "printed_on": timezone.localdate(now),
        "place": place_box(options.place, now) if options.place else None,
    }


# --- cache --------------------------------------------------------------------------------


def place_fingerprint(place, today):
    """Changes when the place's published hours, closures or details change, and every day."""
    parts = [
        place.pk,
        place.live_revision_id,
        place.title,
        place.full_address,
        place.phone,
        place.zone,
        place.open_on_public_holidays,
        today.isoformat(),
        sorted(repr(slot.as_engine_slot()) for slot in place.slots.all()),
        sorted(repr(closure.as_engine_closure()) for closure in place.closures.all()),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def glossary_fingerprint(terms):
    rows = sorted((t.pk, t.term, t.slug, t.variants, t.definition) for t in terms)
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def cache_key(guide, request, options, today, glossary_terms):
    """guide id + live revision + large flag + place fingerprint + date (printed on the handout)."""
    place_part = place_fingerprint(options.place, today) if options.place else "-"
    # The QR code's address: the site's public one, so any Host header shares one PDF.
    host = hashlib.sha256(guide.get_full_url(request).encode()).hexdigest()[:12]
    return ":".join(
        [
            "fiche",
            HANDOUT_VERSION,
            str(guide.pk),
            str(guide.live_revision_id),
            "gros" if options.large else "normal",
            place_part,
            today.isoformat(),
            glossary_fingerprint(glossary_terms),
            host,
            # « Ce guide existe aussi en : … » changes when a translation is published.
            ".".join(
                str(pk)
                for pk in guide.get_translations()
                .live()
                .order_by("pk")
                .values_list("live_revision_id", flat=True)
            ),
        ]
    )


def handout_pdf(guide, request, options, glossary_terms, now=None):
    """The PDF bytes, from the cache when nothing it shows has changed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    key = cache_key(guide, request, options, today, glossary_terms)
    pdf = cache.get(key)
    if pdf is None:
        failures = media.outage.failures
        # Labels, dates and month names in the guide's own language.
        with translation.override(handout_language(guide)[0]):
            context = handout_context(guide, request, options, glossary_terms, now)
            html = render_to_string("guides/handout.html", context)
        pdf = render_pdf(html)
        # A handout printed while the media storage is out may lack illustrations: served,
        # never kept (nor by the shared page cache), so the next one has them again.
        if media.outage.failed_since(failures):
            refuse_caching(request)
        else:
            cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def filename(guide, options):
    suffix = "-gros-caracteres" if options.large else ""
    return f"fiche-{guide.slug}{suffix}.pdf"


def handout_response(guide, request, options, glossary_terms, now=None):
    """The handout as an HTTP response: inline PDF, never indexed (the guide page is)."""
    pdf = handout_pdf(guide, request, options, glossary_terms, now=now or timezone.now())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename(guide, options)}"'
    # The guide page itself is what search engines should index, not its paper copy.
    response["X-Robots-Tag"] = "noindex"
    return response
