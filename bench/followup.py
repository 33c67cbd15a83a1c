"""make bench: the follow-up's « À recontacter » list over 50,000 cohort members.

Creates the members (bulk_create: encrypted contacts, baseline answers) in a throwaway database —
a temporary SQLite file, or the PostgreSQL of DATABASE_URL (the bench's clubs and members are
deleted at the end) — then prints the time to render « À recontacter » for one club's staff
(the issue's target: 100 ms or less), the anonymous figures for the network, the daily erasure,
and the number of queries each takes.

    python bench/followup.py [number of members]     # BENCH_FOLLOWUP_MEMBERS, 50000 by default
"""

import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
THROWAWAY = None
if not os.environ.get("DATABASE_URL"):
    THROWAWAY = tempfile.NamedTemporaryFile(prefix="bench-followup-", suffix=".sqlite3", delete=False)  # noqa: SIM115
    os.environ["DATABASE_URL"] = f"sqlite:///{THROWAWAY.name}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from activity.tests.factories import make_staff  # noqa: E402
from followup import lifecycle  # noqa: E402
from followup import vocabulary as v  # noqa: E402
from followup.models import Assessment, CohortMember, Contact  # noqa: E402
from locations import staff as club_staff  # noqa: E402
from locations.tests.factories import make_territory  # noqa: E402

CLUBS = 7
BATCH = 2000
RUNS = 7
DAYS = 240  # enrolments over the last eight months: some past T+7, most waiting


def build(count, today):
    rng = random.Random(33)
    clubs = [make_territory(f"Club de suivi {index + 1}") for index in range(CLUBS)]
    started = time.perf_counter()
    made = 0
    while made < count:
        members = []
        for _ in range(min(BATCH, count - made)):
            day = today - timedelta(days=rng.randrange(DAYS))
            members.append(
                CohortMember(
                    territory=clubs[rng.randrange(CLUBS)],
                    enrolled_on=day,
                    due_on=v.due_date(day),
                    erase_on=v.erase_date(day),
                    language=rng.choice(v.LANGUAGE_CODES),
                    consented_at=timezone.make_aware(datetime.combine(day, clock(10))),
                    notice_version=v.NOTICE_VERSION,
                    attempts=rng.choice([0, 0, 1, 2]),
                )
            )
        members = CohortMember.objects.bulk_create(members)
        Contact.objects.bulk_create(
            Contact(member=m, channel=v.PHONE, value=f"06 {m.pk % 100:02d} 00 00 00", nickname="Mesure")
            for m in members
        )
        Assessment.objects.bulk_create(
            Assessment(
                member=m,
                moment=v.BASELINE,
                answered_on=m.enrolled_on,
                how=v.BY_MEDIATOR,
                answers={code: rng.choice(v.LEVEL_CODES) for code in v.OPERATION_CODES},
                equipment={code: rng.random() < 0.5 for code in v.EQUIPMENT_CODES},
            )
            for m in members
        )
        made += len(members)
    return clubs, time.perf_counter() - started


def measure(client, url):
    """(median time, median SQL time, queries, last response) of RUNS requests."""
    timings, sql = [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
        sql.append(sum(float(query["time"]) for query in queries.captured_queries))
        assert response.status_code == 200, response.status_code
    timings.sort()
    sql.sort()
    return timings[len(timings) // 2], sql[len(sql) // 2], len(queries), response


def main():
    count = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_FOLLOWUP_MEMBERS", "50000"))
    database = connection.vendor
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    clubs, build_time = build(count, today)
    if database == "postgresql":  # statistics autovacuum would gather after such a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE followup_cohortmember, followup_contact, followup_assessment")
    staff = make_staff(clubs[0], username="bench-suivi")
    admin = make_staff(clubs[0], username="bench-suivi-admin", is_superuser=True)
    # The nightly erasure first, as in production: nobody past T+7 is left to call.
    started = time.perf_counter()
    counts = lifecycle.erase_due(today)
    erase_time = time.perf_counter() - started
    client = Client()
    client.force_login(staff)
    client.get("/admin/suivi/")  # warm up
    list_time, list_sql, list_queries, response = measure(client, "/admin/suivi/")
    listed = response.content.decode().count("Suivi n° ")
    client.force_login(admin)
    figures_time, _, figures_queries, _ = measure(client, "/admin/suivi/chiffres/")
    number = f"{count:,}".replace(",", " ")
    verdict = "OK" if list_time <= 0.1 else "MISSED"
    print(f"Suivi à six mois — {number} personnes ({database}), créées en {build_time:.1f} s")
    print(
        f"  « À recontacter », un club ({listed} lignes) : {list_time * 1000:.0f} ms "
        f"({list_queries} requêtes SQL, {list_sql * 1000:.0f} ms en SQL) — objectif ≤ 100 ms : {verdict}"
    )
    print(f"  chiffres anonymes, tout le réseau : {figures_time * 1000:.0f} ms ({figures_queries} requêtes)")
    print(f"  effacement quotidien ({counts['erased']} coordonnées à sept mois) : {erase_time:.1f} s")
    if THROWAWAY is None:  # a real database: leave it as it was
        for club in clubs:
            CohortMember.objects.filter(territory=club).delete()
            group = club_staff.staff_group_of(club)
            club.delete()
            if group is not None:  # kept by locations.signals for an administrator: not the bench's
                group.delete()
        staff.delete()
        admin.delete()
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(THROWAWAY.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
