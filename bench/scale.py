"""make bench-national: the portal with a national number of places, measured.

Generates SCALE places (20,000 by default) in the national standard over real communes
(bench/national.py), imports them with import_lieux into a fresh database (a throwaway SQLite
file; with DATABASE_URL, a dedicated database `<name>_bench` created and dropped on the same
PostgreSQL server; REDIS_URL is used as the shared cache when set), serves the site with gunicorn
(2 workers, production settings) and prints, with the issue's targets next to them:
import rows/s and peak memory; for each page, the first request after a publication (cold,
median of BENCH_COLD_RUNS), then the median and 95th percentile of BENCH_SAMPLES requests one
after the other (warm), its size, and warm requests/s with wrk; every figure next to the same
run's static file, and each worker's peak memory. Prints OK / MISSED; never fails on a figure.

The places go to one club whose departments are not theirs (every row of the import warns),
or with BENCH_CLUBS=15 to one club per department (each covering its own).
PostgreSQL only: BENCH_KEEP=<name> keeps the imported database as <name> (a template);
BENCH_TEMPLATE=<name> copies that template into the bench database instead of importing.
"""

import http.client
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from national import DEPARTMENTS
from national import write as write_national
from run import free_port, get, production_env, requests_per_second, stop

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALE = int(os.environ.get("SCALE", "20000"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
TERRITORY = "banc-national"
# A department none of the places is in: every imported row warns « département non couvert ».
ELSEWHERE = "2B"
CLUBS = int(os.environ.get("BENCH_CLUBS", "1"))

# The targets (at 20,000 places on PostgreSQL).
COLD_MS = 150  # directory, orientation, search, territory
WARM_RATIO = 0.5  # of the static file's requests/s
EXPORT_S = 2.0
WORKER_MB = 300
IMPORT_RPS = {"PostgreSQL": 300, "SQLite": 150}
PAGE_BYTES = 100_000
WRK_ABOVE_MS = 1500  # no warm measure of a page slower than this cold
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "3"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "20"))
BUMP_GENERATION = "from home.page_cache import bump_generation; bump_generation()"
# What import_lieux ends with (a copied template may not have it yet): visibility map and
# planner statistics.
VACUUM = (
    "from django.db import connection; from locations.management.commands.import_lieux import VACUUMED\n"
    "for table in VACUUMED: connection.cursor().execute(f'VACUUM (ANALYZE) {table}')\n"
    "connection.cursor().execute('ANALYZE')"
)

