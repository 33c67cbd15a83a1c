"""What a visitor needs to know about a place right now: open now, open today, next sessions."""

from datetime import timedelta

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from . import schedule

NEXT_SESSIONS = 3


def session_fr(occurrence, today):
    """'mardi 3 mars, de 9 h à 12 h', and 'aujourd'hui lundi 7 décembre, …' / 'demain mardi
    8 décembre, …' (the date too: a relative word alone is easy to misread): for a screen."""
    day = occurrence.day
    if day == today:
        label = "aujourd'hui"
    elif day == today + timedelta(days=1):
        label = "demain"
    else:
        return session_on_paper(occurrence, today)
    return f"{label} {session_on_paper(occurrence, today)}"


def session_on_paper(occurrence, today):
    """'mardi 24 novembre, de 14 h à 17 h': always the date, for paper read on another day
    (the year only when it is not `today`'s)."""
    day = occurrence.day
    label = f"{schedule.DAYS_FR[day.weekday()]} {schedule.date_fr(day, with_year=day.year != today.year)}"
    return f"{label}, {schedule.times_fr([(occurrence.start.time(), occurrence.end.time())])}"


def place_status(place, now=None):
    """What a visitor needs at a glance: open now, open today, next sessions (place's time zone)."""
    plan = place.get_schedule()
    local = schedule.local_now(plan, now or timezone.now())
    sessions = schedule.next_sessions(plan, local, count=NEXT_SESSIONS)
    return {
        "schedule": plan,
        "local_now": local,
        "open_now": schedule.is_open_at(plan, local),
        "open_today": schedule.is_open_on(plan, local.date()),
        "next_sessions": [
            {"occurrence": o, "text": session_fr(o, local.date()), "note": o.slot.note} for o in sessions
        ],
    }


def statuses(places, sessions, now=None):
    """{place pk: open today and next sessions} for a page of `places`, read from `sessions`
    (the UpcomingSession table, see locations.sessions): two queries, whatever the number of
    places, and no run of the schedule engine."""
    now = now or timezone.now()
    places = list(places)
    ids = [place.pk for place in places]
    todays = {place.pk: now.astimezone(place.time_zone).date() for place in places}
    upcoming = (
        sessions.filter(place_id__in=ids, end__gt=now)
        .annotate(rank=Window(RowNumber(), partition_by=[F("place_id")], order_by=[F("start"), F("end")]))
        .filter(rank__lte=NEXT_SESSIONS)
        .order_by("place_id", "start", "end")
    )
    open_today = set(
        sessions.filter(place_id__in=ids, day__in=set(todays.values())).values_list("place_id", "day")
    )
    found = {
        place.pk: {"open_today": (place.pk, todays[place.pk]) in open_today, "next_sessions": []}
        for place in places
    }
    zones = {place.pk: place.time_zone for place in places}
    for row in upcoming:
        tz = zones[row.place_id]
        occurrence = schedule.Occurrence(row.start.astimezone(tz), row.end.astimezone(tz), None)
        found[row.place_id]["next_sessions"].append(
            {"occurrence": occurrence, "text": session_fr(occurrence, todays[row.place_id]), "note": row.note}
        )
    return found
