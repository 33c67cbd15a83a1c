"""A published workshop feeds the activity figures: one record per held session, never two.

Staff type the participants of a past session on the workshop page and publish. Each such
session becomes one ActivityRecord (kind « atelier »), linked to it by SessionActivity, and is
updated when its participants are corrected on the page and the page republished. A record a
mediator corrected in the activity section is left as they left it; one they deleted is never
created again."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from activity import vocabulary as av
from activity.models import ActivityRecord
from locations.models import TerritoryPage

from .models import SessionActivity, WorkshopPage, WorkshopSession, upcoming_cards
from .vocabulary import CANCELLED

logger = logging.getLogger(__name__)


def duration_band(session):
    minutes = (session.end.hour * 60 + session.end.minute) - (session.start.hour * 60 + session.start.minute)
    if minutes < 15:
        return "moins-15"
    if minutes <= 30:
        return "15-30"
    if minutes <= 60:
        return "30-60"
    return "plus-60"


def fingerprint(record):
    """What a record says that the workshop page decides (compared to tell a hand correction)."""
    return "|".join(
        str(value)
        for value in (
            record.date,
            record.participants,
            record.place_id,
            record.territory_id,
            record.themes,
            record.kind,
            record.duration,
        )
    )


def record_values(workshop, session, place, territory):
    return {
        "date": session.date,
        "participants": session.participants,
        "place_id": place.pk,
        "territory_id": territory.pk,
        "where": av.AT_PLACE,
        "kind": av.WORKSHOP,
        "duration": duration_band(session),
        "themes": av.serialise_themes(workshop.themes),
    }


@transaction.atomic
def sync_activity(workshop, user=None):
    """Create or update the record of each held session of `workshop`; returns (created, updated)."""
    place = workshop.place
    territory = TerritoryPage.objects.ancestor_of(place).first() if place is not None else None
    if territory is None or workshop.status == CANCELLED:
        return 0, 0
    created = updated = 0
    sessions = WorkshopSession.objects.filter(page=workshop, participants__isnull=False).exclude(
        status=CANCELLED
    )
    links = {
        link.session_id: link
        for link in SessionActivity.objects.filter(session__in=sessions).select_related("record")
    }
    for session in sessions:
        values = record_values(workshop, session, place, territory)
        link = links.get(session.pk)
        if link is not None and link.record is None:
            continue  # deleted by hand in the activity section: never counted again
        if link is None:
            record = ActivityRecord(**values, mediator=user)
        else:
            record = link.record
            if fingerprint(record) != link.written:
                continue  # corrected by hand since: theirs wins
            for name, value in values.items():
                setattr(record, name, value)
            if fingerprint(record) == link.written:
                continue  # nothing new
        try:
            record.full_clean(exclude=["mediator"])
        except ValidationError as error:
            logger.warning("Workshop %s session %s not counted: %s", workshop.pk, session.pk, error.messages)
            continue
        record.save()
        if link is None:
            SessionActivity.objects.create(session=session, record=record, written=fingerprint(record))
            created += 1
        else:
            link.written = fingerprint(record)
            link.save(update_fields=["written"])
            updated += 1
    return created, updated


@receiver(page_published, dispatch_uid="workshops_feed_activity")
def workshop_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, WorkshopPage):
        sync_activity(instance, getattr(revision, "user", None))


@receiver(page_published, dispatch_uid="workshops_rebuild_cards")
def rebuild_cards(sender, **kwargs):
    """Any publication starts a new page-cache generation (home.page_cache, connected first):
    build the workshop cards for it now, so that no visitor's page pays for them."""
    upcoming_cards()
