"""Site chrome: main navigation, footer links and breadcrumb; links to sections and routes;
JSON-LD and phone links."""

from django import template
from django.conf import settings
from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page

from home.jsonld import script_json
from home.languages import (
    alternates,
    for_reader,
    foreign_language,
    language_name,
    live_versions,
    page_language,
    text_direction,
    translations,
)
from home.phone import tel_href
from home.scripts import mark_latin, mark_latin_text
from home.sections import active_language
from home.sections import section_language as _section_language
from home.sections import section_url as _section_url
from home.sections import top_pages as _top_pages

register = template.Library()

FOOTER_PAGE_MODELS = ("standardpage", "siteplanpage")


@register.simple_tag(takes_context=True)
def section_url(context, model_label):
    """{% section_url "locations.LocationIndexPage" %}: the URL of the live section of that type."""
    return _section_url(context.get("request"), model_label)


@register.simple_tag(takes_context=True)
def section_hreflang(context, model_label):
    """{% section_hreflang "locations.LocationIndexPage" %} inside <a …>: ` hreflang="fr"` when
    the section is the French one linked from a translation (it has no translation)."""
    language = _section_language(context.get("request"), model_label)
    return format_html(' hreflang="{}"', language) if language else ""


@register.simple_tag(takes_context=True)
def section_lang(context, model_label):
    """{% section_lang "guides.GlossaryPage" as code %}: "fr" when that section is the French one
    shown in a translation, else "" (for lang_mark and language_note)."""
    return _section_language(context.get("request"), model_label)


@register.filter
def in_reader_language(pages):
    """{% for guide in guides|in_reader_language %}: each page in the reader's language when it
    exists there, else the French page (marked by lang_mark and language_note)."""
    return for_reader(pages)


@register.simple_tag
def lang_mark(page_or_code, link=True):
    """Inside a tag: ` lang="fr" dir="ltr"` (and hreflang on a link) when the page or content is
    in another language than the reader's, else nothing."""
    language = foreign_language(page_or_code)
    if not language:
        return ""
    if link:
        return format_html(' lang="{}" hreflang="{}" dir="{}"', language, language, text_direction(language))
    return format_html(' lang="{}" dir="{}"', language, text_direction(language))


@register.filter
def mark_scripts(value, language=""):
    """{{ text|mark_scripts }}: on an Arabic page (or in `language`), its Latin words (French
    screen labels, RIB, addresses) marked lang="fr" dir="ltr"; HTML stays HTML, plain text is
    escaped."""
    language = language or active_language()
    if isinstance(value, SafeData):
        return mark_safe(mark_latin(value, language))  # noqa: S308 - only spans added to trusted markup
    return mark_safe(mark_latin_text(str(value) if value is not None else "", language))  # noqa: S308


@register.simple_tag
def organisation_name(name):
    """An organisation (a guide's tag) named in the reader's language when the catalogs know
    the name (« Banques »), else as it is, marked French (CAF, Ameli: proper names)."""
    translated = pgettext("organisation", name)
    if translated != name or not foreign_language(settings.LANGUAGE_CODE):
        return translated
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, name)


@register.simple_tag
def language_note(page_or_code):
    """After a link to a page in another language: « (en français) » in the reader's words."""
    language = foreign_language(page_or_code)
    if not language:
        return ""
    if language == settings.LANGUAGE_CODE:
        note = pgettext("a link to a page that exists in French only", "(en français)")
    else:
        note = f"({language_name(language)})"
    return format_html(' <span class="language-note">{}</span>', note)


@register.simple_tag(takes_context=True)
def top_home_url(context):
    """The home page in the language of the request ("/en/" in English), "/" without a site."""
    root, _pages = _top_pages(context.get("request")) if context.get("request") else (None, [])
    return root.url if root else "/"


