"""A shared cache of rendered pages that every app server sees change at the same moment.

Lists with filters (/lieux/?ou=14&page=2) are cached too, under their *normalised* query: each
query parameter a page may cache has a registered function that reduces a value to one
spelling from a known, finite set (a resolved area, a known service, a weekday, a page number),
or refuses it. A query with any unknown parameter or refused value is answered but never
cached, so hostile query strings cannot fill the cache.

Every stored page carries the site-wide generation number kept in the shared cache (Redis in
production) it was rendered under, and is served only while that is still the generation (both
are read in one round trip). Publishing, unpublishing, moving or deleting any page,
or saving any snippet, bumps the generation: menus, listings and related links can never be
served stale by one server while another serves the new version.
"""

import hashlib
import logging
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.generation import GENERATION_KEY, generation

# What a page type allows (its `page_cache` attribute):
UNTIL_PUBLISH = "until-publish"  # the same answer until something is published
PER_MINUTE = "per-minute"  # opening hours: "open now" is recomputed every minute
NEVER = None

# The upper bound on staleness when an invalidation is missed (a server that could not reach
# the shared cache when something was published): short, so that nobody waits long.
PAGE_TTL = getattr(settings, "PAGE_CACHE_SECONDS", 60)
BROWSER_MAX_AGE = 60

logger = logging.getLogger(__name__)


def bump_generation(**_kwargs):
    """Announce a change to every server; False when the shared cache could not be told."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 1, timeout=None)
    except ConnectionError:  # the shared cache is down (portal.cache.CacheUnavailable)
        logger.error("Publication non annoncée aux autres serveurs : le cache partagé est injoignable.")
        return False
    return True


# Query parameter -> function(value) giving its normalised value ('' for "no filter"), or
# None when the value is not one a page would cache. Apps register theirs in AppConfig.ready.
QUERY_PARAMS = {}
MAX_QUERY_LENGTH = 1000


def register_query_param(name, normalise):
    QUERY_PARAMS[name] = normalise


def query_variant(query):
    """The normalised query string of `query` (a QueryDict): '' without one, None when it may not
    be cached (an unregistered parameter, a repeated one, a value its function refuses)."""
    parts = []
    for name in sorted(query):
        normalise = QUERY_PARAMS.get(name)
        values = query.getlist(name)
        if normalise is None or len(values) != 1:
            return None
        value = normalise(values[0])
        if value is None:
            return None
        if value:
            parts.append(f"{name}={quote(value, safe='@')}")
    variant = "&".join(parts)
    return variant if len(variant) <= MAX_QUERY_LENGTH else None


# Memcached and Redis clients cope badly with long keys or control characters in them.
MAX_KEY_PATH = 150


def cache_key(request, variant=""):
    """One key per page and host, whatever the port or the case of the Host header (the host
    itself was checked against ALLOWED_HOSTS by get_host), and per normalised query. The
    generation is not in the key but in the stored entry (see PageCacheMiddleware)."""
    domain, _port = split_domain_port(request.get_host())
    path = request.path
    if len(path) > MAX_KEY_PATH or not path.isprintable() or " " in path:
        # A hostile path (control characters, thousands of segments) still gets a short, safe key.
        path = "#" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"pages:{domain}{path}"
    return f"{key}?{variant}" if variant else key


def may_use_cache(request):
    """Anonymous GET: the only requests that may share one answer (see query_variant for the query)."""
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


def refuse_caching(request):
    """A page's answer that must not be shared (e.g. it names a value the visitor typed in error)."""
    request.page_cache_refused = True


def query_allowed(page, request):
    """Without a query string, any page; with one, only a page that reads no other parameters
    than those it lists in `page_cache_params`, and said nothing against caching this answer."""
    if not request.GET:
        return True
    if getattr(request, "page_cache_refused", False):
        return False
    if not set(request.GET) <= set(getattr(page, "page_cache_params", ())):
        return False
    return query_variant(request.GET) is not None


def allow_caching(page, request, response):
    """Called by a page's serve(): mark the response as fit for the shared cache, and tell
    browsers and proxies how long they may keep it (pages showing hours: not at all)."""
    policy = getattr(page, "page_cache", NEVER)
    preview = getattr(request, "is_preview", False)
    if policy and may_use_cache(request) and not preview and query_allowed(page, request):
        request.page_cache_policy = policy
    anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
    if policy == UNTIL_PUBLISH and anonymous and request.method == "GET" and not preview:
        response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"
    return response


def explicit_cache_control(response):
    """Every answer says how it may be kept: what no view decided is not kept (it may show
    hours, "aujourd'hui", or a logged-in user's page)."""
    if not response.has_header("Cache-Control"):
        add_never_cache_headers(response)
    return response


class PageCacheMiddleware:
    """Answers repeat visits before URL routing: no database query at all on a hit, and one
    round trip to the shared cache (the generation and the page read together).

    An entry is (generation, minute or None, response): it is served only while the site-wide
    generation is the one it was rendered under and, for pages showing hours, within the same
    minute. A page is stored under one key whatever the generation: a publication makes the old
    entry unusable at once and the next render overwrites it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return explicit_cache_control(self.answer(request))

    def answer(self, request):
        variant = query_variant(request.GET) if request.GET else ""
        if not may_use_cache(request) or variant is None:
            return self.get_response(request)
        key = cache_key(request, variant)
        # The pages' own clock, read once: what is rendered now is stored under this minute.
        minute = int(timezone.now().timestamp() // 60)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        entry = found.get(key)
        if current is not None and entry is not None:
            rendered_under, rendered_at, response = entry
            if rendered_under == current and rendered_at in (None, minute):
                return response
        if current is None:  # not set yet, or evicted: generation() sets it
            current = generation()
        response = self.get_response(request)
        policy = getattr(request, "page_cache_policy", NEVER)
        # refuse_caching() may also come while rendering (an image the media storage failed to give).
        if policy and response.status_code == 200 and not getattr(request, "page_cache_refused", False):
            if policy == PER_MINUTE:
                cache.set(key, (current, minute, response), 60)
            else:
                cache.set(key, (current, None, response), PAGE_TTL)
        return response


def bump_generation_now_and_on_commit(**_kwargs):
    """A publish from the admin runs inside the edit view's transaction (edit_view.py): announce
    it now, and again once it commits, so a page rendered from the old rows in between is
    not kept. Outside a transaction both happen at once."""
    bump_generation()
    transaction.on_commit(bump_generation)


def bump_generation_for_snippets(sender, **kwargs):
    from wagtail.snippets.models import get_snippet_models

    if sender in get_snippet_models():
        bump_generation()


def connect_signals():
    from wagtail.models import Page

    page_published.connect(bump_generation_now_and_on_commit, dispatch_uid="page_cache_published")
    page_unpublished.connect(bump_generation, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(bump_generation, dispatch_uid="page_cache_moved")
    post_delete.connect(bump_generation, sender=Page, dispatch_uid="page_cache_deleted")
    # Snippets register once Wagtail is ready, after this app: check the sender at save time.
    post_save.connect(bump_generation_for_snippets, dispatch_uid="page_cache_snippet_saved")
    post_delete.connect(bump_generation_for_snippets, dispatch_uid="page_cache_snippet_deleted")
