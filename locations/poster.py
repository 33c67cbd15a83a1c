"""The schedule poster of a place (« affiche des horaires »), to print and post on a door.

An HTML page with its own print stylesheet, one A4 page: the place page's `affiche/` route.
"""

from datetime import timedelta
from functools import lru_cache

import holidays
import segno
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from . import schedule

POSTER_WEEKS = 4


@lru_cache(maxsize=64)
def _holiday_names(subdivision, year):
    return dict(holidays.France(subdiv=subdivision, years=year, language="fr"))


def closed_reason(plan, day):
    """Why a place is closed on `day`: the closure's reason, or the public holiday's name."""
    for closure in plan.closures:
        if closure.covers(day):
            return closure.reason or "fermeture exceptionnelle"
    name = _holiday_names(plan.holiday_subdivision, day.year).get(day)
    return f"jour férié : {name}" if name else "jour férié"


def day_fr(day, today):
    return f"{schedule.DAYS_FR[day.weekday()]} {schedule.date_fr(day, with_year=day.year != today.year)}"


def calendar(plan, today, weeks=POSTER_WEEKS):
    """The days with a session from today over `weeks` weeks, the missed ones named; one entry a day."""
    end = today + timedelta(days=7 * weeks - 1)
    by_day = {}
    for occurrence in schedule.occurrences(plan, today, end):
        times = schedule.times_fr([(occurrence.start.time(), occurrence.end.time())])
        note = occurrence.slot.note
        by_day.setdefault(occurrence.day, []).append(f"{times} ({note})" if note else times)
    entries = []
    day = today
    while day <= end:
        if day in by_day:
            entries.append({"day": day, "date": day_fr(day, today), "times": " et ".join(by_day[day])})
        elif plan.is_closed_on(day) and any(slot.matches(day) for slot in plan.slots):
            entries.append({"day": day, "date": day_fr(day, today), "closed": closed_reason(plan, day)})
        day += timedelta(days=1)
    return {"start": today, "end": end, "entries": entries}


def qr_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def poster_context(place, request, now=None):
    plan = place.get_schedule()
    today = schedule.local_now(plan, now or timezone.now()).date()
    place_url = place.get_full_url(request)  # the site's public address, whatever Host asked
    ancestors = place.get_ancestors().filter(depth__gt=1).only("title", "url_path", "path", "depth")
    crumbs = [{"title": "Accueil" if a.depth == 2 else a.title, "url": a.url} for a in ancestors]
    crumbs += [
        {"title": place.title, "url": place.get_url(request)},
        {"title": "Affiche des horaires", "url": None},
    ]
    return {
        "page": place,
        "place": place,
        "crumbs": crumbs,
        "sentences": schedule.sentences_fr(plan),
        "calendar": calendar(plan, today),
        "today": today,
        "place_url": place_url,
        "qr": qr_data_uri(place_url),
        "services": place.label("services"),
    }


def poster_response(place, request):
    """The poster of a live public place (its slots and closures prefetched or not)."""
    response = render(request, "locations/poster.html", poster_context(place, request))
    add_never_cache_headers(response)
    return response
