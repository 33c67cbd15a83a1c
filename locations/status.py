"""What a visitor needs to know about a place right now: open now, open today, next sessions."""

from datetime import timedelta

from django.utils import timezone

from . import schedule


def session_fr(occurrence, today):
    """'mardi 3 mars, de 9 h à 12 h' (with 'aujourd'hui' / 'demain'): for a screen, read today."""
    day = occurrence.day
    if day == today:
        label = "aujourd'hui"
    elif day == today + timedelta(days=1):
        label = "demain"
    else:
        return session_on_paper(occurrence, today)
    return f"{label}, {schedule.times_fr([(occurrence.start.time(), occurrence.end.time())])}"


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
    sessions = schedule.next_sessions(plan, local, count=3)
    return {
        "schedule": plan,
        "local_now": local,
        "open_now": schedule.is_open_at(plan, local),
        "open_today": schedule.is_open_on(plan, local.date()),
        "next_sessions": [
            {"occurrence": o, "text": session_fr(o, local.date()), "note": o.slot.note} for o in sessions
        ],
    }
