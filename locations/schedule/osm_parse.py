"""Read an OSM opening_hours string back into slots and closures: the mirror of to_osm. No Django.

The subset read is the one to_osm writes, plus what the national files use (checked minute for
minute against the reference library, opening_hours.js, in locations/tests/test_import_real.py):
    [YYYY Mon DD-YYYY Mon DD | YYYY Mon DD+] [week 02-52/2 | week 2-52/2 | week 01-53/2 | week 1-53]
    [Mo,We | Mo-Fr | Tu[1,3] | Th[-1]]   HH:MM-HH:MM[,HH:MM-HH:MM]   [open] ["note"]
    Mo,We off · PH off · YYYY Mon DD off · YYYY Mon DD-YYYY Mon DD off · off
Hours without days are every day's; a range past midnight (Fr 19:00-11:00) goes on to the next
day. Rules are separated by `;` (a later rule replaces the earlier hours of its weekdays, as in
OSM: `We off` after `Mo-Fr …` closes Wednesdays) or by `, ` (an additional rule, added to the
others). Anything else raises OsmParseError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from .formats import DAYS_OSM, MONTHS_OSM
from .model import EVEN_WEEKS, FIRST, FOURTH, LAST, ODD_WEEKS, SECOND, THIRD, WEEKLY, Closure, Slot

NTH_RECURRENCES = {1: FIRST, 2: SECOND, 3: THIRD, 4: FOURTH, -1: LAST}
# (first week, last week, step) -> recurrence; ISO weeks, with or without leading zeros.
WEEK_SELECTORS = {(2, 52, 2): EVEN_WEEKS, (2, 53, 2): EVEN_WEEKS, (1, 53, 2): ODD_WEEKS, (1, 53, 1): WEEKLY}
DAY = "|".join(DAYS_OSM)
MONTH = "|".join(MONTHS_OSM)
DATE = rf"\d{{4}} (?:{MONTH}) \d{{1,2}}"
TIME = r"\d{1,2}:\d{2}"

DAYS = rf"(?:{DAY})(?:\[[-\d,]+\])?(?:-(?:{DAY}))?(?:,(?:{DAY})(?:-(?:{DAY}))?)*"
RULE = re.compile(
    rf"^(?:(?P<from>{DATE})(?:-(?P<until>{DATE})|(?P<plus>\+))\s+)?"
    r"(?:week (?P<week>\d{1,2}-\d{1,2}(?:/\d)?)\s+)?"
    rf"(?:(?P<days>{DAYS})\s+)?"
    rf"(?P<times>{TIME}-{TIME}(?:,{TIME}-{TIME})*)"
    r'(?:\s+open)?(?:\s+"(?P<note>[^"]*)")?$'
)
DAYS_OFF = re.compile(rf"^(?P<days>{DAYS})\s+(?:off|closed)$")
CLOSURE = re.compile(rf"^(?P<start>{DATE})(?:-(?P<end>{DATE}))?\s+(?:off|closed)$")
HOLIDAYS_OFF = re.compile(r"^PH\s+(?:off|closed)$")


class OsmParseError(ValueError):
    """The string is outside the subset we read; the message is in French, for the report."""


@dataclass
class ParsedHours:
    slots: list[Slot] = field(default_factory=list)
    closures: list[Closure] = field(default_factory=list)
    open_on_public_holidays: bool = True


def _split_rules(text):
    """[(separator, rule)]: separator is ';' or ',' (additional rule). Quotes are respected."""
    parts, current, quoted, separator = [], "", False, ";"
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"':
            quoted = not quoted
        if not quoted and char == ";":
            parts.append((separator, current.strip()))
            current, separator = "", ";"
        elif not quoted and char == "," and text[i + 1 : i + 2] == " ":
            rest = text[i + 1 :].lstrip()
            if re.match(rf"{TIME}-", rest):  # "09:00-12:00, 14:00-17:00": more times of this rule
                current += ","
            else:
                parts.append((separator, current.strip()))
                current, separator = "", ","
        else:
            current += char
        i += 1
    if quoted:
        raise OsmParseError("guillemet non refermé")
    parts.append((separator, current.strip()))
    return [(sep, rule) for sep, rule in parts if rule]


def _date(text):
    year, month, day = text.split()
    try:
        return date(int(year), MONTHS_OSM.index(month) + 1, int(day))
    except ValueError as error:
        raise OsmParseError(f"date impossible « {text} »") from error


def _time(text):
    hours, minutes = (int(part) for part in text.split(":"))
    if (hours, minutes) == (24, 0):
        return time(23, 59)
    if hours > 23 or minutes > 59:
        raise OsmParseError(f"heure impossible « {text} »")
    return time(hours, minutes)


def _days(text):
    """'Mo-We,Fr' -> [(0, None), (1, None), (2, None), (4, None)]; 'Tu[1,3]' -> [(1, 1), (1, 3)]."""
    nth = re.fullmatch(rf"({DAY})\[([-\d,]+)\]", text)
    if nth:
        weekday = DAYS_OSM.index(nth.group(1))
        numbers = [int(n) for n in nth.group(2).split(",") if n]
        if not numbers or any(n not in NTH_RECURRENCES for n in numbers):
            raise OsmParseError(f"rang du jour non pris en charge « {text} »")
        return [(weekday, n) for n in numbers]
    days = []
    for part in text.split(","):
        if "[" in part:
            raise OsmParseError(f"jours non pris en charge « {text} »")
        if "-" in part:
            first, last = (DAYS_OSM.index(d) for d in part.split("-"))
            if last < first:
                raise OsmParseError(f"plage de jours à l'envers « {part} »")
            days.extend((d, None) for d in range(first, last + 1))
        else:
            days.append((DAYS_OSM.index(part), None))
    return days


def parse_osm(text: str) -> ParsedHours:
    """Slots, closures and the public-holiday rule of an opening_hours string."""
    parsed = ParsedHours()
    text = (text or "").strip()
    if not text:
        raise OsmParseError("horaires vides")
    for separator, rule in _split_rules(text):
        if rule in ("off", "closed"):
            continue
        if HOLIDAYS_OFF.match(rule):
            parsed.open_on_public_holidays = False
            continue
        days_off = DAYS_OFF.match(rule)
        if days_off:
            days = _days(days_off.group("days"))
            if separator != ";" or any(n is not None for _, n in days):
                raise OsmParseError(f"jours fermés non pris en charge « {rule} »")
            weekdays = {d for d, _ in days}
            parsed.slots = [s for s in parsed.slots if s.weekday not in weekdays]
            continue
        closure = CLOSURE.match(rule)
        if closure:
            start = _date(closure.group("start"))
            end = _date(closure.group("end")) if closure.group("end") else start
            if end < start:
                raise OsmParseError(f"fermeture à l'envers « {rule} »")
            parsed.closures.append(Closure(start=start, end=end))
            continue
        match = RULE.match(rule)
        if not match:
            raise OsmParseError(f"règle illisible « {rule} »")
        valid_from = _date(match.group("from")) if match.group("from") else None
        valid_until = _date(match.group("until")) if match.group("until") else None
        if match.group("from") and not (match.group("until") or match.group("plus")):
            raise OsmParseError(f"période incomplète « {rule} »")
        week = _week(match.group("week")) if match.group("week") else None
        days = _days(match.group("days")) if match.group("days") else [(d, None) for d in range(7)]
        ranges = []
        for pair in match.group("times").split(","):
            start, end = (_time(t) for t in pair.split("-"))
            if end == start:
                raise OsmParseError(f"horaire vide « {pair} »")
            ranges.append((start, end))
        plain = not (valid_from or valid_until or week not in (None, WEEKLY)) and all(
            n is None for _, n in days
        )
        if separator == ";" and plain:
            # A normal rule replaces what earlier rules said about its weekdays.
            weekdays = {d for d, _ in days}
            parsed.slots = [s for s in parsed.slots if s.weekday not in weekdays]
        for weekday, nth in days:
            recurrence = NTH_RECURRENCES[nth] if nth is not None else week or WEEKLY
            for start, end in ranges:
                for day, recurring, begin, finish in _pieces(weekday, recurrence, start, end, rule):
                    parsed.slots.append(
                        Slot(
                            weekday=day,
                            start=begin,
                            end=finish,
                            recurrence=recurring,
                            valid_from=valid_from,
                            valid_until=valid_until,
                            note=(match.group("note") or "")[:100],
                        )
                    )
    return parsed


MIDNIGHT, END_OF_DAY = time(0, 0), time(23, 59)
NEXT_WEEK_PARITY = {EVEN_WEEKS: ODD_WEEKS, ODD_WEEKS: EVEN_WEEKS, WEEKLY: WEEKLY}


def _pieces(weekday, recurrence, start, end, rule):
    """[(weekday, recurrence, start, end)] of one range: a range past midnight (Fr 19:00-11:00)
    is the evening of its day and the morning of the next (whose ISO week parity flips after a
    Sunday). The engine's day ends at 23:59, as when it reads 24:00."""
    if end > start:
        return [(weekday, recurrence, start, end)]
    if recurrence not in NEXT_WEEK_PARITY:
        raise OsmParseError(f"horaire après minuit non pris en charge pour un jour du mois « {rule} »")
    next_recurrence = NEXT_WEEK_PARITY[recurrence] if weekday == 6 else recurrence
    pieces = [(weekday, recurrence, start, END_OF_DAY)] if start < END_OF_DAY else []
    if end > MIDNIGHT:
        pieces.append(((weekday + 1) % 7, next_recurrence, MIDNIGHT, end))
    return pieces


def _week(text):
    """'2-52/2' -> EVEN_WEEKS; '01-53/2' -> ODD_WEEKS; '1-53' -> WEEKLY."""
    span, _, step = text.partition("/")
    first, last = (int(n) for n in span.split("-"))
    recurrence = WEEK_SELECTORS.get((first, last, int(step or 1)))
    if recurrence is None:
        raise OsmParseError(f"semaines non prises en charge « week {text} »")
    return recurrence
