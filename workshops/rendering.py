"""What the workshop pages show: a workshop's dates and state, the /ateliers/ list (filters,
proximity groups, pages), and the iCalendar files. Nothing here imports a model: the models
pass their pages and places in."""

from dataclasses import replace
from datetime import datetime
from itertools import groupby
from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from home.pagination import page_groups, paginate
from home.params import FieldError, clean_param
from locations import geo, schedule
from locations.filters import resolve_ou

from .vocabulary import (
    AT_PERMANENCE,
    BOOKING_LINK,
    BY_PHONE,
    CANCELLED,
    FULL,
    SCHEDULED,
    THEME_OPTIONS,
    dates_fr,
    month_fr,
    month_key,
    parse_month,
    session_fr,
    theme_label,
)

PER_PAGE = 20
# How a state is said on a page, in a list and in a badge.
STATE_LABELS = {SCHEDULED: "", FULL: "Complet", CANCELLED: "Annulé", "passe": "Passé"}


def zone_of(place):
    """The place's time zone (overseas places have their own)."""
    return ZoneInfo(schedule.ZONES[place.zone][0]) if place is not None else ZoneInfo("Europe/Paris")


def lines(text):
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def state(sessions, today):
    """'passe', CANCELLED, FULL or SCHEDULED: the workshop as a whole, from its sessions."""
    coming = [s for s in sessions if s.day >= today]
    if not coming:
        return "passe"
    if all(s.status == CANCELLED for s in coming):
        return CANCELLED
    if all(s.status in (CANCELLED, FULL) for s in coming):
        return FULL
    return SCHEDULED


def with_closures(sessions, place, closures=None):
    """`sessions` with those on a day the place is closed (a closure it announced) cancelled,
    « annulé (fermeture) »: the page, the poster, the agenda and the cards say so, whatever the
    session's own status says. `closures`: the place's, when the caller has them already."""
    if place is None:
        return sessions
    if closures is None:
        closures = [closure.as_engine_closure() for closure in place.closures.all()]
    return [
        replace(s, status=CANCELLED, closed=True) if any(c.covers(s.day) for c in closures) else s
        for s in sessions
    ]


def session_label(session):
    if session.closed:
        return "annulé (fermeture)"
    return {FULL: "complet", CANCELLED: "annulé"}.get(session.status, "")


def session_rows(sessions, today):
    return [
        {
            "session": s,
            "text": session_fr(s, today),
            "past": s.day < today,
            "status": s.status,
            "label": session_label(s),
        }
        for s in sessions
    ]


def signup_ways(workshop, place):
    """How to sign up, as sentences with their link (tel: or the booking page)."""
    ways = []
    chosen = workshop.signup or []
    if BY_PHONE in chosen and place is not None and place.phone:
        ways.append({"text": "Par téléphone :", "link_text": place.phone, "phone": place.phone})
    if AT_PERMANENCE in chosen:
        ways.append({"text": "Sur place, pendant la permanence du lieu."})
    if BOOKING_LINK in chosen and workshop.booking_url:
        ways.append({"text": "En ligne :", "link_text": "réserver une place", "url": workshop.booking_url})
    return ways


def summary_item(workshop, place, today, closures=None):
    """A workshop as a list shows it: its next date, all its dates in a few words, its state.
    A date on which the place is closed is cancelled here too (never the "next date"), and the
    card says so, as the workshop's page does (`closures`: see with_closures)."""
    sessions = with_closures(workshop.engine_sessions(), place, closures)
    coming = [s for s in sessions if s.day >= today]
    next_session = next((s for s in coming if s.status != CANCELLED), coming[0] if coming else None)
    cancelled = [s for s in coming if s.status == CANCELLED]
    current = state(sessions, today)
    return {
        "workshop": workshop,
        "place": place,
        "next": next_session,
        "title": workshop.title,
        "several_dates": len({s.day for s in sessions}) > 1,
        "place_title": place.title if place is not None else "",
        "place_commune": place.commune if place is not None else "",
        "next_text": session_fr(next_session, today) if next_session else "",
        # « annulé (fermeture) » when every date to come is cancelled ("Était prévu : …").
        "next_label": session_label(next_session) if next_session in cancelled else "",
        "closed_texts": [session_fr(s, today) for s in coming if s.closed and s is not next_session],
        "dates_text": dates_fr([s.day for s in sessions], today),
        "state": current,
        "state_label": STATE_LABELS[current],
        "themes": [theme_label(code) for code in workshop.themes or []],
        "url": workshop.url,
    }


# What a card needs, as plain values: cards are kept in the shared cache (models.upcoming_cards).
CARD_KEYS = (
    "title",
    "url",
    "state",
    "state_label",
    "next_text",
    "next_label",
    "closed_texts",
    "dates_text",
    "several_dates",
    "place_title",
    "place_commune",
    "themes",
)


def card(item):
    return {key: item[key] for key in CARD_KEYS}


def workshop_context(workshop, place, request, today):
    sessions = with_closures(workshop.engine_sessions(), place)
    current = state(sessions, today)
    return {
        "place": place,
        "sessions": session_rows(sessions, today),
        "state": current,
        "state_label": STATE_LABELS[current],
        "dates_text": dates_fr([s.day for s in sessions], today),
        "themes": [theme_label(code) for code in workshop.themes or []],
        "learn_items": lines(workshop.learn),
        "bring_items": lines(workshop.bring),
        "signup_ways": signup_ways(workshop, place),
        "agenda_url": workshop.subpage_url("agenda", request),
        "poster_url": workshop.subpage_url("poster", request),
    }


