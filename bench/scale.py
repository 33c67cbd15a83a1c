"""make bench-national: the portal with a national number of places, measured.

Generates SCALE places (20,000 by default) in the national standard over real communes
(bench/national.py), imports them with import_lieux into a fresh database (a throwaway SQLite
file; with DATABASE_URL, a dedicated database `<name>_bench` created and dropped on the same
PostgreSQL server; REDIS_URL is used as the shared cache when set), serves the site with gunicorn
(2 workers, production settings) and prints, with the issue's targets next to them:
import rows/s and peak memory; for each page, the first (cold) render in ms and its size; warm
requests/s with wrk as a ratio to a static file. Prints OK / MISSED; never fails on a figure.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from national import write as write_national
from run import free_port, get, production_env, requests_per_second

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCALE = int(os.environ.get("SCALE", "20000"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
TERRITORY = "banc-national"
DEPARTMENTS = "14, 50, 61, 76, 27, 75, 69, 13, 33, 59, 35, 2A, 63, 971, 974"

# The issue's targets (at 20,000 places on PostgreSQL).
COLD_MS = 150  # directory, orientation, search, territory
WARM_RATIO = 0.5  # of the static file's requests/s
EXPORT_S = 2.0
IMPORT_RPS = 200
PAGE_BYTES = 100_000
WRK_ABOVE_MS = 1500  # no warm measure of a page slower than this cold
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "3"))
BUMP_GENERATION = "from home.page_cache import bump_generation; bump_generation()"
ANALYZE = "from django.db import connection; connection.cursor().execute('ANALYZE')"

CREATE_TERRITORY = f"""
from locations.models import LocationIndexPage, TerritoryPage
if not TerritoryPage.objects.filter(slug="{TERRITORY}").exists():
    territory = TerritoryPage(title="Réseau national (banc d'essai)", slug="{TERRITORY}",
                              departments="{DEPARTMENTS}")
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
    """A fresh database: a SQLite file in `workdir`, or `<name>_bench` on the PostgreSQL server."""
    url = env.get("DATABASE_URL", "")
    if env.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = env["BENCH_DATABASE_URL"]
        return None
    if not url.startswith("postgres"):
        return None
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    return admin, name


def drop_database(created):
    if created:
        admin, name = created
        with psycopg.connect(admin, autocommit=True) as connection:
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


def import_national(env, workdir):
    """The demo site, then SCALE generated places imported with import_lieux, timed."""
    manage(env, "load_demo")
    manage(env, "shell", "-c", CREATE_TERRITORY)
    data = workdir / "lieux.csv"
    write_national(SCALE, data)
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", IMPORT, str(data), TERRITORY],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        check=True,
    )
    import_seconds = time.perf_counter() - start
    summary = [line for line in done.stdout.splitlines() if "lieu(x)" in line]
    peak_kb = int(re.search(r"PEAK_RSS_KB=(\d+)", done.stderr).group(1))
    print(summary[-1] if summary else done.stdout[-500:])
    rate = SCALE / import_seconds
    print(f"Import de {SCALE} lignes : {import_seconds:.0f} s, {rate:.0f} lignes/s", end="")
    print(f" (objectif ≥ {IMPORT_RPS} : {verdict(rate >= IMPORT_RPS)}),", end="")
    print(f" mémoire maximale {peak_kb / 1024:.0f} Mo", flush=True)


def timed_get(url):
    """(milliseconds, bytes) of one full request."""
    start = time.perf_counter()
    body, _headers = get(url)
    return (time.perf_counter() - start) * 1000, len(body)


