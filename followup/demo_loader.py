"""A development-only demo cohort for each demo club: people overdue, due this week, to come,
followed up (contact erased) and one who withdrew. Deterministic; never on a real site (DEBUG
only: made-up people have no business in a production database); `reset` deletes it."""

import random
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from activity.demo_loader import demo_clubs

from . import lifecycle
from . import vocabulary as v
from .models import CohortMember

SEED = 2026
# (days before today's due date, what happened): negative = overdue.
PLAN = [(-9, None), (-3, None), (0, None), (2, None), (4, None), (12, None), (25, None), (60, None)]
PLAN += [(-20, v.DONE), (-40, v.DONE), (-15, v.WITHDRAWN)]
NAMES = ["Amina", "Bernard", "Chloé", "Djamel", "Élise", "Fatou", "Gérard", "Hoa", "Inès", "Jean", "Karima"]


def enrolled_on_for(due_in, today):
    """The enrolment day whose follow-up falls `due_in` days from today (about)."""
    return v.add_months(today + timedelta(days=due_in), -v.DUE_MONTHS)


def load(home):
    if not settings.DEBUG:
        return 0
    today = timezone.localdate()
    rng = random.Random(SEED)
    created = 0
    for club_index, club in enumerate(demo_clubs()):
        if CohortMember.objects.filter(territory=club, is_demo=True).exists():
            continue
        for index, (due_in, outcome) in enumerate(PLAN):
            day = enrolled_on_for(due_in, today)
            number = club_index * 100 + index
            email = rng.random() < 0.4
            member = lifecycle.enrol(
                territory=club,
                kind=v.WORKSHOP if rng.random() < 0.3 else v.INDIVIDUAL,
                contact=f"demo{number}@example.org"
                if email
                else f"06 00 00 {number // 100:02d} {number % 100:02d}",
                channel=v.EMAIL if email else v.PHONE,
                nickname=f"{NAMES[index % len(NAMES)]} (démo)",
                language=rng.choice(["fr", "fr", "fr", "en", "ar"]),
                answers={
                    code: rng.choice([v.HELPED, v.NOT_YET, v.NOT_YET, v.ALONE]) for code in v.OPERATION_CODES
                },
                equipment={code: rng.random() < 0.6 for code in v.EQUIPMENT_CODES},
                user=None,
                now=timezone.make_aware(datetime.combine(day, time(10))),
            )
            CohortMember.objects.filter(pk=member.pk).update(is_demo=True, attempts=1 if due_in < -5 else 0)
            member.refresh_from_db()
            if outcome == v.DONE:
                lifecycle.record_follow_up(
                    member,
                    answers={code: rng.choice([v.ALONE, v.ALONE, v.HELPED]) for code in v.OPERATION_CODES},
                    equipment={code: rng.random() < 0.7 for code in v.EQUIPMENT_CODES},
                    needed_help=rng.random() < 0.5,
                    help_sources=["club"],
                    today=member.due_on,
                )
            elif outcome == v.WITHDRAWN:
                lifecycle.withdraw(member, day + timedelta(days=30))
            created += 1
    return created


def reset(home):
    deleted, _ = CohortMember.objects.filter(territory__in=demo_clubs(), is_demo=True).delete()
    return deleted
