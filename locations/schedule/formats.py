"""A schedule said in French, in OSM opening_hours, in schema.org and in iCalendar. No Django."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar

from .engine import occurrences
from .model import EVEN_WEEKS, NTH, ODD_WEEKS, WEEKLY, Schedule

DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAYS_OSM = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAYS_SCHEMA = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_OSM = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ORDINALS_FR = {1: "1er", 2: "2e", 3: "3e", 4: "4e", -1: "dernier"}
RECURRENCE_LABELS = {
    WEEKLY: "chaque semaine",
    EVEN_WEEKS: "semaines paires",
    ODD_WEEKS: "semaines impaires",
}


# --- French -------------------------------------------------------------------------------


def hour_fr(moment):
    """9 h, 12 h 30."""
    return f"{moment.hour} h" if not moment.minute else f"{moment.hour} h {moment.minute:02d}"


def times_fr(ranges):
    """'de 9 h à 12 h et de 14 h à 17 h'."""
    return _and([f"de {hour_fr(start)} à {hour_fr(end)}" for start, end in ranges])


def date_fr(day, with_year=True):
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS_FR[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def validity_fr(valid_from, valid_until):
    if valid_from and valid_until:
        same_year = valid_from.year == valid_until.year
        return f"du {date_fr(valid_from, not same_year)} au {date_fr(valid_until)}"
    if valid_from:
        return f"à partir du {date_fr(valid_from)}"
    if valid_until:
        return f"jusqu'au {date_fr(valid_until)}"
    return ""


def _and(items):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _groups(schedule):
    """Slots grouped as a reader thinks of them.

    Each group: weekdays, recurrence kind ('weekly', 'even_weeks', 'odd_weeks' or 'nth'), the nth
    numbers, time ranges, validity and note. Identical times are grouped: nth days of one weekday
    together ("le 1er et le 3e mardi"), weekly days with the same times together.
    """
    by_day = {}
    for slot in schedule.slots:
        kind = "nth" if slot.recurrence in NTH else slot.recurrence
        key = (slot.weekday, kind, slot.recurrence, slot.valid_from, slot.valid_until, slot.note)
        by_day.setdefault(key, []).append((slot.start, slot.end))
    nth_merged = {}
    for (weekday, kind, recurrence, vfrom, vuntil, note), ranges in by_day.items():
        ranges = tuple(sorted(ranges))
        key = (weekday, kind, ranges, vfrom, vuntil, note)
        nths = nth_merged.setdefault(key, [])
        if kind == "nth":
            nths.append(NTH[recurrence])
    days_merged = {}
    for (weekday, kind, ranges, vfrom, vuntil, note), nths in nth_merged.items():
        nths = tuple(sorted(nths, key=lambda n: 99 if n == -1 else n))
        key = (kind, nths, ranges, vfrom, vuntil, note)
        if kind == "nth":  # "le 1er lundi et le 1er jeudi du mois" reads badly: one weekday each
            key = key + (weekday,)
        days_merged.setdefault(key, []).append(weekday)
    groups = []
    for key, weekdays in days_merged.items():
        kind, nths, ranges, vfrom, vuntil, note = key[:6]
        groups.append(
            {
                "weekdays": tuple(sorted(weekdays)),
                "kind": kind,
                "nths": nths,
                "ranges": ranges,
                "valid_from": vfrom,
                "valid_until": vuntil,
                "note": note,
            }
        )
    groups.sort(key=lambda g: (g["weekdays"], g["ranges"], g["kind"], g["nths"]))
    return groups


def _days_phrase(group):
    names = [DAYS_FR[d] for d in group["weekdays"]]
    if group["kind"] == "nth":
        ordinals = [f"le {ORDINALS_FR[n]}" for n in group["nths"]]
        return f"{_and(ordinals)} {names[0]} du mois"
    phrase = _and(f"le {name}" for name in names)
    if group["kind"] == EVEN_WEEKS:
        phrase += " des semaines paires"
    elif group["kind"] == ODD_WEEKS:
        phrase += " des semaines impaires"
    return phrase


def group_sentence(group):
    sentence = f"{_days_phrase(group)}, {times_fr(group['ranges'])}"
    validity = validity_fr(group["valid_from"], group["valid_until"])
    if validity:
        sentence += f" ({validity})"
    if group["note"]:
        sentence += f" : {group['note']}"
    return sentence


def sentences_fr(schedule: Schedule) -> list[str]:
    """One plain French sentence per group of slots: 'le 1er et le 3e mardi du mois, de 9 h à 12 h'."""
    return [group_sentence(group) for group in _groups(schedule)]


def describe_fr(schedule: Schedule) -> str:
    """The whole schedule in one paragraph."""
    sentences = sentences_fr(schedule)
    if not sentences:
        return "Pas d'horaires pour le moment."
    return "; ".join(sentences) + "."


def frequency_fr(group):
    if group["kind"] == "nth":
        return _and(ORDINALS_FR[n] for n in group["nths"]) + " du mois"
    return RECURRENCE_LABELS[group["kind"]]


def table_rows(schedule: Schedule) -> list[dict]:
    """Rows of the hours table: one per weekday and frequency, in weekday order."""
    rows = []
    for group in _groups(schedule):
        for weekday in group["weekdays"]:
            rows.append(
                {
                    "weekday": weekday,
                    "day": DAYS_FR[weekday],
                    "times": times_fr(group["ranges"]),
                    "frequency": frequency_fr(group),
                    "validity": validity_fr(group["valid_from"], group["valid_until"]),
                    "note": group["note"],
                }
            )
    rows.sort(key=lambda r: r["weekday"])
    return rows


# --- OpenStreetMap opening_hours ----------------------------------------------------------


def osm_date(day):
    return f"{day.year} {MONTHS_OSM[day.month - 1]} {day.day:02d}"


def _osm_range(start, end):
    return f"{start:%H:%M}-{end:%H:%M}"


def to_osm(schedule: Schedule, today: date) -> str:
    """The OSM opening_hours string, e.g. 'Tu[1,3] 09:00-12:00; We 14:00-17:00; PH off'.

    Slots that ended before `today` and past closures are left out. Rules of the same weekday
    are joined with ', ' (OSM's additional rule) so that one never cancels another; then
    public holidays and closures override everything.
    """
    rules = []
    for group in _groups(schedule):
        if group["valid_until"] and group["valid_until"] < today:
            continue
        selectors = []
        vfrom, vuntil = group["valid_from"], group["valid_until"]
        if vuntil:
            selectors.append(f"{osm_date(max(vfrom or today, today))}-{osm_date(vuntil)}")
        elif vfrom:
            selectors.append(f"{osm_date(vfrom)}+")
        if group["kind"] == EVEN_WEEKS:
            selectors.append("week 02-52/2")
        elif group["kind"] == ODD_WEEKS:
            selectors.append("week 01-53/2")
        if group["kind"] == "nth":
            nths = ",".join(str(n) for n in group["nths"])
            selectors.append(f"{DAYS_OSM[group['weekdays'][0]]}[{nths}]")
        else:
            selectors.append(",".join(DAYS_OSM[d] for d in group["weekdays"]))
        times = ",".join(_osm_range(s, e) for s, e in group["ranges"])
        rule = f"{' '.join(selectors)} {times}"
        if group["note"]:
            # A comment alone means "unknown" to every OSM evaluator: the session is open.
            rule += ' open "' + group["note"].replace('"', "'") + '"'
        rules.append((set(group["weekdays"]), rule))
    text = ""
    seen_days = set()
    for days, rule in rules:
        if text:
            text += ", " if days & seen_days else "; "
        text += rule
        seen_days |= days
    tail = []
    if not schedule.open_on_public_holidays:
        tail.append("PH off")
    for closure in sorted(schedule.closures, key=lambda c: c.start):
        if closure.end < today:
            continue
        if closure.start == closure.end:
            tail.append(f"{osm_date(closure.start)} off")
        else:
            tail.append(f"{osm_date(closure.start)}-{osm_date(closure.end)} off")
    if not text:
        return "; ".join(["off"] + [t for t in tail if t != "PH off"]) if tail else "off"
    return "; ".join([text] + tail)


# --- schema.org ---------------------------------------------------------------------------


def to_schema_org(schedule: Schedule, today: date, weeks: int = 8) -> list[dict]:
    """OpeningHoursSpecification objects.

    Weekly slots become one specification per weekday; slots that do not come every week
    (1st Tuesday, even weeks…) are given as their dated sessions over the next `weeks` weeks;
    closures are given as closed days (opens = closes = 00:00).
    """
    specs = []
    for slot in sorted(schedule.slots, key=lambda s: (s.weekday, s.start)):
        if slot.recurrence != WEEKLY or (slot.valid_until and slot.valid_until < today):
            continue
        spec = {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS_SCHEMA[slot.weekday]}",
            "opens": f"{slot.start:%H:%M}",
            "closes": f"{slot.end:%H:%M}",
        }
        if slot.valid_from:
            spec["validFrom"] = slot.valid_from.isoformat()
        if slot.valid_until:
            spec["validThrough"] = slot.valid_until.isoformat()
        specs.append(spec)
    end = today + timedelta(weeks=weeks)
    for occurrence in occurrences(schedule, today, end):
        if occurrence.slot.recurrence == WEEKLY:
            continue
        day = occurrence.day.isoformat()
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAYS_SCHEMA[occurrence.day.weekday()]}",
                "opens": f"{occurrence.start:%H:%M}",
                "closes": f"{occurrence.end:%H:%M}",
                "validFrom": day,
                "validThrough": day,
            }
        )
    for closure in sorted(schedule.closures, key=lambda c: c.start):
        if closure.end < today:
            continue
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "opens": "00:00",
                "closes": "00:00",
                "validFrom": closure.start.isoformat(),
                "validThrough": closure.end.isoformat(),
            }
        )
    return specs


# --- iCalendar ----------------------------------------------------------------------------


def to_ical(
    schedule: Schedule,
    today: date,
    weeks: int = 8,
    name: str = "",
    location: str = "",
    url: str = "",
    stamp: datetime | None = None,
) -> bytes:
    """An iCalendar file: one VEVENT per session over the next `weeks` weeks (closures removed)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pas à pas//Permanences//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = name or schedule.name or "Permanence"
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", str(schedule.tz))
    stamp = stamp or datetime.now(tz=schedule.tz)
    end = today + timedelta(weeks=weeks) - timedelta(days=1)
    for occurrence in occurrences(schedule, today, end):
        event = icalendar.Event()
        event.add("uid", f"{schedule.uid or 'lieu'}-{occurrence.start:%Y%m%dT%H%M}@pasapas")
        event.add("dtstamp", stamp)
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        event.add("summary", f"Permanence numérique — {title}")
        if occurrence.slot.note:
            event.add("description", occurrence.slot.note)
        if location:
            event.add("location", location)
        if url:
            event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
