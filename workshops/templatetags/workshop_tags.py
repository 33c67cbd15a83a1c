"""Upcoming workshops on the pages of other apps (home, guides, places), which never import
this app: their templates load these tags."""

from django import template
from django.db.models import Q

from guides.models import LearningPathGuide
from home.sections import section_url
from workshops.models import WorkshopGuide, WorkshopIndexPage, local_today, upcoming, with_places
from workshops.rendering import summary_item

register = template.Library()

TEMPLATE = "workshops/components/upcoming.html"


def _context(context, workshops, heading, empty="", **extra):
    today = local_today()
    request = context.get("request")
    return {
        "request": request,
        "heading": heading,
        "items": [summary_item(w, p, today) for w, p in with_places(list(workshops))],
        "index_url": section_url(request, "workshops.WorkshopIndexPage"),
        "empty": empty,
        **extra,
    }


@register.inclusion_tag(TEMPLATE, takes_context=True)
def place_workshops(context, place, limit=6):
    """{% place_workshops page %}: the next workshops at this place, and its calendar feed."""
    today = local_today()
    request = context.get("request")
    items = [summary_item(w, place, today) for w in upcoming(today).child_of(place)[:limit]]
    index_url = section_url(request, "workshops.WorkshopIndexPage")  # the menu fetched it already
    # The route's URL from the class (no query for the index page itself); .ics: no slash.
    feed = WorkshopIndexPage().reverse_subpage("place_feed", args=[str(place.pk)]).rstrip("/")
    return {
        "request": request,
        "heading": "Prochains ateliers ici",
        "items": items,
        "index_url": index_url,
        "feed_url": index_url + feed if items and index_url else "",
        "show_place": False,
    }


@register.inclusion_tag(TEMPLATE, takes_context=True)
def guide_workshops(context, guide, limit=4):
    """{% guide_workshops page %}: workshops that teach this guide (directly or in their path)."""
    paths = LearningPathGuide.objects.filter(guide=guide).values("path_id")
    covered = Q(pk__in=WorkshopGuide.objects.filter(guide=guide).values("page_id")) | Q(
        learning_path__in=paths
    )
    workshops = upcoming().filter(covered)[:limit]
    return _context(context, workshops, "Apprendre en atelier, avec d'autres", show_place=True)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def next_workshops(context, limit=3):
    """{% next_workshops %}: the next workshops anywhere (the home page)."""
    return _context(context, upcoming()[:limit], "Les prochains ateliers", show_place=True)
