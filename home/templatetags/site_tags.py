"""Site chrome: main navigation, footer links and breadcrumb; links to sections and routes;
JSON-LD and phone links."""

from django import template
from wagtail.models import Page

from home.jsonld import script_json
from home.phone import tel_href
from home.sections import section_url as _section_url
from home.sections import top_pages as _top_pages

register = template.Library()

FOOTER_PAGE_MODELS = ("standardpage", "siteplanpage")


@register.simple_tag(takes_context=True)
def section_url(context, model_label):
    """{% section_url "locations.LocationIndexPage" %}: the URL of the live section of that type."""
    return _section_url(context.get("request"), model_label)


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
