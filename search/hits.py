"""Search statistics: a visitor's search is counted where it costs no database write, and
written to Wagtail's (Query, QueryDailyHits) later, off the request path, a batch at a time.
On SQLite one writer holds the file at a time: a visitor's search must never hold it, nor wait
for it, while staff publish.

Every search is first counted in this process (count). With a cache shared by the processes
(Redis), each process adds what it counted to shared counters at most every PUSH_SECONDS, many
hits in one write (push), and flush() writes the shared counters. With a cache of the process's
own (local memory: one server, often on SQLite), the counts stay in the process until its own
flush() writes them.

Shared counters are grouped by epoch. flush() starts a new epoch, then writes the counts of the
two previous ones and takes what it wrote off each counter (an atomic decrement), so a hit counted
while it runs is written by the next flush; an epoch is dropped once two flushes went over it.
At most MAX_QUERIES different queries are counted per epoch (and held per process): the key space
is bounded, and past it (a flood of made-up queries) a search is written at once, as before.

flush() runs from a thread of each server process every SEARCH_HITS_FLUSH_SECONDS (flush_every,
started by portal/wsgi.py), when the process stops, whenever an editor opens the searches
report, and from the command flush_search_hits (cron, for the shared counters).
"""

import atexit
import hashlib
import logging
import os
import threading
import time

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connections, transaction
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
LOCK_SECONDS = 60
MAX_QUERIES = 10_000
PUSH_SECONDS = 1.0


def shared():
    """Whether the cache is shared by the server processes (Redis), rather than each one's own."""
    return not isinstance(caches["default"], LocMemCache)


def write(day, text, result_count, hits=1):
    """Write `hits` searches of `text` (redacted) on `day` (ISO date; None: today) to the
    statistics, in one short transaction."""
    with transaction.atomic():
        query = Query.get(text)
        daily, _created = QueryDailyHits.objects.get_or_create(
            query=query, date=day or timezone.localdate().isoformat()
        )
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
        SearchOutcome.objects.update_or_create(query=query, defaults={"result_count": result_count})


def write_now(day, text, result_count, hits=1):
    """write(), for a search that could not be counted for later. Statistics must never cost a
    visitor their results: a write refused (a busy database) is logged and skipped."""
    try:
        write(day, text, result_count, hits)
    except DatabaseError:
        logger.warning("Search statistics not recorded for one query", exc_info=True)


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
    """Add to the shared counters; False when this epoch counts MAX_QUERIES queries already."""
    counter = _counter(epoch, day, text)
    if _incr(counter, hits) == hits:
        # The first hits of this query this epoch: say where to find its counter.
        slot = _incr(f"search:hits:{epoch}:n")
        if slot > MAX_QUERIES:
            cache.decr(counter, hits)
            return False
        cache.set(f"search:hits:{epoch}:{slot}", (day, text, result_count), timeout=None)
    return True


# (day, text) -> [hits, result count] counted in this process, not yet shared or written.
_pending = {}
_lock = threading.Lock()
_pushed_at = [0.0]


def count(text, result_count):
    """One search of `text` (already redacted) that gave `result_count` results, counted in this
    process. False when it holds MAX_QUERIES other queries already (the caller writes it now)."""
    text = normalise_query_string(text)
    if not text:
        return True
    day = timezone.localdate().isoformat()
    with _lock:
        entry = _pending.get((day, text))
        if entry is None:
            if len(_pending) >= MAX_QUERIES:
                return False
            entry = _pending[(day, text)] = [0, result_count]
        entry[0] += 1
        entry[1] = result_count
    return True


def _take():
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _pushed_at[0] = time.monotonic()
    return pending


def _give_back(entries):
    with _lock:
        for key, (hits, result_count) in entries:
            entry = _pending.setdefault(key, [0, result_count])
            entry[0] += hits


