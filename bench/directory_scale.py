"""The directory at national scale: /lieux/ and its filters, a territory, orientation and search
with thousands of places (issue #18, points 1-3).

Creates the places in a throwaway database — a temporary SQLite file, or the PostgreSQL of
DATABASE_URL when it is set (the bench's club and places are deleted at the end) — then prints,
per page: the first render with an empty cache ("froid"), a render with the page cache
invalidated but the process warm ("rendu"), a repeat served by the page cache ("cache"), the
number of SQL queries of a render and the size of the HTML.

    python bench/directory_scale.py [number of places ...]     # 2000 by default; e.g. 2000 20000
"""

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
THROWAWAY = None
if not os.environ.get("DATABASE_URL"):
    THROWAWAY = tempfile.NamedTemporaryFile(prefix="bench-directory-", suffix=".sqlite3", delete=False)  # noqa: SIM115
    os.environ["DATABASE_URL"] = f"sqlite:///{THROWAWAY.name}"

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from home.page_cache import bump_generation  # noqa: E402
from locations import geo, schedule  # noqa: E402
from locations.models import LocationPage, PlaceService, Slot  # noqa: E402
from locations.sessions import refresh_upcoming_sessions  # noqa: E402
from locations.tests.factories import make_territory  # noqa: E402
from locations.vocabulary import KINDS, RECURRENCES, SERVICES  # noqa: E402

DEPARTMENTS = ("14", "50", "61", "27", "76", "35", "44", "59", "66", "69", "75", "13", "33", "31", "974")
RUNS = 5


def communes():
    rng = random.Random(18)
    found = [c for c in geo._communes() if c.department in DEPARTMENTS and c.postcodes]
    rng.shuffle(found)
    return found


def add_places(territory, first, last, pool):
    """Places `first`..`last - 1`, live, written in bulk as an import that checked its file first
    would (no revision, no search index entry); then their upcoming sessions, as the importer does."""
    rng = random.Random(first)
    recurrences = [code for code, _label in RECURRENCES]
    often_weekly = recurrences[:1] * 4 + recurrences
    territory.refresh_from_db()
    kind = ContentType.objects.get_for_model(LocationPage)
    now = timezone.now()
    pages, places, slots = [], [], []
    for offset, i in enumerate(range(first, last), start=territory.numchild + 1):
        commune = pool[i % len(pool)]
        title = f"Espace numérique {commune.name} {i}"
        slug = f"espace-{i}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=kind,
                path=Page._get_path(territory.path, territory.depth + 1, offset),
                depth=territory.depth + 1,
                url_path=f"{territory.url_path}{slug}/",
                live=True,
                locale_id=territory.locale_id,
                translation_key=uuid.uuid4(),
                first_published_at=now,
                last_published_at=now,
            )
        )
        place = LocationPage(
            title=title,
            address=f"{i % 90 + 1} rue de la République",
            postcode=commune.postcodes[0],
            insee=commune.insee,
            commune=commune.name,
            kind=rng.choice(KINDS)[0],
            services=rng.sample([code for code, _ in SERVICES], 3),
            intro="France services : aide aux démarches en ligne.",
            holiday_zone=schedule.zone_for_department(commune.department),
        )
        place.fill_area_codes()
        places.append(place)
        slots.append(
            [
                (
                    rng.randrange(6),
                    clock(rng.choice((9, 10))),
                    clock(12),
                    rng.choice(often_weekly),
                ),
                (rng.randrange(6), clock(14), clock(rng.choice((16, 17))), "weekly"),
            ]
        )
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=500)
        for page, place in zip(pages, places, strict=True):
            place.page_ptr_id = place.pk = page.pk
            place.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=territory.pk).update(numchild=territory.numchild + len(pages))
        Slot.objects.bulk_create(
            [
                Slot(page_id=page.pk, weekday=w, start=start, end=end, recurrence=recurrence)
                for page, rows in zip(pages, slots, strict=True)
                for w, start, end, recurrence in rows
            ],
            batch_size=1000,
        )
        PlaceService.objects.bulk_create(
            [PlaceService(place_id=p.pk, service=code) for p in places for code in p.services],
            batch_size=1000,
        )
    started = time.perf_counter()
    rows = refresh_upcoming_sessions([page.pk for page in pages])
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give after an import
        cursor.execute("ANALYZE")
    return rows, elapsed


def timed(client, url):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries), len(response.content)


def measure(client, url):
    cache.clear()
    cold, _queries, _size = timed(client, url)
    renders = []
    for _ in range(RUNS):
        bump_generation()
        renders.append(timed(client, url))
    cached = [timed(client, url)[0] for _ in range(RUNS)]
    render = statistics.median(r[0] for r in renders)
    return cold, render, statistics.median(cached), renders[-1][1], renders[-1][2]


def main():
    sizes = [int(arg) for arg in sys.argv[1:]] or [2000]
    call_command("migrate", verbosity=0)
    territory = make_territory("Club de mesure nationale", departments=", ".join(DEPARTMENTS))
    pool = communes()
    client = Client()
    made = 0
    try:
        for size in sizes:
            started = time.perf_counter()
            rows, sessions_time = add_places(territory, made, size, pool)
            made = size
            print(
                f"\n{size:,} lieux ({connection.vendor}) : créés en {time.perf_counter() - started:.0f} s, "
                f"{rows:,} permanences à venir recalculées en {sessions_time:.1f} s".replace(",", " ")
            )
            urls = [
                "/lieux/",
                "/lieux/?ou=14",
                "/lieux/?ou=Lisieux",
                "/lieux/?ou=14100&page=3",
                "/lieux/?jour=mardi",
                "/lieux/?ouvert=aujourdhui",
                "/lieux/?service=demarches&ou=66",
                "/lieux/?page=40",
                territory.url,
                "/trouver-de-l-aide/?besoin=demarche&ou=14100",
                "/recherche/?q=france+services",
            ]
            print(f"  {'page':<46} {'froid':>7} {'rendu':>7} {'cache':>7} {'SQL':>4} {'HTML':>7}")
            for url in urls:
                cold, render, cached, queries, size_bytes = measure(client, url)
                print(
                    f"  {url:<46} {cold * 1000:>5.0f}ms {render * 1000:>5.0f}ms {cached * 1000:>5.1f}ms "
                    f"{queries:>4} {size_bytes / 1024:>5.0f}ko"
                )
    finally:
        if THROWAWAY is None:  # a real database: leave it as it was
            territory.delete()
        else:
            for suffix in ("", "-wal", "-shm"):  # the base and its WAL journal
                Path(THROWAWAY.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
