"""make bench: the demo site under gunicorn with production settings, measured with wrk.

Prints requests per second for a guide page, the directory and search, each as a ratio to a
static file served by the same server, and the bytes a guide page needs on the wire.
Uses DATABASE_URL / REDIS_URL when set (PostgreSQL + Redis), else a throwaway SQLite file.
"""

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1))
TARGETS = {"guide": 0.5, "directory": 0.2}
GUIDE_BUDGET = 60_000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, gzip_ok=False):
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:  # noqa: S310
        return response.read(), response.headers


def wire_bytes(base, path):
    body, headers = get(base + path, gzip_ok=True)
    return len(body), (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body)


def requests_per_second(url):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "-H", "X-Forwarded-Proto: https", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} réponses en erreur pendant la mesure.")
    return rps


def stop(server):
    """Stop a gunicorn server, killing it if a loaded machine keeps it from stopping in time."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def production_env(prefix):
    """(a new temporary folder, the environment of a production-settings server using it)."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
    )
    return workdir, env


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk est introuvable : installez le paquet Debian « wrk » (apt-get install wrk).")
    workdir, env = production_env("pasapas-bench-")
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    manage = [PYTHON, "manage.py"]
    print(f"Base : {env['DATABASE_URL'].split('@')[-1]}  cache : {env.get('REDIS_URL') or 'mémoire locale'}")
    for command in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(
            manage + command,
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", WORKERS],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                get(base + "/healthz/")
                break
            except OSError:
                time.sleep(0.2)
        guide_path = "/guides/faire-un-virement/"
        html = get(base + guide_path)[0].decode()
        css = re.search(r'href="(/static/css/site[^"]*\.css)"', html).group(1)
        paths = {
            "static": css,
            "guide": guide_path,
            "directory": "/lieux/",
            "search": "/recherche/?q=virement",
        }
        for path in paths.values():  # warm the caches
            get(base + path)
        rps = {name: requests_per_second(base + path) for name, path in paths.items()}

        # What a first visit to a guide page downloads (no resource is in the browser cache yet).
        resources = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
        resources += re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<img[^>]+src="([^"]+)"', html)
        resources += re.findall(r'<link rel="icon" href="([^"]+)"', html)
        total, detail = 0, []
        for path in [guide_path, *dict.fromkeys(resources)]:
            size, _body = wire_bytes(base, path)
            total += size
            detail.append((path, size))
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\ngunicorn {WORKERS} workers, wrk {CONNECTIONS} connexions, {DURATION} par mesure")
    print(f"{'page':<12}{'requêtes/s':>12}{'ratio':>9}{'objectif':>10}")
    for name, value in rps.items():
        ratio = value / rps["static"]
        target = TARGETS.get(name)
        verdict = "" if target is None else (f"≥ {target}  " + ("ok" if ratio >= target else "NON"))
        print(f"{name:<12}{value:>12.0f}{ratio:>9.2f}   {verdict}")
    print(f"\nPoids d'une page de guide au premier chargement : {total / 1000:.1f} kB", end="")
    print(f" (objectif ≤ {GUIDE_BUDGET / 1000:.0f} kB : {'ok' if total <= GUIDE_BUDGET else 'NON'})")
    for path, size in detail:
        print(f"  {size:>8} o  {path}")


if __name__ == "__main__":
    main()
