"""The shared Redis cache, with a breaker: a Redis outage costs one log line per minute and
no waiting, instead of a traceback and a connection timeout for every cache call.

While Redis is unreachable, reads miss, writes are dropped, and `incr` (the page cache's
shared generation) raises CacheUnavailable so that a publish can say it was not announced."""

import logging
import threading
import time

from django_redis.cache import RedisCache
from django_redis.client.default import glob_escape
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")

# django-redis re-raises the client's own error when it does not ignore exceptions.
OUTAGE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 30  # seconds without trying Redis after a failure
LOG_EVERY = 60  # seconds between two log lines about the same outage


class CacheUnavailable(ConnectionError):
    """The shared cache cannot be reached: nothing was read or written."""


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options["IGNORE_EXCEPTIONS"] = False  # this class decides what an outage means
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._logged_at = 0.0
        self._lock = threading.Lock()

    @property
    def available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + RETRY_AFTER
            if now - self._logged_at >= LOG_EVERY or not self._logged_at:
                self._logged_at = now
                logger.error(
                    "Cache Redis injoignable (%s) : pages servies sans cache, nouvel essai dans %s s.",
                    type(getattr(error, "__cause__", None) or error).__name__,
                    RETRY_AFTER,
                )

    def _guard(self, method, fallback, *args, **kwargs):
        if not self.available:
            return fallback()
        try:
            return method(*args, **kwargs)
        except OUTAGE as error:
            self._failed(error)
            return fallback()

    def get(self, key, default=None, version=None, client=None):
        return self._guard(super().get, lambda: default, key, default=default, version=version, client=client)

    def get_many(self, *args, **kwargs):
        return self._guard(super().get_many, dict, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._guard(super().has_key, lambda: False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._guard(super().set, lambda: False, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guard(super().add, lambda: False, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._guard(super().set_many, list, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guard(super().touch, lambda: False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guard(super().delete, lambda: False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guard(super().delete_many, lambda: 0, *args, **kwargs)

    def clear(self):
        return self._guard(self._delete_own_keys, lambda: False)

    def _delete_own_keys(self):
        """django-redis's clear() empties the whole Redis database (FLUSHDB): only this
        cache's keys (its KEY_PREFIX, any version) go here, as another site or another test
        process may share the database."""
        client = self.client.get_client(write=True)
        keys = []
        for key in client.scan_iter(match=f"{glob_escape(self.key_prefix)}:*", count=1000):
            keys.append(key)
            if len(keys) == 1000:
                client.delete(*keys)
                keys = []
        if keys:
            client.delete(*keys)
        return True

    def incr(self, *args, **kwargs):
        return self._guard(super().incr, self._unavailable, *args, **kwargs)

    def decr(self, *args, **kwargs):
        return self._guard(super().decr, self._unavailable, *args, **kwargs)

    def _unavailable(self):
        raise CacheUnavailable("Le cache partagé (Redis) est injoignable.")
