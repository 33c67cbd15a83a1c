"""Upcoming workshops on the pages of other apps (home, guides, places), which never import
this app: their templates load these tags. The cards come from the shared cache
(models.upcoming_cards): a page that shows them costs no query once it is warm."""

from django import template

from home.sections import section_url
from workshops.models import WorkshopIndexPage, local_today, upcoming, upcoming_cards
from workshops.rendering import card, summary_item

register = template.Library()

TEMPLATE = "workshops/components/upcoming.html"


def _context(context, items, heading, **extra):
    request = context.get("request")
    index_url = section_url(request, "workshops.WorkshopIndexPage") if items else ""
    return {"request": request, "heading": heading, "items": items, "index_url": index_url, **extra}


@register.inclusion_tag(TEMPLATE, takes_context=True)
def place_workshops(context, place, limit=6):
    """{% place_workshops page %}: the next workshops at this place, and its calendar feed."""
    # Straight from the database: one or two queries, fewer than rebuilding every card cold.
    today = local_today()
    # The place page has read its closures already (its hours' schedule): no query for them.
    plan = context.get("schedule")
    closures = plan.closures if getattr(plan, "uid", None) == f"lieu-{place.pk}" else None
    items = [card(summary_item(w, place, today, closures)) for w in upcoming(today).child_of(place)[:limit]]
    result = _context(context, items, "Prochains ateliers ici", show_place=False)
    if result["index_url"]:
        # The route's URL from the class (no query for the index page itself); .ics: no slash.
        feed = WorkshopIndexPage().reverse_subpage("place_feed", args=[str(place.pk)]).rstrip("/")
        result["feed_url"] = result["index_url"] + feed
    return result


@register.inclusion_tag(TEMPLATE, takes_context=True)
def guide_workshops(context, guide, limit=4):
    """{% guide_workshops page %}: workshops that teach this guide (directly or in their path)."""
    items = [card for card in upcoming_cards() if guide.pk in card["guide_ids"]][:limit]
    return _context(context, items, "Apprendre en atelier, avec d'autres", show_place=True)


@register.inclusion_tag(TEMPLATE, takes_context=True)
def next_workshops(context, limit=3):
    """{% next_workshops %}: the next workshops anywhere (the home page)."""
    return _context(context, upcoming_cards()[:limit], "Les prochains ateliers", show_place=True)
