"""When is a place open? Occurrences, open now, next sessions. Plain Python, no Django."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from .model import Occurrence, Schedule, Slot


def _days(start, end):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def _aware(day, moment, tz):
    return datetime.combine(day, moment).replace(tzinfo=tz)


def occurrences(schedule: Schedule, start: date, end: date) -> list[Occurrence]:
    """Every session from `start` to `end` (both included), in order, closures and holidays removed."""
    tz = schedule.tz
    found = []
    for day in _days(start, end):
        if schedule.is_closed_on(day):
            continue
        for slot in schedule.slots:
            if slot.matches(day):
                found.append(Occurrence(_aware(day, slot.start, tz), _aware(day, slot.end, tz), slot))
    found.sort(key=lambda o: (o.start, o.end))
    return found


def local_now(schedule: Schedule, now: datetime | None = None) -> datetime:
    """`now` (aware; default: the current instant) in the place's time zone."""
    now = now or datetime.now(tz=schedule.tz)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(schedule.tz)


def is_open_at(schedule: Schedule, moment: datetime) -> bool:
    """Is a session under way at this aware instant (start included, end excluded)?"""
    local = local_now(schedule, moment)
    return any(o.start <= local < o.end for o in occurrences(schedule, local.date(), local.date()))


def is_open_on(schedule: Schedule, day: date) -> bool:
    """Is there at least one session on this local date?"""
    return bool(occurrences(schedule, day, day))


def next_sessions(
    schedule: Schedule, after: datetime, count: int = 3, horizon_days: int = 400
) -> list[Occurrence]:
    """The next `count` sessions that have not ended at the aware instant `after`."""
    local = local_now(schedule, after)
    found = []
    day = local.date()
    last = day + timedelta(days=horizon_days)
    while day <= last and len(found) < count:
        chunk_end = min(day + timedelta(days=62), last)
        found.extend(o for o in occurrences(schedule, day, chunk_end) if o.end > local)
        day = chunk_end + timedelta(days=1)
    return found[:count]


def slots_can_coincide(a: Slot, b: Slot, horizon_years: int = 8) -> bool:
    """Can both slots take place on the same day, with overlapping times?"""
    if a.weekday != b.weekday or not (a.start < b.end and b.start < a.end):
        return False
    start = max(d for d in (a.valid_from, b.valid_from, date(2000, 1, 3)) if d)
    ends = [d for d in (a.valid_until, b.valid_until) if d]
    end = min(ends) if ends else start + timedelta(days=365 * horizon_years)
    end = min(end, start + timedelta(days=365 * horizon_years))
    day = start + timedelta(days=(a.weekday - start.weekday()) % 7)
    while day <= end:
        if a.matches(day) and b.matches(day):
            return True
        day += timedelta(days=7)
    return False
