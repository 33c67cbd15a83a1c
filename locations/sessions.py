"""The table of upcoming sessions (UpcomingSession): what the schedule engine says each live
place holds over the next weeks, written once so that the directory reads it instead of running
the engine over every place on every request. The hours of the open-data exports
(PlaceOpenData) are written at the same time, for the same reason.

Refreshed for one place when it is published or unpublished (locations.signals), for every
place by the daily `refresh_sessions` command, and by the importer after each batch.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from home.bulk import delete_rows, insert_rows

from . import schedule
from .export import open_data_hours
from .models import LocationPage, PlaceOpenData, UpcomingSession

# As far ahead as the agenda.ics feed: the two always list the same sessions.
SESSION_WEEKS = 8
BATCH = 500


def sessions_window(plan, now):
    """(first, last) local dates materialised for `plan` at the instant `now`, both included."""
    today = schedule.local_now(plan, now).date()
    return today, today + timedelta(weeks=SESSION_WEEKS) - timedelta(days=1)


def session_rows(place, now, plan=None):
    """The UpcomingSession rows of `place` (its slots and closures loaded), as field values."""
    plan = plan if plan is not None else place.get_schedule()
    first, last = sessions_window(plan, now)
    return [
        {
            "place_id": place.pk,
            "start": occurrence.start,
            "end": occurrence.end,
            "day": occurrence.day,
            "weekday": occurrence.day.weekday(),
            "note": occurrence.slot.note,
        }
        for occurrence in schedule.occurrences(plan, first, last)
    ]


def open_data_row(place, now, plan=None):
    """The PlaceOpenData row of `place` (its slots and closures loaded), as field values: the
    hours its open-data record gives on the site's date at `now`."""
    today = timezone.localdate(now)
    horaires, detail, valid_through = open_data_hours(
        plan if plan is not None else place.get_schedule(), today
    )
    return {
        "place_id": place.pk,
        "horaires": horaires,
        "presentation_detail": detail,
        "computed_on": today,
        "valid_through": valid_through,
    }


def write_sessions(places, now, replaced=()):
    """Write the upcoming sessions and open-data hours of `places` (live, their slots and
    closures loaded), in place of the rows of the place ids `replaced`. Returns the number of
    session rows written. The importer calls it with the batch it holds in memory."""
    rows, open_data = [], []
    for place in places:
        plan = place.get_schedule()
        rows.extend(session_rows(place, now, plan))
        open_data.append(open_data_row(place, now, plan))
    with transaction.atomic():
        if replaced:
            delete_rows(UpcomingSession.objects.filter(place_id__in=replaced))
            delete_rows(PlaceOpenData.objects.filter(place_id__in=replaced))
        insert_rows(UpcomingSession, rows)
        insert_rows(PlaceOpenData, open_data)
    return len(rows)


def refresh_upcoming_sessions(places=None, now=None):
    """Rewrite the upcoming sessions and open-data hours of `places` (pages, ids or a queryset
    of LocationPage; None: every place). A place that is not live loses its rows. Returns the
    number of session rows written.

    Reads each place's saved slots and closures from the database, in batches (bounded memory)."""
    now = now or timezone.now()
    if places is None:
        ids = list(LocationPage.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted({getattr(place, "pk", place) for place in places})
    written = 0
    for offset in range(0, len(ids), BATCH):
        batch = ids[offset : offset + BATCH]
        live = LocationPage.objects.filter(pk__in=batch, live=True).prefetch_related("slots", "closures")
        written += write_sessions(live, now, replaced=batch)
    return written
