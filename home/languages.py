"""A page's language and its translations: <html lang dir>, the language switcher, hreflang
alternates in the head and in the sitemap.

Languages are named in themselves (settings.LANGUAGES: "Français", "English", "العربية"); only
live public translations count, so a link never leads to a 404 or a login page."""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.models import Page

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
