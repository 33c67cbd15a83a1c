"""The site's sections (the live public children of the site root), found by page type.

No template or Python names a section's path: links to a section ask for the page of that
type, so renaming its slug in the Promote tab moves every link with it. The children of the
root are fetched once per request (the main menu needs them anyway).

In a translation (/en/…, /ar/…) each section is its translation in the active language when
one is live, else the French section itself: a link to French is better than a 404. Every
section carries `language` (its language code) so the chrome can mark such links lang="fr"."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site


def top_pages(request):
    """(root, [live public children of the site root]) in the active language, with French
    fallbacks; fetched once per request and language."""
    language = active_language()
    cache = getattr(request, "_pasapas_top_pages", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._pasapas_top_pages = cache
    if language not in cache:
        cache[language] = _top_pages(request, language)
    return cache[language]


def active_language():
    """The language of the request (from its path); French outside of any translation."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _top_pages(request, language):
    site = Site.find_for_request(request) if request is not None else None
    if site is None and request is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page if site else None
    if root is None:
        return None, []
    pages = list(root.get_children().live().public().select_related("content_type"))
    source_language = settings.LANGUAGE_CODE
    for page in [root, *pages]:
        page.language = source_language
    if language != source_language:
        keys = [root.translation_key, *(page.translation_key for page in pages)]
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(translation_key__in=keys, locale__language_code=language)
            .live()
            .public()
            .select_related("content_type")
        }
        for page in translations.values():
            page.language = language
        if root.translation_key in translations:
            root = translations[root.translation_key]
            pages = [translations.get(page.translation_key, page) for page in pages]
    return root, pages


def section_page(request, model_label):
    """The live public section of type `model_label` ("app_label.ModelName"), or None."""
    wanted = model_label.lower()
    _root, pages = top_pages(request)
    for page in pages:
        if f"{page.content_type.app_label}.{page.content_type.model}" == wanted:
            return page
    return None


def section_url(request, model_label):
    """The URL of that section ("" when the site has none: a link to nowhere is left out)."""
    page = section_page(request, model_label)
    return page.get_url(request) if page is not None else ""


def section_language(request, model_label):
    """The language of that section when it differs from the page's (a French fallback), else ""."""
    page = section_page(request, model_label)
    language = getattr(page, "language", "")
    return language if page is not None and language != active_language() else ""