@register.simple_tag(takes_context=True)
def html_language(context):
    """{% html_language as language %}: {code, dir} of the page (its locale) or of the request,
    for <html lang dir> (the one place that sets them)."""
    code = page_language(context.get("page"))
    return {"code": code, "dir": text_direction(code)}


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each language this page exists in, and x-default."""
    page = context.get("page")
    if not isinstance(page, Page) or getattr(context.get("request"), "is_preview", False):
        return ""
    links = alternates(live_versions(page), context.get("request"))
    return format_html_join(
        "",
        '<link rel="alternate" hreflang="{}" href="{}">\n',
        ((a["lang_code"], a["location"]) for a in links),
    )


@register.simple_tag(takes_context=True)
def page_translations(context, page):
    """{% page_translations guide as languages %}: [{code, name, url, full_url, dir}] of the
    other languages the page exists in (the handout's « Ce guide existe aussi en : … »)."""
    return translations(page, context.get("request")) if isinstance(page, Page) else []


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this page in the other languages it exists in; nothing when there are none."""
    page = page or context.get("page")
    if not isinstance(page, Page) or getattr(context.get("request"), "is_preview", False):
        return {"languages": []}
    return {"languages": translations(page, context.get("request"))}


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name, *args):
    """{% subpage_url page "handout" %}: the URL of one of a routable page's routes."""
    return page.subpage_url(name, context.get("request"), args=args or None)


@register.filter
def json_ld(data):
    """{{ data|json_ld }} inside <script type="application/ld+json">."""
    return script_json(data)


@register.filter
def tel(phone):
    """{{ phone|tel }}: the href of a link that calls this number."""
    return tel_href(phone)


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    current = context.get("page")
    root, pages = _top_pages(request) if request else (None, [])
    items = []
    for item in pages:
        if not item.show_in_menus:
            continue
        is_current = bool(current and current.path.startswith(item.path))
        items.append({"title": item.title, "url": item.url, "current": is_current, "lang": _fallback(item)})
    return {"items": items, "home_url": root.url if root else "/"}


def _fallback(page):
    """The language of a section shown in the chrome of another language (a French fallback)."""
    language = getattr(page, "language", "")
    return language if language and language != active_language() else ""


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    _root, pages = _top_pages(request) if request else (None, [])
    links = [
        {"title": p.title, "url": p.url, "lang": _fallback(p)}
        for p in pages
        if p.content_type.model in FOOTER_PAGE_MODELS and not p.show_in_menus
    ]
    return {"links": links}


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context, page=None, extra=None):
    """Ancestors from the home page down; `extra` is a last crumb for non-page views."""
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page):
        ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
        crumbs = [{"title": _("Accueil") if a.depth == 2 else a.title, "url": a.url} for a in ancestors]
        if page.depth > 2:
            crumbs.append({"title": page.title, "url": None})
    if extra:
        root, _pages = _top_pages(context.get("request")) if context.get("request") else (None, [])
        crumbs = crumbs or [{"title": _("Accueil"), "url": root.url if root else "/"}]
        crumbs.append({"title": extra, "url": None})
    return {"crumbs": crumbs}


@register.filter
def field_error(errors, field_id):
    """The error (home.params.FieldError) about the field `field_id` among `errors`, or ''."""
    return next((error for error in errors or () if getattr(error, "field", "") == field_id), "")


@register.simple_tag
def invalid_attrs(errors, field_id, hint_id=""):
    """aria-describedby (the hint `hint_id`, then the error message '<field>-erreur') and
    aria-invalid for a field, as attributes to put in its tag."""
    described = [hint_id] if hint_id else []
    invalid = bool(field_error(errors, field_id))
    if invalid:
        described.append(f"{field_id}-erreur")
    attrs = format_html(' aria-describedby="{}"', " ".join(described)) if described else ""
    return format_html("{}{}", attrs, mark_safe(' aria-invalid="true"') if invalid else "")


@register.filter
def date_long(day):
    """« 1er janvier 2027 », « 7 décembre 2026 »: French writes the first of the month 1er."""
    if not day:
        return ""
    return f"{'1er' if day.day == 1 else day.day} {dateformat.format(day, 'F Y')}"