def verdict(ok):
    return "OK" if ok else "MISSED"


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : installez le paquet Debian « wrk » (apt-get install wrk).")
    workdir, env = production_env("pasapas-national-")
    reused = env.get("BENCH_DATABASE_URL", "")
    created = bench_database(env)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    cache_name = "Redis" if env.get("REDIS_URL") else "mémoire locale"
    if reused:
        name = reused.rsplit("/", 1)[-1]
        print(f"Base existante {name} ({engine}), cache {cache_name} : ni génération ni import")
    else:
        print(f"{SCALE} lieux, base {engine}, cache {cache_name}")
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        if not reused:
            import_national(env, workdir)
        if engine == "PostgreSQL":
            # The planner's statistics, as autovacuum gathers them within a minute of a bulk
            # import (a copied database has none: every plan would assume empty tables).
            manage(env, "shell", "-c", ANALYZE)

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
        pages = {
            "/lieux/ (premier affichage)": directory,
            "/lieux/?page=40": directory + "?page=40",
            "/lieux/?ou=14": directory + "?ou=14",
            "/lieux/?ou=14100": directory + "?ou=14100",
            "/lieux/?ou=14100&page=3": directory + "?ou=14100&page=3",
            "/lieux/?jour=mardi": directory + "?jour=mardi",
            "/lieux/?ouvert=aujourdhui": directory + "?ouvert=aujourdhui",
            "/lieux/?service=demarches": directory + "?service=demarches",
            "/lieux/?service=…&jour=…&ou=14": directory + "?service=securite&jour=jeudi&ou=14",
            "page du territoire": f"{directory}{TERRITORY}/",
            "orientation": "/trouver-de-l-aide/?besoin=demarche&ou=14100",
            "recherche": "/recherche/?q=france+services",
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
        rps = {"fichier statique": requests_per_second(base + static)}
        for name, path in pages.items():
            if cold[name][0] is None or cold[name][0] > WRK_ABOVE_MS:
                # Seconds per request: wrk would leave both workers busy with its queue long after.
                print(f"{name} : trop lent pour une mesure à chaud ({cold[name][0] or 0:.0f} ms à froid)")
                continue
            try:
                rps[name] = requests_per_second(base + path)
            except (SystemExit, subprocess.CalledProcessError, AttributeError) as error:
                rps[name] = None
                print(f"{name} : mesure wrk impossible ({error})")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        drop_database(created)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\ngunicorn {WORKERS} workers ; à froid : première requête après une publication", end="")
    print(f" (médiane de {COLD_RUNS}) ; à chaud : wrk, ratio au statique")
    print(f"{'page':<30}{'froid ms':>10}{'taille':>10}  {'objectif':<14}{'req/s':>9}{'ratio':>7}  objectif")
    static_rps = rps["fichier statique"]
    print(f"{'fichier statique':<30}{'':>10}{'':>10}{'':>16}{static_rps:>9.0f}{1:>7.2f}")
    for name in pages:
        ms, size = cold[name]
        if ms is None:
            print(f"{name:<30} erreur : {size}")
            continue
        cold_goal = f"≤{COLD_MS} ms {verdict(ms <= COLD_MS)}"
        if name.startswith("/lieux/ ") or name.startswith("page"):
            cold_goal += f", ≤{PAGE_BYTES // 1000} kB {verdict(size <= PAGE_BYTES)}"
        warm = rps.get(name)
        ratio = warm / static_rps if warm else 0
        warm_goal = f"≥{WARM_RATIO}× {verdict(ratio >= WARM_RATIO)}"
        warm_text = f"{warm:>9.0f}{ratio:>7.2f}  {warm_goal}" if warm else ""
        print(f"{name:<30}{ms:>10.0f}{size / 1000:>8.0f}kB  {cold_goal:<14}{warm_text}")
    for name in files:
        ms, size = cold[name]
        if ms is None:
            print(f"{name:<30} erreur : {size}")
            continue
        goal = f"≤{EXPORT_S:.0f} s {verdict(ms <= EXPORT_S * 1000)}" if name.startswith("export") else ""
        print(f"{name:<30}{ms:>10.0f}{size / 1000:>8.0f}kB  {goal}")
    if engine != "PostgreSQL":
        print("\nLes objectifs de l'issue valent pour PostgreSQL + Redis :")
        print("DATABASE_URL=postgres://… REDIS_URL=redis://… make bench-national")


if __name__ == "__main__":
    main()
