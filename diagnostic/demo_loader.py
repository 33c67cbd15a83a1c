"""The diagnostic page on a flushed database (as workshops' loader rebuilds /ateliers/); in
development, made-up profiles on a third of the demo accompaniments, for the dashboard's
« fragilités détectées » (never on a real site: activity's demo records exist only in DEBUG)."""

import random

from django.apps import apps as django_apps
from wagtail.search import index

from activity import vocabulary as v
from activity.models import ActivityRecord

from .models import DetectedProfile, DiagnosticPage
from .questions import ANSWERS, QUESTIONS
from .scoring import score
from .skeleton import ensure_pages

SEED = 34
SHARE = 3  # one demo accompaniment in SHARE had a diagnostic
# Weights of « oui, seul(e) », « avec de l'aide », « non », « je ne sais pas »: the people met.
ANSWER_WEIGHTS = (4, 3, 3, 1)


def demo_profiles(records, rng):
    profiles = []
    for record in records[::SHARE]:
        answers = {q.code: rng.choices(ANSWERS, weights=ANSWER_WEIGHTS)[0].code for q in QUESTIONS}
        profiles.append(DetectedProfile.from_result(record, score(answers)))
    return profiles


def load(home):
    page = ensure_pages(django_apps)
    if page is not None:
        for version in DiagnosticPage.objects.filter(translation_key=page.translation_key):
            index.insert_or_update_object(version)
    # Profiles are made once, as the demo records are: a second run adds nothing.
    if ActivityRecord.objects.filter(is_demo=True, detected_profile__isnull=False).exists():
        return 0
    records = ActivityRecord.objects.filter(is_demo=True, kind=v.INDIVIDUAL).order_by("pk")
    return len(DetectedProfile.objects.bulk_create(demo_profiles(list(records), random.Random(SEED))))