# --- /ateliers/ ------------------------------------------------------------------------------------


def item_where(item):
    """(insee, postcode) of a summary item's place: how Area.group places it."""
    place = item["place"]
    return (place.insee, place.postcode) if place is not None else ("", "")


def item_by_date(item):
    """A summary item's sort key inside its group: next date (not a cancelled one), then title."""
    return (item["next"].day if item["next"] else item["workshop"].next_date, item["workshop"].title)


# --- page cache keys (home.page_cache.register_query_param; `ou` and `page` are the directory's) ---


def key_theme(value):
    value = clean_param(value, 80)
    return value if not value or value in dict(THEME_OPTIONS) else None


def key_month(value):
    """'2027-03' for '2027-03' or '2027-3'; None for anything else."""
    value = clean_param(value, 80)
    if not value:
        return ""
    month = parse_month(value)
    return f"{month[0]:04d}-{month[1]:02d}" if month else None


def listing(workshops, request, today):
    """Filter, group and paginate [(workshop, place)] (upcoming, soonest first) from the GET
    parameters ou, theme, mois and page; an unusable filter is said, never a server error."""
    params = {name: clean_param(request.GET.get(name, ""), 80) for name in ("ou", "theme", "mois")}
    errors = []
    area = None
    if params["ou"]:
        try:
            # One spelling of the place: the page cache keys the list by it (locations.filters.key_ou).
            params["ou"], area = resolve_ou(params["ou"])
        except geo.AreaError as error:
            errors.append(FieldError(str(error), "filtre-ou", error.suggestion))
    themes = dict(THEME_OPTIONS)
    if params["theme"] and params["theme"] not in themes:
        errors.append(FieldError("Ce thème n'existe pas. Choisissez un thème dans la liste.", "filtre-theme"))
        params["theme"] = ""
    month = parse_month(params["mois"]) if params["mois"] else None
    if params["mois"] and month is None:
        errors.append(FieldError("Ce mois n'existe pas. Choisissez un mois dans la liste.", "filtre-mois"))
        params["mois"] = ""
    elif month:
        params["mois"] = key_month(params["mois"])

    all_items = [summary_item(w, p, today) for w, p in workshops]
    months = sorted({month_key(s.day) for w, _p in workshops for s in w.engine_sessions() if s.day >= today})
    items = all_items
    if params["theme"]:
        items = [i for i in items if params["theme"] in (i["workshop"].themes or [])]
    if month:
        wanted = f"{month[0]:04d}-{month[1]:02d}"
        items = [
            i
            for i in items
            if any(month_key(s.day) == wanted and s.day >= today for s in i["workshop"].engine_sessions())
        ]
    if area:
        grouped = area.group(items, item_where, item_by_date)
        items = []
        for group in grouped:
            for item in group.items:
                item["group"] = group
                items.append(item)

    query = {k: v for k, v in params.items() if v}
    pagination = paginate(
        len(items), clean_param(request.GET.get("page", ""), 10), PER_PAGE, params=query, anchor="resultats"
    )
    shown = items[pagination.offset : pagination.stop]
    # The whole list's groups, cut at this page (a group that goes on repeats its heading).
    groups = []
    if area:
        whole = [
            (group.heading, len(list(members)), group) for group, members in groupby(items, key=_group_of)
        ]
        groups = page_groups(whole, pagination, shown)
    return {
        "params": params,
        "errors": errors,
        "area": area,
        "items": shown,
        "groups": groups,
        "count": len(items),
        "near_count": sum(1 for i in items if i.get("group") and i["group"].near),
        "pagination": pagination,
        "theme_choices": THEME_OPTIONS,
        "feed_themes": [
            (code, label)
            for code, label in THEME_OPTIONS
            if any(code in (w.themes or []) for w, _p in workshops)
        ],
        "month_choices": [(key, month_fr(*parse_month(key))) for key in months],
        "filtered": any(params.values()),
    }


def _group_of(item):
    return item.get("group")


# --- iCalendar --------------------------------------------------------------------------------------


def ical_events(workshop, place, request, today, every_date=False):
    """One VEVENT per date (from today unless `every_date`); cancelled dates are STATUS:CANCELLED."""
    tz = zone_of(place)
    url = workshop.get_full_url(request)
    location = place.full_address if place is not None else ""
    for session in with_closures(workshop.engine_sessions(), place):
        if session.day < today and not every_date:
            continue
        event = icalendar.Event()
        event.add("uid", f"atelier-{workshop.pk}-{session.day:%Y%m%d}-{session.start:%H%M}@pasapas")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", datetime.combine(session.day, session.start, tzinfo=tz))
        event.add("dtend", datetime.combine(session.day, session.end, tzinfo=tz))
        prefix = f"{session_label(session).upper()} — " if session_label(session) else ""
        event.add("summary", f"{prefix}Atelier : {workshop.title}")
        event.add("status", "CANCELLED" if session.status == CANCELLED else "CONFIRMED")
        description = [workshop.intro] if workshop.intro else []
        if session.status == FULL:
            description.append("Cet atelier est complet.")
        if session.closed:
            description.append("Le lieu est fermé ce jour-là : cette date est annulée.")
        if description:
            event.add("description", " ".join(description))
        if location:
            event.add("location", location)
        event.add("url", url)
        yield event


def ical_response(pairs, name, filename, request, every_date=False):
    """An iCalendar file of the dates of [(workshop, place)]."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Pas à pas//Ateliers//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    today = timezone.localdate()
    for workshop, place in pairs:
        for event in ical_events(workshop, place, request, today, every_date):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    add_never_cache_headers(response)
    return response
