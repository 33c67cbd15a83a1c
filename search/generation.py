"""The site-wide generation number: bumped by home.page_cache on every publication (and snippet
save), read by every cache of rendered or computed answers. It lives in this bottom app so that
search results can be cached under it too."""

from django.core.cache import cache

GENERATION_KEY = "pages:generation"


def generation():
    return counter(GENERATION_KEY)


def counter(key):
    """A number kept in the shared cache that servers only ever increment: 1 until then (set
    with add, so that two servers starting at once agree)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key) or 1
    return value


def bump():
    """A new generation (home.page_cache.bump_generation says more on failures)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 1, timeout=None)
