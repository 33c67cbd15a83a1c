"""Search statistics counted in the shared cache, written to Wagtail's (Query, QueryDailyHits)
later: a search answered from the cache then costs no database write.

Counters are grouped by epoch. flush() starts a new epoch, then writes the counts of the two
previous ones and takes what it wrote off each counter (an atomic decrement), so a hit counted
while it runs is written by the next flush; an epoch is dropped once two flushes went over it.
Only queries the search may cache are counted here (words the site uses, redacted): the key
space is bounded. flush() runs at most once a minute on a search that reaches the database,
whenever an editor opens the searches report, and from the command flush_search_hits (cron).

A search answered whole from the shared cache (search.middleware) is counted in this process
first (count_later) and added to the shared counters at most every PUSH_SECONDS, many hits in
one write: such an answer then costs one round trip to the cache, as a cached page does.
"""

import atexit
import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .generation import counter
from .models import SearchOutcome

logger = logging.getLogger(__name__)

EPOCH_KEY = "search:hits:epoch"
LOCK_KEY = "search:hits:flushing"
THROTTLE_KEY = "search:hits:flushed-recently"
THROTTLE_SECONDS = 60
LOCK_SECONDS = 60


def _epoch():
    return counter(EPOCH_KEY)


def _counter(epoch, day, text):
    digest = hashlib.sha256(f"{day}:{text}".encode()).hexdigest()[:32]
    return f"search:hits:{epoch}:{digest}"


def _incr(key, delta=1):
    try:
        return cache.incr(key, delta)
    except ValueError:
        if cache.add(key, delta, timeout=None):
            return delta
        return cache.incr(key, delta)


def _add(epoch, day, text, result_count, hits=1):
    counter = _counter(epoch, day, text)
    if _incr(counter, hits) == hits:
        # The first hits of this query this epoch: say where to find its counter.
        slot = _incr(f"search:hits:{epoch}:n")
        cache.set(f"search:hits:{epoch}:{slot}", (day, text, result_count), timeout=None)


def count(text, result_count, epoch=None):
    """One search of `text` (already redacted) that gave `result_count` results, in `epoch` when
    the caller read it already. False when the shared cache could not count it (the caller then
    writes it to the database)."""
    text = normalise_query_string(text)
    if not text:
        return True
    day = timezone.localdate().isoformat()
    try:
        _add(epoch or _epoch(), day, text, result_count)
    except ConnectionError:  # the shared cache is down (portal.cache.CacheUnavailable)
        return False
    return True


PUSH_SECONDS = 1.0
# (day, text) -> [hits, result count] counted in this process, not yet in the shared cache.
_pending = {}
_lock = threading.Lock()
_pushed_at = [0.0]


def count_later(text, result_count):
    """One search of `text` (already redacted), answered from the shared cache: counted in this
    process, added to the shared counters by push()."""
    text = normalise_query_string(text)
    if not text:
        return
    day = timezone.localdate().isoformat()
    with _lock:
        entry = _pending.setdefault((day, text), [0, result_count])
        entry[0] += 1
        entry[1] = result_count


def push_due():
    """Whether this process holds hits counted more than PUSH_SECONDS after the last push."""
    return bool(_pending) and time.monotonic() - _pushed_at[0] >= PUSH_SECONDS


def push(fallback=None):
    """Add the hits this process counted to the shared counters (under the current epoch, on
    the day they happened). Those the shared cache refuses (an outage) go to `fallback(text,
    result_count)` once per hit, or wait for the next push without one."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _pushed_at[0] = time.monotonic()
    if not pending:
        return
    failed = []
    try:
        epoch = _epoch()
    except ConnectionError:
        epoch, failed = None, list(pending.items())
    for (day, text), (hits, result_count) in pending.items() if epoch else ():
        try:
            _add(epoch, day, text, result_count, hits)
        except ConnectionError:
            failed.append(((day, text), (hits, result_count)))
    if fallback is not None:
        for (_day, text), (hits, result_count) in failed:
            for _hit in range(hits):
                fallback(text, result_count)
        return
    with _lock:
        for key, (hits, result_count) in failed:
            entry = _pending.setdefault(key, [0, result_count])
            entry[0] += hits


# A worker that stops (gunicorn's max_requests, a restart) adds what it still holds.
atexit.register(push)


def _slots(epoch):
    total = cache.get(f"search:hits:{epoch}:n") or 0
    keys = [f"search:hits:{epoch}:{i}" for i in range(1, total + 1)]
    found = cache.get_many(keys)
    return [(key, found[key]) for key in keys if key in found]


def _write(epoch, day, text, result_count):
    counter = _counter(epoch, day, text)
    hits = cache.get(counter) or 0
    if hits <= 0:
        return 0
    with transaction.atomic():
        query = Query.get(text)
        daily, _created = QueryDailyHits.objects.get_or_create(query=query, date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
        SearchOutcome.objects.update_or_create(query=query, defaults={"result_count": result_count})
        # Taken off only once written: a failure here rolls back, the hits stay counted.
        cache.decr(counter, hits)
    return hits


def flush(throttled=False):
    """Write the counted hits to the search statistics; the number of hits written."""
    push()  # this process's own, at least
    if throttled and not cache.add(THROTTLE_KEY, 1, THROTTLE_SECONDS):
        return 0
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        return 0  # another flush runs
    written = 0
    try:
        current = _epoch()
        cache.incr(EPOCH_KEY)
        for epoch in (current - 1, current):
            for _key, (day, text, result_count) in _slots(epoch):
                written += _write(epoch, day, text, result_count)
        old = current - 1
        if old > 0:
            slots = _slots(old)
            cache.delete_many(
                [key for key, _slot in slots]
                + [_counter(old, day, text) for _key, (day, text, _n) in slots]
                + [f"search:hits:{old}:n"]
            )
    except (ConnectionError, ValueError, DatabaseError):
        logger.warning("Search statistics not flushed", exc_info=True)
    finally:
        cache.delete(LOCK_KEY)
    return written
