"""What a workshop says: its status, how to sign up, its themes, and its dates in French.

Plain Python, no Django. Themes are the activity records' themes (activity.vocabulary), so a
workshop's participants are counted under the same themes as every other intervention."""

from dataclasses import dataclass
from datetime import date, time

from activity.vocabulary import BANKING_THEMES, NEED_THEMES, THEMES_BY_CODE
from locations.schedule import DAYS_FR, MONTHS_FR, date_fr, times_fr

# --- status (of the whole workshop, or of one session) ------------------------------------------

SCHEDULED = ""
CANCELLED = "annule"
FULL = "complet"
PAGE_STATUSES = ((SCHEDULED, "Prévu"), (FULL, "Complet"), (CANCELLED, "Annulé"))
SESSION_STATUSES = ((SCHEDULED, "Prévue"), (FULL, "Complète"), (CANCELLED, "Annulée"))

# --- how to sign up: the site itself never collects anything -------------------------------------

BY_PHONE = "telephone"
AT_PERMANENCE = "permanence"
BOOKING_LINK = "lien"
SIGNUP = (
    (BY_PHONE, "Par téléphone (le numéro du lieu)"),
    (AT_PERMANENCE, "Pendant la permanence, sur place"),
    (BOOKING_LINK, "Par un lien de réservation"),
)
BOOKING_LINK_MISSING = "Indiquez le lien de réservation, ou décochez « Par un lien de réservation »."

# --- themes ---------------------------------------------------------------------------------------

THEME_OPTIONS = tuple((t.code, t.label) for t in (*BANKING_THEMES, *NEED_THEMES))


def theme_label(code):
    theme = THEMES_BY_CODE.get(code)
    return theme.label if theme else code


# --- months of the `mois` filter -------------------------------------------------------------------


def month_key(day):
    """'2027-03' for any day of March 2027."""
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text):
    """(year, month) from '2027-03', or None."""
    parts = (text or "").split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, month = int(parts[0]), int(parts[1])
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def month_fr(year, month):
    """'mars 2027'."""
    return f"{MONTHS_FR[month - 1]} {year}"


# --- one session in French --------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """What the engine knows of a session: its day, its times and its own status."""

    day: date
    start: time
    end: time
    status: str = SCHEDULED
    closed: bool = False  # cancelled because the place is closed that day (a closure)


def session_fr(session, today):
    """'mardi 3 mars, de 14 h à 16 h' (the year only when it is not this year)."""
    day = f"{DAYS_FR[session.day.weekday()]} {date_fr(session.day, with_year=session.day.year != today.year)}"
    return f"{day}, {times_fr([(session.start, session.end)])}"


def dates_fr(days, today):
    """The dates of a workshop in a few words: 'le 3 mars', 'du 3 au 17 mars 2027' (3 séances)."""
    days = sorted(set(days))
    if not days:
        return ""
    with_year = any(d.year != today.year for d in days)
    if len(days) == 1:
        return f"le {date_fr(days[0], with_year)}"
    first, last = days[0], days[-1]
    if first.year == last.year and first.month == last.month:
        start = "1er" if first.day == 1 else str(first.day)
    else:
        start = date_fr(first, with_year and first.year != last.year)
    return f"du {start} au {date_fr(last, with_year)} ({len(days)} séances)"
