"""A page's language and its translations: <html lang dir>, the language switcher, hreflang
alternates in the head and in the sitemap; links to other pages in the reader's language (for_reader).

Languages are named in themselves (settings.LANGUAGES: "Français", "English", "العربية"); only
live public translations count, so a link never leads to a 404 or a login page."""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.models import Page

from search.indexing import locale_language

from .sections import active_language


def page_language(page):
    """The language code of a page (its locale), else the language of the request."""
    if isinstance(page, Page) and page.pk is not None:
        live_versions(page)  # fetches the page's locale with its translations
        return page.locale.language_code
    return active_language()


def text_direction(language):
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


def language_name(language):
    """The language named in itself, as settings.LANGUAGES spells it."""
    return dict(settings.LANGUAGES).get(language, language)


def ordered(pages):
    """Pages sorted in the order of settings.LANGUAGES (French first)."""
    order = [code for code, _name in settings.LANGUAGES]
    rank = {code: n for n, code in enumerate(order)}
    return sorted(pages, key=lambda page: rank.get(page.locale.language_code, len(order)))


def live_versions(page):
    """The page and its live translations, French first, in one query (kept on the page
    instance: the head, the switcher and the sitemap ask during one request). Not filtered on
    view restrictions (one more query per page): a private translation asks for its password."""
    versions = getattr(page, "_pasapas_versions", None)
    if versions is None:
        found = {
            version.pk: version
            for version in Page.objects.filter(
                translation_key=page.translation_key, live=True
            ).select_related("locale")
        }
        if page.pk in found:
            page.locale = found.pop(page.pk).locale  # no separate query for the page's own locale
        versions = page._pasapas_versions = ordered([page, *found.values()])
    return versions


def prefetch_versions(pages):
    """live_versions() of many pages in one query (a sitemap's page of addresses)."""
    pages = list(pages)
    missing = [page for page in pages if getattr(page, "_pasapas_versions", None) is None]
    found = {}
    for version in Page.objects.filter(
        translation_key__in={page.translation_key for page in missing}, live=True
    ).select_related("locale"):
        found.setdefault(version.translation_key, {})[version.pk] = version
    for page in missing:
        others = dict(found.get(page.translation_key, {}))
        if page.pk in others:
            page.locale = others.pop(page.pk).locale
        page._pasapas_versions = ordered([page, *others.values()])
    return pages


def translations(page, request=None):
    """[{code, name, url, dir}] of the other languages this page exists in (the switcher)."""
    if page is None or getattr(page, "pk", None) is None:
        return []
    current = page.locale_id
    return [
        {
            "code": other.locale.language_code,
            "name": language_name(other.locale.language_code),
            "url": other.get_url(request),
            "full_url": other.get_full_url(request),
            "dir": text_direction(other.locale.language_code),
        }
        for other in live_versions(page)
        if other.locale_id != current
    ]


def alternates(versions, request=None):
    """hreflang alternates of a page that exists in several languages: one per language, plus
    x-default (the French source); [] when the page exists in one language only."""
    if len(versions) < 2:
        return []
    links = [
        {"lang_code": version.locale.language_code, "location": version.get_full_url(request)}
        for version in versions
    ]
    source = next((link for link in links if link["lang_code"] == settings.LANGUAGE_CODE), links[0])
    return [*links, {"lang_code": "x-default", "location": source["location"]}]


def for_reader(pages, language=None):
    """`pages` as a reader of `language` (the request's) should reach them: each one's live
    translation in that language when there is one, else its French source (else itself);
    translations of one page listed once. Each page says its language in `link_language`, so
    that a link to a French fallback is marked (lang_mark). No query when every page is already
    in the reader's language (a French page's related guides), one or two otherwise."""
    pages = [page for page in pages if page is not None]
    language = language or active_language()
    if not pages:
        return []
    source = settings.LANGUAGE_CODE
    if all(locale_language(page.locale_id) == language for page in pages):
        unique = {page.translation_key: page for page in reversed(pages)}  # first of each
        for page in pages:
            page.link_language = language
        return [page for page in pages if unique.get(page.translation_key) is page]
    versions = {}  # translation key: {language: pk}
    languages = {}  # pk: language
    for pk, key, code in Page.objects.filter(
        translation_key__in={page.translation_key for page in pages},
        locale__language_code__in={language, source},
        live=True,
    ).values_list("pk", "translation_key", "locale__language_code"):
        versions.setdefault(key, {})[code] = pk
        languages[pk] = code
    wanted, seen = [], set()
    for page in pages:
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        found = versions.get(page.translation_key, {})
        wanted.append((page, found.get(language) or found.get(source) or page.pk))
    missing = {pk for page, pk in wanted if pk != page.pk}
    fetched = {}
    if missing:
        model = type(pages[0]) if len({type(page) for page in pages}) == 1 else None
        queryset = (
            model.objects.filter(pk__in=missing) if model else Page.objects.filter(pk__in=missing).specific()
        )
        fetched = {found.pk: found for found in queryset}
    shown = []
    for page, pk in wanted:
        version = fetched.get(pk, page)
        version.link_language = languages.get(version.pk, "")
        shown.append(version)
    return shown


def foreign_language(page_or_code):
    """The language of a page (or a language code) when it is not the reader's, else ""."""
    code = page_or_code if isinstance(page_or_code, str) else getattr(page_or_code, "link_language", "")
    if not code and isinstance(page_or_code, Page) and page_or_code.pk is not None:
        code = page_language(page_or_code)
    return code if code and code != active_language() else ""
