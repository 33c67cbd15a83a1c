"""Demo clubs (territories) and their places, from locations/demo/.

territories.toml lists the clubs; places/<club>.toml their places, with slots and closures.
Dates follow today's: "today-12", and yearly closures such as "07-20" to "08-14".
"""

from datetime import date
from decimal import Decimal

from home.demo_loader import annual_period, create_page, delete_children, read, relative_date, section

from .models import Closure, LocationPage, Slot, TerritoryPage
from .vocabulary import WEEKDAYS

DAYS = {label.lower(): number for number, label in WEEKDAYS}


def load(home):
    directory = section("locations.LocationIndexPage")
    if directory is None:
        return 0
    created = 0
    today = date.today()
    for territory_data in read(__file__, "territories.toml")["territories"]:
        fields = dict(territory_data)
        slug = fields.pop("slug")
        territory, new = create_page(directory, TerritoryPage, slug, **fields)
        created += new
        for place in read(__file__, f"places/{slug}.toml")["places"]:
            created += create_page(territory, LocationPage, **place_fields(place, today))[1]
    return created


def reset(home):
    slugs = [territory["slug"] for territory in read(__file__, "territories.toml")["territories"]]
    return delete_children(section("locations.LocationIndexPage"), slugs)


def place_fields(data, today):
    fields = dict(data)
    fields["latitude"] = Decimal(fields["latitude"])
    fields["longitude"] = Decimal(fields["longitude"])
    fields["hours_confirmed_on"] = relative_date(fields["hours_confirmed_on"], today)
    fields["slots"] = [
        Slot(
            sort_order=order,
            weekday=DAYS[slot["weekday"]],
            start=slot["start"],
            end=slot["end"],
            recurrence=slot.get("recurrence", "weekly"),
            note=slot.get("note", ""),
            valid_from=relative_date(slot.get("valid_from"), today),
            valid_until=relative_date(slot.get("valid_until"), today),
        )
        for order, slot in enumerate(fields.pop("slots"))
    ]
    closures = []
    for order, closure in enumerate(fields.pop("closures")):
        start, end = annual_period(closure["start"], closure["end"], today)
        closures.append(Closure(sort_order=order, start=start, end=end, reason=closure.get("reason", "")))
    fields["closures"] = closures
    return fields
