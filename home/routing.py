"""Finding a live public page from a URL path, for the routes Wagtail's page serving cannot take
(a handout PDF, an iCalendar feed, a poster: paths with a dot or an extra segment)."""

from django.http import Http404
from wagtail.models import Site


def live_page_at(request, queryset, path):
    """The live public page of `queryset` at `path` (relative to the site root), or None.

    `path` comes from the URL: control characters (NUL…) never match any page, and PostgreSQL
    would refuse them in a query, so they are a 404 before any query."""
    if not path.isprintable():
        raise Http404
    site = Site.find_for_request(request)
    if site is None:
        return None
    url_path = f"{site.root_page.url_path}{path.strip('/')}/"
    return queryset.live().public().filter(url_path=url_path).first()
