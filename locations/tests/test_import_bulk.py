"""The import's bulk writes leave what a publication one page at a time would: the sessions and
open-data hours the refresh computes, revisions whose content matches the saved hours, one
revision and its log entries per page (on SQLite and PostgreSQL alike)."""

import pytest
from wagtail.models import PageLogEntry

from locations.models import LocationPage, PlaceOpenData, UpcomingSession
from locations.sessions import refresh_upcoming_sessions

from .factories import make_territory
from .test_import import example_path, run

pytestmark = pytest.mark.django_db


def sessions_and_hours(places):
    sessions = sorted(
        UpcomingSession.objects.filter(place__in=places).values_list(
            "place_id", "start", "end", "day", "note"
        )
    )
    hours = sorted(
        PlaceOpenData.objects.filter(place__in=places).values_list(
            "place_id", "horaires", "presentation_detail", "valid_through"
        )
    )
    return sessions, hours


@pytest.mark.parametrize("times", [1, 2])  # a new import, then a re-import (updates)
def test_imported_sessions_and_revisions_are_what_a_publication_leaves(times):
    club = make_territory("Club du banc", departments="14, 50")
    for _ in range(times):
        run(example_path(), club)
    places = list(LocationPage.objects.child_of(club).order_by("pk"))
    assert places and any(place.slots.exists() for place in places)

    imported = sessions_and_hours(places)
    assert imported[0] and len(imported[1]) == len(places)
    refresh_upcoming_sessions(places)
    assert sessions_and_hours(places) == imported

    for place in places:
        revisions = place.revisions
        assert revisions.count() == times
        assert place.live_revision_id == place.latest_revision_id == revisions.order_by("-pk").first().pk
        content = place.latest_revision.content
        assert [slot["pk"] for slot in content["slots"]] == list(place.slots.values_list("pk", flat=True))
        assert [closure["pk"] for closure in content["closures"]] == list(
            place.closures.values_list("pk", flat=True)
        )
        assert content["title"] == place.title
        assert place.latest_revision.as_object().title == place.title
        actions = list(
            PageLogEntry.objects.filter(page=place).order_by("pk").values_list("action", "revision_id")
        )
        assert actions[0] == ("wagtail.create", None)
        assert actions[-1] == ("wagtail.publish", place.latest_revision_id)
        assert len(actions) == 1 + times
