"""Site chrome: main navigation, footer links and breadcrumb."""

from django import template
from wagtail.models import Page, Site

register = template.Library()

FOOTER_PAGE_MODELS = ("standardpage", "siteplanpage")


def _top_pages(request):
    """The live public children of the site root, fetched once per request."""
    cached = getattr(request, "_pasapas_top_pages", None)
    if cached is None:
        site = Site.find_for_request(request)
        root = site.root_page if site else None
        cached = (
            root,
            list(root.get_children().live().public().select_related("content_type")) if root else [],
        )
        request._pasapas_top_pages = cached
    return cached


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
        items.append({"title": item.title, "url": item.url, "current": is_current})
    return {"items": items, "home_url": root.url if root else "/"}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    request = context.get("request")
    _root, pages = _top_pages(request) if request else (None, [])
    links = [p for p in pages if p.content_type.model in FOOTER_PAGE_MODELS and not p.show_in_menus]
    return {"links": links}


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context, page=None, extra=None):
    """Ancestors from the home page down; `extra` is a last crumb for non-page views."""
    page = page or context.get("page")
    crumbs = []
    if isinstance(page, Page):
        ancestors = page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
        crumbs = [{"title": "Accueil" if a.depth == 2 else a.title, "url": a.url} for a in ancestors]
        if page.depth > 2:
            crumbs.append({"title": page.title, "url": None})
    if extra:
        crumbs = crumbs or [{"title": "Accueil", "url": "/"}]
        crumbs.append({"title": extra, "url": None})
    return {"crumbs": crumbs}
