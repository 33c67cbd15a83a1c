"""A small, independent evaluator of the opening_hours subset our export writes. Test helper only."""

import re
from datetime import date, datetime, time, timedelta

import holidays

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DATE = r"(\d{4}) ([A-Z][a-z]{2}) (\d{2})"


def _date(match, offset=0):
    year, month, day = match.group(1 + offset), match.group(2 + offset), match.group(3 + offset)
    return date(int(year), MONTHS.index(month) + 1, int(day))


def _rules(text):
    """Split on '; ' (normal rule) and ', ' before a new selector (additional rule)."""
    rules = []
    for normal in text.split("; "):
        parts = re.split(r", (?=[A-Z\d]|week)", normal)
        rules.append(("normal", parts[0]))
        rules.extend(("additional", part) for part in parts[1:])
    return rules


def _selector_matches(selector, day):
    rest = selector.strip()
    m = re.match(DATE + r"-" + DATE + r"\s*", rest)
    if m:
        if not _date(m) <= day <= _date(m, 3):
            return False
        rest = rest[m.end() :]
    m = re.match(DATE + r"\+\s*", rest)
    if m:
        if day < _date(m):
            return False
        rest = rest[m.end() :]
    m = re.match(r"week (\d{2})-(\d{2})/2\s*", rest)
    if m:
        week = day.isocalendar().week
        if not (int(m.group(1)) <= week <= int(m.group(2)) and (week - int(m.group(1))) % 2 == 0):
            return False
        rest = rest[m.end() :]
    m = re.fullmatch(r"([A-Z][a-z])\[([-\d,]+)\]", rest)
    if m:
        if DAYS.index(m.group(1)) != day.weekday():
            return False
        n = (day.day - 1) // 7 + 1
        last = (day + timedelta(days=7)).month != day.month
        return any((k == -1 and last) or k == n for k in map(int, m.group(2).split(",")))
    return day.weekday() in [DAYS.index(d) for d in rest.split(",")]


def sessions(text, start, end, subdiv=None):
    """{(date, start time, end time)} when the place is open, between two dates (included)."""
    return {(day, s, e) for (day, s, e), state in states(text, start, end, subdiv).items() if state == "open"}


def states(text, start, end, subdiv=None):
    """{(date, start time, end time): "open" | "unknown"} of an opening_hours string.

    As in the OSM specification, a rule with a comment and no state ('We 14:00-17:00 "sur
    rendez-vous"') is *unknown*; 'open "…"' is open."""
    public_holidays = holidays.France(subdiv=subdiv, years=range(start.year, end.year + 1))
    found = {}
    day = start
    while day <= end:
        ranges = []
        for kind, rule in _rules(text):
            commented = re.search(r' "[^"]*"$', rule)
            rule = re.sub(r' "[^"]*"$', "", rule)
            state = "open"
            if rule.endswith((" open", " unknown")):
                rule, _, state = rule.rpartition(" ")
            elif commented:
                state = "unknown"
            if rule.endswith(" off") or rule == "off":
                selector = rule[: -len(" off")] if rule != "off" else ""
                if selector == "PH":
                    hit = day in public_holidays
                elif re.fullmatch(DATE + "-" + DATE, selector):
                    m = re.fullmatch(DATE + "-" + DATE, selector)
                    hit = _date(m) <= day <= _date(m, 3)
                elif re.fullmatch(DATE, selector):
                    hit = _date(re.fullmatch(DATE, selector)) == day
                else:
                    hit = selector == ""
                if hit:
                    ranges = []
                continue
            m = re.fullmatch(r"(.*) ((?:\d{2}:\d{2}-\d{2}:\d{2},?)+)", rule)
            assert m, f"unexpected rule {rule!r}"
            if not _selector_matches(m.group(1), day):
                continue
            times = [(*(time.fromisoformat(t) for t in r.split("-")), state) for r in m.group(2).split(",")]
            ranges = (ranges + times) if kind == "additional" else times
        found.update({(day, s, e): state for s, e, state in ranges})
        day += timedelta(days=1)
    return found


def ical_sessions(body):
    import icalendar

    calendar = icalendar.Calendar.from_ical(body)
    found = set()
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert isinstance(start, datetime) and start.tzinfo is not None
        found.add((start.date(), start.time(), end.time()))
    return found
