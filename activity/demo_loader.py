"""A year of demo activity for the demo clubs: deterministic (one seed), fast (bulk_create).

The order of magnitude of the banking partnership's figures: about 1,000 people a year,
450 individual accompaniments, 100 workshops, over the clubs. Demo records have no mediator;
a club that already has such records gets nothing more (running load_demo twice adds
nothing), and `reset` deletes them (records entered by a real user stay).
"""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from home.demo_loader import read
from locations import models as location_models
from locations.models import LocationPage, TerritoryPage
from partners.models import PartnerPage

from . import vocabulary as v
from .models import ActivityRecord

SEED = 2021
DAYS = 365
# How many of each kind over the year, for the whole network.
YEAR = {v.INDIVIDUAL: 450, v.WORKSHOP: 100, v.DONE_FOR: 70, v.ORIENTATION: 40}
# Interventions by theme: banking operations first, as the partnership counts them.
THEME_WEIGHTS = {
    "banque-comptes": 20,
    "banque-virement": 22,
    "banque-beneficiaire": 8,
    "banque-rib": 12,
    "banque-chequier": 7,
    "banque-etranger": 6,
    "banque-arnaques": 8,
    "demarche": 12,
    "apprendre-ordinateur": 6,
    "budget-banque": 5,
    "internet-moins-cher": 2,
    "ordinateur-pas-cher": 1,
    "handicap": 1,
}
WORKSHOP_THEMES = {"banque-arnaques": 4, "banque-comptes": 3, "apprendre-ordinateur": 3, "banque-virement": 2}
AGES = [("25-39", 3), ("40-59", 4), ("60-69", 3), ("70-plus", 2), ("18-24", 1), (v.UNKNOWN_AGE, 2)]
DURATIONS = [("moins-15", 2), ("15-30", 5), ("30-60", 4), ("plus-60", 1)]


def demo_clubs():
    """The demo clubs that exist, in data order."""
    slugs = [data["slug"] for data in read_territories()]
    clubs = {club.slug: club for club in TerritoryPage.objects.filter(slug__in=slugs)}
    return [clubs[slug] for slug in slugs if slug in clubs]


def read_territories():
    # The clubs of locations' demo data (locations/demo/territories.toml).
    return read(location_models.__file__, "territories.toml")["territories"]


def pick(rng, weighted):
    items = list(weighted.items()) if isinstance(weighted, dict) else weighted
    return rng.choices([item for item, _ in items], weights=[weight for _, weight in items])[0]


def year_of_records(rng, clubs, places, partners, today):
    """The records for `clubs`: a deterministic sample given the seed and today."""
    weights = {club.pk: max(len(places[club.pk]), 1) for club in clubs}
    total_weight = sum(weights.values())
    records = []
    for club in clubs:
        share = weights[club.pk] / total_weight
        for kind, yearly in YEAR.items():
            for _ in range(round(yearly * share)):
                day = today - timedelta(days=rng.randrange(1, DAYS))
                while day.weekday() >= 5:  # permanences are on weekdays
                    day -= timedelta(days=1)
                where = pick(rng, [(v.AT_PLACE, 17), (v.REMOTE, 2), (v.OUTSIDE, 1)])
                if not places[club.pk]:
                    where = v.OUTSIDE
                workshop = kind == v.WORKSHOP
                themes = {pick(rng, WORKSHOP_THEMES if workshop else THEME_WEIGHTS)}
                if not workshop and rng.random() < 0.25:
                    themes.add(pick(rng, THEME_WEIGHTS))
                if kind == v.ORIENTATION and partners[club.pk]:
                    partner = rng.choice(partners[club.pk])
                else:
                    partner = None
                records.append(
                    ActivityRecord(
                        date=day,
                        territory=club,
                        where=where,
                        place=rng.choice(places[club.pk]) if where == v.AT_PLACE else None,
                        kind=kind,
                        duration="plus-60" if workshop else pick(rng, DURATIONS),
                        themes=v.serialise_themes(themes),
                        participants=rng.randint(3, 9) if workshop else None,
                        age_band=v.UNKNOWN_AGE if workshop else pick(rng, AGES),
                        first_visit=not workshop and rng.random() < 0.55,
                        oriented_to=partner,
                    )
                )
    return records


def load(home):
    if not settings.DEBUG:
        return 0  # made-up figures never enter a real site's reports
    clubs = [
        club
        for club in demo_clubs()
        if not ActivityRecord.objects.filter(territory=club, is_demo=True).exists()
    ]
    if not clubs:
        return 0
    places = {
        club.pk: list(LocationPage.objects.live().descendant_of(club).order_by("path")) for club in clubs
    }
    partners = {
        club.pk: list(PartnerPage.objects.live().descendant_of(club).order_by("path")) for club in clubs
    }
    records = year_of_records(random.Random(SEED), clubs, places, partners, timezone.localdate())
    for record in records:
        record.is_demo = True
    return len(ActivityRecord.objects.bulk_create(records, batch_size=500))


def reset(home):
    deleted, _ = ActivityRecord.objects.filter(territory__in=demo_clubs(), is_demo=True).delete()
    return deleted
