"""Two gunicorn servers sharing PostgreSQL and Redis agree right after a publish.

This is how the portal scales past one machine, so it is tested with the real parts:
it runs in CI's PostgreSQL + Redis pass and is skipped on the SQLite pass.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs PostgreSQL and Redis shared by both servers (run with DATABASE_URL and REDIS_URL)",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own servers
        return response.read().decode()


@pytest.fixture
def production_env(transactional_db, tmp_path):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY="two-servers-test-" + "s" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_STATIC_COMPRESS="0",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        # The servers read and write this test process's keys in the shared Redis.
        CACHE_KEY_PREFIX=settings.CACHES["default"]["KEY_PREFIX"],
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


@contextmanager
def servers(env, count, workers=2):
    """`count` gunicorn servers on `env`, ready to answer; stopped afterwards."""
    ports = [free_port() for _ in range(count)]
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = [
        subprocess.Popen(
            [gunicorn, "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    fetch(port, "/healthz/")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def two_servers(production_env):
    with servers(production_env, 2) as ports:
        yield ports


def test_both_servers_show_a_published_change_at_once(two_servers):
    from guides.models import GuidePage

    guide = GuidePage.objects.live().first()
    index = guide.get_parent()
    for port in two_servers:  # both servers have the old page in the shared cache now
        assert guide.title in fetch(port, guide.url)
        assert guide.title in fetch(port, index.url)
        assert guide.title in fetch(port, guide.url)

    guide.title = "Faire un virement, nouvelle version"
    guide.save_revision().publish()

    for port in two_servers:
        assert "Faire un virement, nouvelle version" in fetch(port, guide.url)
        assert "Faire un virement, nouvelle version" in fetch(port, index.url)


def test_a_publish_that_could_not_reach_redis_is_seen_everywhere_within_the_page_lifetime(
    production_env, settings
):
    """A third server, cut from Redis, publishes: the two others serve the change once their
    cached copy expires (PAGE_CACHE_SECONDS), never for the old ten minutes."""
    from guides.models import GuidePage
    from home import page_cache

    production_env["PAGE_CACHE_SECONDS"] = "3"
    with servers(production_env, 2, workers=1) as ports:
        guide = GuidePage.objects.live().first()
        for port in ports:
            assert guide.title in fetch(port, guide.url)

        # The publishing server's cache is a Redis that does not answer.
        settings.CACHES = {
            "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
        }
        assert page_cache.bump_generation() is False
        guide.title = "Titre publié sans Redis"
        guide.save_revision().publish()

        time.sleep(4)
        for port in ports:
            assert "Titre publié sans Redis" in fetch(port, guide.url)
