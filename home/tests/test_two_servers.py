"""Two gunicorn servers sharing PostgreSQL and Redis agree right after a publish.

This is how the portal scales past one machine, so it is tested with the real parts:
it runs in CI's PostgreSQL + Redis pass and is skipped on the SQLite pass.
"""

import os
import time

import pytest
from django.core.management import call_command

from .servers import fetch, production_environment, servers

pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs PostgreSQL and Redis shared by both servers (run with DATABASE_URL and REDIS_URL)",
)


@pytest.fixture
def production_env(transactional_db, tmp_path):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return production_environment(tmp_path / "static")


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
