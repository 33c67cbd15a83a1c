"""Territories (clubs) and places with their slots and closures, for tests."""

import datetime

from home.tests.factories import publish, section, unique
from locations.models import Closure, LocationIndexPage, LocationPage, Slot, TerritoryPage


def make_territory(title=None, departments="14, 50", **fields):
    title = title or unique("Club").replace("-", " ")
    return publish(TerritoryPage(title=title, departments=departments, **fields), section(LocationIndexPage))


def make_slot(weekday=1, start=(9, 0), end=(12, 0), **fields):
    """A weekly slot, Tuesday 9 h–12 h unless told otherwise."""
    return Slot(weekday=weekday, start=datetime.time(*start), end=datetime.time(*end), **fields)


def make_closure(start, end=None, reason=""):
    return Closure(start=start, end=end or start, reason=reason)


def make_place(territory=None, title=None, slots=None, closures=(), **fields):
    """A published place in Lisieux (Calvados) with one Tuesday morning slot by default."""
    territory = territory or make_territory()
    values = {
        "title": title or unique("Lieu").replace("-", " "),
        "kind": "france_services",
        "address": "2 rue de la Mairie",
        "postcode": "14100",
        "insee": "14366",
        "commune": "Lisieux",
        "services": ["demarches"],
        **fields,
    }
    page = LocationPage(**values)
    page.slots = list(slots if slots is not None else [make_slot()])
    page.closures = list(closures)
    return publish(page, territory)
