"""Clearing the shared Redis cache empties this site's keys only: another site, or another
test process of `make test`, may use the same Redis database."""

import os
import uuid

import pytest

from portal.cache import ResilientRedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (run with REDIS_URL)")


def redis_cache(prefix):
    return ResilientRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": prefix})


def test_clearing_the_cache_leaves_the_keys_of_another_prefix():
    name = uuid.uuid4().hex
    ours, theirs = redis_cache(f"ours-{name}"), redis_cache(f"ours-{name}-other")
    ours.set("page", "ours")
    ours.set("page", "older", version=2)
    theirs.set("page", "theirs")
    try:
        assert ours.clear() is True
        assert ours.get("page") is None and ours.get("page", version=2) is None
        assert theirs.get("page") == "theirs"
    finally:
        theirs.clear()
    assert theirs.get("page") is None
