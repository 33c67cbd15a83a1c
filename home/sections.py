"""The site's sections (the live public children of the site root), found by page type.

No template or Python names a section's path: links to a section ask for the page of that
type, so renaming its slug in the Promote tab moves every link with it. The children of the
root are fetched once per request (the main menu needs them anyway)."""

from wagtail.models import Site


def top_pages(request):
    """(root, [live public children of the site root]), fetched once per request."""
    cached = getattr(request, "_pasapas_top_pages", None) if request is not None else None
    if cached is None:
        site = Site.find_for_request(request) if request is not None else None
        if site is None and request is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root = site.root_page if site else None
        cached = (
            root,
            list(root.get_children().live().public().select_related("content_type")) if root else [],
        )
        if request is not None:
            request._pasapas_top_pages = cached
    return cached


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