CREATE_TERRITORY = """
from locations.models import LocationIndexPage, TerritoryPage
slug, title, departments = {club!r}
if not TerritoryPage.objects.filter(slug=slug).exists():
    territory = TerritoryPage(title=title, slug=slug, departments=departments)
    LocationIndexPage.objects.get().add_child(instance=territory)
    territory.save_revision().publish()
"""
# import_lieux in a process of its own that reports its peak memory (ru_maxrss, kB).
IMPORT = """
import resource, sys
from django.core.management import execute_from_command_line
try:
    execute_from_command_line(["manage.py", "import_lieux", sys.argv[1], "--territoire", sys.argv[2]])
finally:
    print(f"PEAK_RSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def bench_database(env):
    """A fresh database: a SQLite file in `workdir`, or `<name>_bench` on the PostgreSQL server
    (a copy of BENCH_TEMPLATE when set)."""
    url = env.get("DATABASE_URL", "")
    if env.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = env["BENCH_DATABASE_URL"]
        return None
    if not url.startswith("postgres"):
        return None
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    template = env.get("BENCH_TEMPLATE")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return admin, name


def drop_database(created, keep=None):
    """Drop the bench database, or keep it under the name `keep` (a template for later runs)."""
    if created:
        admin, name = created
        with psycopg.connect(admin, autocommit=True) as connection:
            if keep:
                connection.execute(f'DROP DATABASE IF EXISTS "{keep}" WITH (FORCE)')
                connection.execute(f'ALTER DATABASE "{name}" RENAME TO "{keep}"')
            else:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.PIPE if capture else subprocess.DEVNULL,
    )


def clubs(data):
    """[(slug, title, departments, file)]: one club for every place (covering none of their
    departments), or BENCH_CLUBS clubs sharing the departments, each with its own file."""
    if CLUBS <= 1:
        return [(TERRITORY, "Réseau national (banc d'essai)", ELSEWHERE, data)]
    groups = [DEPARTMENTS[i::CLUBS] for i in range(CLUBS)]
    header, *rows = data.read_text(encoding="utf-8").splitlines(keepends=True)
    insee = header.rstrip("\r\n").split(",").index("code_insee")
    found = []
    for n, group in enumerate(groups, start=1):
        mine = [row for row in rows if geo_department(row.split(",")[insee]) in group]
        path = data.with_name(f"club-{n}.csv")
        path.write_text(header + "".join(mine), encoding="utf-8")
        found.append((f"{TERRITORY}-{n}", f"Club {n} (banc d'essai)", ", ".join(group), path))
    return found


def geo_department(insee):
    return insee[:3] if insee.startswith("97") else insee[:2]


def import_national(env, workdir, engine):
    """The demo site, then SCALE generated places imported with import_lieux, timed."""
    manage(env, "load_demo")
    data = workdir / "lieux.csv"
    write_national(SCALE, data)
    import_seconds, peak_kb, summary, warned = 0.0, 0, [], 0
    for slug, title, departments, path in clubs(data):
        manage(env, "shell", "-c", CREATE_TERRITORY.format(club=(slug, title, departments)))
        start = time.perf_counter()
        done = subprocess.run(
            [PYTHON, "-c", IMPORT, str(path), slug],
            cwd=ROOT,
            env=env,
            text=True,
            capture_output=True,
            check=True,
        )
        import_seconds += time.perf_counter() - start
        summary += [line for line in done.stdout.splitlines() if "lieu(x)" in line]
        warned += sum(" : attention, " in line for line in done.stdout.splitlines())
        peak_kb = max(peak_kb, int(re.search(r"PEAK_RSS_KB=(\d+)", done.stderr).group(1)))
    print(summary[-1] if summary else done.stdout[-500:], end=" ")
    print(f"({len(summary)} import(s) ; {warned} avertissements)")
    rate = SCALE / import_seconds
    print(f"Import de {SCALE} lignes : {import_seconds:.0f} s, {rate:.0f} lignes/s", end="")
    print(f" (objectif ≥ {IMPORT_RPS[engine]} : {verdict(rate >= IMPORT_RPS[engine])}),", end="")
    print(f" mémoire maximale {peak_kb / 1024:.0f} Mo", flush=True)


def timed_get(url):
    """(milliseconds, bytes) of one full request."""
    start = time.perf_counter()
    body, _headers = get(url)
    return (time.perf_counter() - start) * 1000, len(body)


def warm_latencies(url):
    """(median, 95th percentile) in ms of SAMPLES requests one after the other."""
    times = sorted(timed_get(url)[0] for _ in range(SAMPLES))
    return statistics.median(times), times[math.ceil(0.95 * len(times)) - 1]


def workers_peak_memory(master):
    """{pid: peak resident memory in kB} of the gunicorn workers of `master` (Linux /proc)."""
    peaks = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            peaks[int(status.parent.name)] = int(fields["VmHWM"].split()[0])
    return peaks


def verdict(ok):
    return "OK" if ok else "MISSED"


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : installez le paquet Debian « wrk » (apt-get install wrk).")
    workdir, env = production_env("pasapas-national-")
    reused = env.get("BENCH_DATABASE_URL", "") or env.get("BENCH_TEMPLATE", "")
    created = bench_database(env)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache_name = "Redis" if env.get("REDIS_URL") else "mémoire locale"
    if reused:
        name = reused.rsplit("/", 1)[-1]
        print(f"Base existante {name} ({engine}), cache {cache_name} : ni génération ni import")
    else:
        print(f"{SCALE} lieux, {CLUBS} club(s), base {engine}, cache {cache_name}")
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        if not reused:
            import_national(env, workdir, engine)
            if env.get("BENCH_KEEP"):  # the import only
                if created:
                    print(f"Base gardée sous le nom {env['BENCH_KEEP']} (BENCH_TEMPLATE={env['BENCH_KEEP']})")
                return
        if engine == "PostgreSQL":
            # The planner's statistics, as autovacuum gathers them within a minute of a bulk
            # import (a copied database has none: every plan would assume empty tables).
            manage(env, "shell", "-c", VACUUM)

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "portal.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["-w", WORKERS],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                get(base + "/healthz/")
                break
            except OSError:
                time.sleep(0.2)
        html = get(base + "/")[0].decode()
        static = re.search(r'href="(/static/css/site[^"]*\.css)"', html).group(1)
        directory = "/lieux/"
        territory = f"{directory}{TERRITORY if CLUBS <= 1 else TERRITORY + '-1'}/"
        pages = {
            "/lieux/ (premier affichage)": directory,
            "/lieux/?page=40": directory + "?page=40",
            "/lieux/?ou=14": directory + "?ou=14",
            "/lieux/?ou=14100": directory + "?ou=14100",
            "/lieux/?ou=13003": directory + "?ou=13003",
            "/lieux/?ou=14100&page=3": directory + "?ou=14100&page=3",
            "/lieux/?jour=mardi": directory + "?jour=mardi",
            "/lieux/?ouvert=aujourdhui": directory + "?ouvert=aujourdhui",
            "/lieux/?service=demarches": directory + "?service=demarches",
            "/lieux/?service=…&jour=…&ou=50": directory + "?service=demarches&jour=jeudi&ou=50",
            "page du territoire": territory,
            "page du territoire ?page=2": territory + "?page=2",
            "orientation": "/trouver-de-l-aide/?besoin=demarche&ou=14100",
            "orientation, besoin inconnu": "/trouver-de-l-aide/?besoin=banque&ou=14100",
            "partenaires ?aide=formation": "/partenaires/?aide=formation",
            "ateliers ?ou=14": "/ateliers/?ou=14",
            "recherche": "/recherche/?q=france+services",
            "recherche de 3 mots": "/recherche/?q=espace+numerique+caen",
        }
        files = {
            "export CSV": directory + "export/lieux-mediation-numerique.csv",
            "export JSON": directory + "export/lieux-mediation-numerique.json",
            "/sitemap.xml": "/sitemap.xml",
            "/sitemap-lieux.xml": "/sitemap-lieux.xml",
        }
        cold = {}
        for run in range(COLD_RUNS):
            # An empty page cache for every page (a publication does the same), then one request each.
            manage(env, "shell", "-c", BUMP_GENERATION)
            for name, path in (pages | files if run == 0 else pages).items():
                try:
                    cold.setdefault(name, []).append(timed_get(base + path))
                except (OSError, http.client.HTTPException) as error:  # e.g. a worker killed at its timeout
                    cold[name] = [(None, f"{type(error).__name__} {error}"[:120])]
        # The median of the runs: one request is at the mercy of whatever else the machine does.
        cold = {name: sorted(runs, key=lambda r: r[0] or 0)[len(runs) // 2] for name, runs in cold.items()}
        static_url = base + static
        cold["fichier statique"] = timed_get(static_url)
        warm = {"fichier statique": warm_latencies(static_url)}
        rps = {"fichier statique": requests_per_second(static_url)}
        for name, path in pages.items():
            if cold[name][0] is None or cold[name][0] > WRK_ABOVE_MS:
                # Seconds per request: wrk would leave both workers busy with its queue long after.
                print(f"{name} : trop lent pour une mesure à chaud ({cold[name][0] or 0:.0f} ms à froid)")
                continue
            try:
                warm[name] = warm_latencies(base + path)
                rps[name] = requests_per_second(base + path)
            except (SystemExit, subprocess.CalledProcessError, AttributeError, OSError) as error:
                rps[name] = None
                print(f"{name} : mesure à chaud impossible ({error})")
        memory = workers_peak_memory(server.pid)
    finally:
        if server is not None:
            stop(server)
        drop_database(created, keep=env.get("BENCH_KEEP"))
        shutil.rmtree(workdir, ignore_errors=True)
    report(pages, files, cold, warm, rps)
    peak = max(memory.values(), default=0)
    sizes = ", ".join(f"{kb / 1024:.0f} Mo" for kb in memory.values())
    print(f"\nMémoire maximale par worker (VmHWM) : {sizes}", end="")
    print(f" (objectif ≤ {WORKER_MB} Mo : {verdict(0 < peak <= WORKER_MB * 1024)})")
    if engine != "PostgreSQL":
        print("\nLes objectifs de l'issue valent pour PostgreSQL + Redis :")
        print("DATABASE_URL=postgres://… REDIS_URL=redis://… make bench-national")


def report(pages, files, cold, warm, rps):
    """The table: first request, warm median and p95 (ms), size, warm requests/s and their ratio to
    the static file of the same run, each with its target."""
    print(f"\ngunicorn {WORKERS} workers ; premier : première requête après une publication", end="")
    print(f" (médiane de {COLD_RUNS} essais) ; médiane et p95 : {SAMPLES} requêtes à la suite ;", end="")
    print(" req/s : wrk, ratio au fichier statique")
    print(f"{'page':<32}{'premier':>8}{'médiane':>8}{'p95':>6}{'taille':>9}  {'objectif':<22}", end="")
    print(f"{'req/s':>7}{'ratio':>7}  objectif")
    static_rps = rps["fichier statique"]
    for name in ["fichier statique", *pages]:
        ms, size = cold[name]
        if ms is None:
            print(f"{name:<32} erreur : {size}")
            continue
        median, p95 = warm.get(name, (None, None))
        warm_ms = f"{median:>8.1f}{p95:>6.0f}" if median is not None else f"{'':>14}"
        goal = "" if name == "fichier statique" else f"≤{COLD_MS} ms {verdict(ms <= COLD_MS)}"
        if name.startswith("/lieux/ ") or name.startswith("page"):
            goal += f", ≤{PAGE_BYTES // 1000} kB {verdict(size <= PAGE_BYTES)}"
        line = f"{name:<32}{ms:>8.0f}{warm_ms}{size / 1000:>7.0f}kB  {goal:<22}"
        if rps.get(name):
            ratio = rps[name] / static_rps
            line += f"{rps[name]:>7.0f}{ratio:>7.2f}"
            line += f"  ≥{WARM_RATIO}× {verdict(ratio >= WARM_RATIO)}" if name != "fichier statique" else ""
        print(line)
    for name in files:
        ms, size = cold[name]
        if ms is None:
            print(f"{name:<32} erreur : {size}")
            continue
        goal = f"≤{EXPORT_S:.0f} s {verdict(ms <= EXPORT_S * 1000)}" if name.startswith("export") else ""
        print(f"{name:<32}{ms:>8.0f}{'':>14}{size / 1000:>7.0f}kB  {goal}")


if __name__ == "__main__":
    main()