def push_due():
    """Whether this process holds hits counted more than PUSH_SECONDS after the last push to
    the shared counters."""
    return shared() and bool(_pending) and time.monotonic() - _pushed_at[0] >= PUSH_SECONDS


def push(write_failed=False):
    """Add the hits this process counted to the shared counters (under the current epoch, on
    the day they happened). Those past MAX_QUERIES are written now; those the shared cache
    refuses (an outage) too with `write_failed`, else they wait for the next push."""
    if not shared():
        return
    pending = _take()
    if not pending:
        return
    failed = []
    try:
        epoch = _epoch()
    except ConnectionError:
        epoch, failed = None, list(pending.items())
    for (day, text), (hits, result_count) in pending.items() if epoch else ():
        try:
            if not _add(epoch, day, text, result_count, hits):
                write_now(day, text, result_count, hits)
        except ConnectionError:  # the shared cache is down (portal.cache.CacheUnavailable)
            failed.append(((day, text), (hits, result_count)))
    if write_failed:
        for (day, text), (hits, result_count) in failed:
            write_now(day, text, result_count, hits)
    else:
        _give_back(failed)


def _slots(epoch):
    total = cache.get(f"search:hits:{epoch}:n") or 0
    keys = [f"search:hits:{epoch}:{i}" for i in range(1, min(total, MAX_QUERIES) + 1)]
    found = cache.get_many(keys)
    return [(key, found[key]) for key in keys if key in found]


def _write_shared(epoch, day, text, result_count):
    counter = _counter(epoch, day, text)
    hits = cache.get(counter) or 0
    if hits <= 0:
        return 0
    with transaction.atomic():
        write(day, text, result_count, hits)
        # Taken off only once written: a failure here rolls back, the hits stay counted.
        cache.decr(counter, hits)
    return hits


def _flush_own():
    """Write what this process counted (a cache of its own: nothing is shared)."""
    pending = _take()
    written, failed = 0, []
    for (day, text), (hits, result_count) in pending.items():
        try:
            write(day, text, result_count, hits)
            written += hits
        except DatabaseError:
            failed.append(((day, text), (hits, result_count)))
    if failed:
        logger.warning("Search statistics not flushed for %s queries", len(failed))
        _give_back(failed)
    return written


def flush(throttle=0):
    """Write the counted hits to the search statistics; the number of hits written. With
    `throttle` (seconds), nothing when a flush of the shared counters ran that recently."""
    if not shared():
        return _flush_own()
    push()  # this process's own, at least
    if throttle and not cache.add(THROTTLE_KEY, 1, throttle):
        return 0
    if not cache.add(LOCK_KEY, 1, LOCK_SECONDS):
        return 0  # another flush runs
    written = 0
    try:
        current = _epoch()
        cache.incr(EPOCH_KEY)
        for epoch in (current - 1, current):
            for _key, (day, text, result_count) in _slots(epoch):
                written += _write_shared(epoch, day, text, result_count)
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


# Any process that stops shares what it counted (a server process writes it: flush_every).
atexit.register(push)


def _flush_at_exit():
    try:
        flush()
    finally:
        connections.close_all()


_every = [0]


def _flush_forever(seconds):
    while True:
        time.sleep(seconds)
        try:
            flush(throttle=seconds)
        except Exception:  # the thread must outlive any failure; the next round retries
            logger.exception("Search statistics not flushed")
        finally:
            connections.close_all()  # this thread's own connection


def _start_flusher():
    threading.Thread(target=_flush_forever, args=(_every[0],), name="search-hits-flush", daemon=True).start()


def flush_every(seconds):
    """Flush from a thread of this process, and of each process forked from it (gunicorn's
    --preload), every `seconds`, and when it stops (gunicorn's max_requests, a restart): what it
    still holds is written. 0: never (the tests flush when they mean to)."""
    if seconds <= 0 or _every[0]:
        return
    _every[0] = seconds
    _start_flusher()
    os.register_at_fork(after_in_child=_start_flusher)
    atexit.register(_flush_at_exit)
