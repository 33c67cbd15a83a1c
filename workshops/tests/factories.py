"""Workshops under a place, with their dates, for tests."""

import datetime

from django.utils import timezone

from home.tests.factories import publish, unique
from locations.tests.factories import make_place
from workshops.models import WorkshopGuide, WorkshopPage, WorkshopSession


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def make_session(days=7, start=(14, 0), end=(16, 0), **fields):
    """A session `days` from today (negative: in the past), 14 h–16 h unless told otherwise."""
    return WorkshopSession(
        date=days_from_today(days), start=datetime.time(*start), end=datetime.time(*end), **fields
    )


def make_workshop(place=None, title=None, sessions=None, guides=(), **fields):
    """A published workshop at `place` (a new place in Lisieux by default), in a week by default."""
    place = place or make_place(phone="02 31 00 11 22")
    values = {
        "title": title or unique("Atelier").replace("-", " "),
        "themes": ["banque-virement"],
        "signup": ["telephone"],
        "intro": "Apprendre à faire un virement.",
        **fields,
    }
    page = WorkshopPage(**values)
    page.sessions = list(sessions if sessions is not None else [make_session()])
    page.guide_links = [WorkshopGuide(guide=guide) for guide in guides]
    return publish(page, place)
