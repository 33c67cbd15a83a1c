"""Workshops in the open-data export of places (locations.export asks through a Wagtail hook)."""

from wagtail import hooks

from locations.export import WORKSHOP_PLACES_HOOK

from .models import places_with_upcoming_workshops


@hooks.register(WORKSHOP_PLACES_HOOK)
def places_with_workshops(today):
    return places_with_upcoming_workshops(today)
