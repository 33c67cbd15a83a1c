"""make bench: the activity dashboard over 200,000 records.

Creates the records (bulk_create) in a throwaway database — a temporary SQLite file, or the
PostgreSQL of DATABASE_URL when it is set (the bench's clubs and records are deleted at the
end) — then prints the time to render the dashboard for a year and a club, for the whole
network, and the number of queries each takes.

    python bench/activity.py [number of records]     # BENCH_ACTIVITY_RECORDS, 200000 by default
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
THROWAWAY = None
if not os.environ.get("DATABASE_URL"):
    THROWAWAY = tempfile.NamedTemporaryFile(prefix="bench-activity-", suffix=".sqlite3", delete=False)  # noqa: SIM115
    os.environ["DATABASE_URL"] = f"sqlite:///{THROWAWAY.name}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from activity import vocabulary as v  # noqa: E402
from activity.models import ActivityRecord  # noqa: E402
from activity.tests.factories import make_staff  # noqa: E402
from locations.tests.factories import make_place, make_territory  # noqa: E402

CLUBS = 7  # the partnership's seven territories
PLACES = 5
BATCH = 5000
RUNS = 5


def build(count):
    rng = random.Random(7)
    clubs = []
    for index in range(CLUBS):
        territory = make_territory(f"Club de mesure {index + 1}")
        clubs.append((territory, [make_place(territory) for _ in range(PLACES)]))
    first_day = date(date.today().year - 1, 1, 1)
    themes = list(v.THEME_CODES)
    started = time.perf_counter()
    made = 0
    while made < count:
        batch = []
        for _ in range(min(BATCH, count - made)):
            territory, places = clubs[rng.randrange(CLUBS)]
            workshop = rng.random() < 0.15
            batch.append(
                ActivityRecord(
                    date=first_day + timedelta(days=rng.randrange(700)),
                    territory=territory,
                    place=rng.choice(places),
                    kind=v.WORKSHOP if workshop else rng.choice([v.INDIVIDUAL, v.INDIVIDUAL, v.DONE_FOR]),
                    participants=rng.randint(3, 12) if workshop else None,
                    themes=v.serialise_themes(rng.sample(themes, rng.choice([1, 1, 2]))),
                    first_visit=rng.random() < 0.4,
                    age_band=rng.choice(v.AGE_BANDS)[0],
                )
            )
        ActivityRecord.objects.bulk_create(batch)
        made += len(batch)
    return clubs, time.perf_counter() - started


def measure(client, params):
    timings = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get("/admin/activite/", params)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    timings.sort()
    return timings[len(timings) // 2], len(queries)


def main():
    count = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_ACTIVITY_RECORDS", "200000"))
    database = connection.vendor
    call_command("migrate", verbosity=0)
    clubs, build_time = build(count)
    year = date.today().year - 1
    period = {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    territory = clubs[0][0]
    staff = make_staff(territory, username="bench-club")
    foundation = make_staff(territory, username="bench-fondation", is_superuser=True)
    client = Client()
    client.force_login(staff)
    client.get("/admin/activite/")  # warm up
    club_time, club_queries = measure(client, {**period, "club": territory.pk})
    client.force_login(foundation)
    client.get("/admin/activite/")
    network_time, network_queries = measure(client, period)
    started = time.perf_counter()
    response = client.get("/admin/activite/export/interventions.csv", period)
    csv_time = time.perf_counter() - started
    number = f"{count:,}".replace(",", " ")
    print(f"Activité — {number} interventions ({database}), créées en {build_time:.1f} s")
    print(f"  tableau de bord, un club, une année : {club_time * 1000:.0f} ms ({club_queries} requêtes SQL)")
    network_ms = network_time * 1000
    print(f"  tableau de bord, tout le réseau, une année : {network_ms:.0f} ms ({network_queries} requêtes)")
    size = len(response.content) // 1024
    print(f"  export CSV des interventions de l'année : {csv_time:.1f} s ({size} Kio)")
    if THROWAWAY is None:  # a real database: leave it as it was
        for club, _ in clubs:
            ActivityRecord.objects.filter(territory=club).delete()
            club.delete()
        staff.delete()
        foundation.delete()
    else:
        for suffix in ("", "-wal", "-shm"):  # the base and its WAL journal
            Path(THROWAWAY.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
