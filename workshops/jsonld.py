"""schema.org Event data of a workshop: one Event per date, each with its own status."""

from datetime import datetime
from zoneinfo import ZoneInfo

from locations import schedule
from locations.rendering import where_json_ld

from .vocabulary import CANCELLED, FULL

SCHEMA = "https://schema.org/"


def place_data(place):
    return {"@type": "Place", "name": place.title, **where_json_ld(place)}


def workshop_json_ld(workshop, place, request):
    """The workshop's dates as schema.org Events (escaped in the template by |json_ld)."""
    tz = ZoneInfo(schedule.ZONES[place.zone][0]) if place is not None else ZoneInfo("Europe/Paris")
    url = workshop.get_full_url(request)
    events = []
    for session in workshop.engine_sessions():
        event = {
            "@type": "Event",
            "name": workshop.title,
            "url": url,
            "startDate": datetime.combine(session.day, session.start, tzinfo=tz).isoformat(),
            "endDate": datetime.combine(session.day, session.end, tzinfo=tz).isoformat(),
            "eventStatus": SCHEMA + ("EventCancelled" if session.status == CANCELLED else "EventScheduled"),
            "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
            "isAccessibleForFree": bool(workshop.free),
            "inLanguage": "fr",
        }
        if workshop.intro:
            event["description"] = workshop.intro
        if place is not None:
            event["location"] = place_data(place)
        if workshop.seats:
            event["maximumAttendeeCapacity"] = workshop.seats
        if session.status == FULL:
            event["remainingAttendeeCapacity"] = 0
        elif workshop.seats_left is not None:
            event["remainingAttendeeCapacity"] = workshop.seats_left
        if workshop.free:
            event["offers"] = {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "EUR",
                "url": workshop.booking_url or url,
                "availability": SCHEMA + ("SoldOut" if session.status == FULL else "InStock"),
            }
        events.append(event)
    return {"@context": "https://schema.org", "@graph": events}
