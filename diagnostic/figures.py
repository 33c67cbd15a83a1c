"""« Fragilités détectées »: the profiles recorded with a set of activity records, counted by
the database in two queries whatever their number (one for the totals, one per club)."""

from django.db.models import Count, Q

from .models import AREA_FIELDS, DetectedProfile
from .questions import AREAS
from .scoring import AUTONOMOUS, NEEDS_HELP, ON_THE_WAY, UNANSWERED

COUNTED = (NEEDS_HELP, ON_THE_WAY, AUTONOMOUS, UNANSWERED)


def profiles_of(records):
    """The detected profiles of `records` (an ActivityRecord queryset the user may see)."""
    return DetectedProfile.objects.filter(record__in=records)


def _key(area_code, profile_code):
    return f"{AREA_FIELDS[area_code]}_{profile_code.replace('-', '_')}"


def fragilities(records):
    """{"diagnostics", "no_device", "no_home_internet", "areas": [(area, {profile code: n})]}."""
    aggregates = {
        "diagnostics": Count("pk"),
        "no_device": Count("pk", filter=Q(no_device=True)),
        "no_home_internet": Count("pk", filter=Q(no_home_internet=True)),
    }
    for area in AREAS:
        field = AREA_FIELDS[area.code]
        for code in COUNTED:
            aggregates[_key(area.code, code)] = Count("pk", filter=Q(**{field: code}))
    counted = profiles_of(records).aggregate(**aggregates)
    return {
        "diagnostics": counted["diagnostics"],
        "no_device": counted["no_device"],
        "no_home_internet": counted["no_home_internet"],
        "areas": [(area, {code: counted[_key(area.code, code)] for code in COUNTED}) for area in AREAS],
    }


def by_club(records):
    """[(club title, diagnostics, [« à accompagner » in each area])] by club, in title order."""
    aggregates = {"diagnostics": Count("pk")}
    for area in AREAS:
        aggregates[AREA_FIELDS[area.code]] = Count("pk", filter=Q(**{AREA_FIELDS[area.code]: NEEDS_HELP}))
    rows = (
        profiles_of(records)
        .values("record__territory__title")
        .annotate(**aggregates)
        .order_by("record__territory__title")
    )
    return [
        (row["record__territory__title"], row["diagnostics"], [row[AREA_FIELDS[a.code]] for a in AREAS])
        for row in rows
    ]
