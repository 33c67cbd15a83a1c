"""The figures of a set of records, counted by the database (aggregate, annotate, TruncMonth).

Every function runs a fixed number of queries whatever the number of records."""

from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from locations.schedule import MONTHS_FR

from . import vocabulary as v
from .models import ActivityRecord

PEOPLE = Coalesce("participants", Value(1), output_field=IntegerField())


def records(clubs, start, end, club=None, place=None):
    """The records of `clubs` (a queryset the user may see) between two dates, inclusive."""
    found = ActivityRecord.objects.filter(territory__in=clubs, date__gte=start, date__lte=end)
    if club is not None:
        found = found.filter(territory=club)
    if place is not None:
        found = found.filter(place=place)
    return found


def totals(found):
    """One query: interventions, people, individual / collective, workshops, first visits."""
    figures = found.aggregate(
        interventions=Count("pk"),
        people=Coalesce(Sum(PEOPLE), 0),
        individual=Count("pk", filter=~Q(kind=v.WORKSHOP)),
        accompaniments=Count("pk", filter=Q(kind=v.INDIVIDUAL)),
        done_for=Count("pk", filter=Q(kind=v.DONE_FOR)),
        orientations=Count("pk", filter=Q(kind=v.ORIENTATION)),
        workshops=Count("pk", filter=Q(kind=v.WORKSHOP)),
        workshop_people=Coalesce(Sum("participants", filter=Q(kind=v.WORKSHOP)), 0),
        first_visits=Count("pk", filter=Q(first_visit=True)),
        remote=Count("pk", filter=Q(where=v.REMOTE)),
    )
    return figures


def by_theme(found):
    """[(theme, interventions, people)] for each theme with at least one intervention; one query."""
    aggregates = {}
    for index, theme in enumerate(v.THEMES):
        marker = Q(themes__contains=v.stored_marker(theme.code))
        aggregates[f"n{index}"] = Count("pk", filter=marker)
        aggregates[f"p{index}"] = Coalesce(Sum(PEOPLE, filter=marker), 0)
    figures = found.aggregate(**aggregates)
    rows = [
        (theme, figures[f"n{index}"], figures[f"p{index}"])
        for index, theme in enumerate(v.THEMES)
        if figures[f"n{index}"]
    ]
    return sorted(rows, key=lambda row: -row[1])


def banking_total(found):
    """Interventions with at least one banking operation (the partnership's figure); one query."""
    banking = Q()
    for theme in v.BANKING_THEMES:
        banking |= Q(themes__contains=v.stored_marker(theme.code))
    return found.aggregate(
        interventions=Count("pk", filter=banking), people=Coalesce(Sum(PEOPLE, filter=banking), 0)
    )


def by_place(found):
    """[(label, interventions, people)] by place (« à distance », « hors permanence » apart)."""
    rows = (
        found.values("where", "place__title")
        .annotate(interventions=Count("pk"), people=Coalesce(Sum(PEOPLE), 0))
        .order_by("-interventions", "place__title")
    )
    result = []
    for row in rows:
        if row["where"] == v.AT_PLACE:
            label = row["place__title"] or "Lieu supprimé"
        else:
            label = v.label(v.WHERE, row["where"])
        result.append((label, row["interventions"], row["people"]))
    return result


def by_club(found):
    """[(club title, interventions, people, workshops)] by club."""
    rows = (
        found.values("territory__title")
        .annotate(
            interventions=Count("pk"),
            people=Coalesce(Sum(PEOPLE), 0),
            workshops=Count("pk", filter=Q(kind=v.WORKSHOP)),
        )
        .order_by("territory__title")
    )
    return [(r["territory__title"], r["interventions"], r["people"], r["workshops"]) for r in rows]


def by_kind(found):
    rows = found.values("kind").annotate(interventions=Count("pk"), people=Coalesce(Sum(PEOPLE), 0))
    counted = {row["kind"]: row for row in rows}
    return [
        (label, counted[code]["interventions"], counted[code]["people"])
        for code, label in v.KINDS
        if code in counted
    ]


def by_month(found):
    """[(« janvier 2025 », interventions, people)] in date order."""
    rows = (
        found.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(interventions=Count("pk"), people=Coalesce(Sum(PEOPLE), 0))
        .order_by("month")
    )
    return [
        (f"{MONTHS_FR[r['month'].month - 1]} {r['month'].year}", r["interventions"], r["people"])
        for r in rows
    ]


def by_age(found):
    rows = found.values("age_band").annotate(interventions=Count("pk"))
    counted = {row["age_band"]: row["interventions"] for row in rows}
    return [(label, counted[code]) for code, label in v.AGE_BANDS if counted.get(code)]


def summary(found):
    """Everything a dashboard or a report shows."""
    return {
        "totals": totals(found),
        "banking": banking_total(found),
        "themes": by_theme(found),
        "places": by_place(found),
        "months": by_month(found),
        "kinds": by_kind(found),
        "ages": by_age(found),
        "clubs": by_club(found),
    }
