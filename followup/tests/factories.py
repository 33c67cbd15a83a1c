"""Small factories for the follow-up tests: a club with its staff, an enrolled member."""

from datetime import datetime, time

from django.utils import timezone

from activity.tests.factories import make_club, make_record, make_staff, make_user  # noqa: F401
from followup import lifecycle
from followup import vocabulary as v

PHONE = "06 12 34 56 78"
EMAIL = "amina.test@example.org"
NICKNAME = "Amina"


def at(day, hour=10):
    """An aware datetime on `day` (Paris time): the clock the lifecycle is given."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def baseline(level=v.HELPED, **overrides):
    return {code: overrides.get(code, level) for code in v.OPERATION_CODES}


def enrol(
    territory, day, *, user=None, contact=PHONE, channel=v.PHONE, nickname=NICKNAME, language="fr", **kw
):
    return lifecycle.enrol(
        territory=territory,
        kind=kw.pop("kind", v.INDIVIDUAL),
        contact=contact,
        channel=channel,
        nickname=nickname,
        language=language,
        answers=kw.pop("answers", baseline()),
        equipment=kw.pop("equipment", {"smartphone": True}),
        user=user,
        now=at(day),
        **kw,
    )
