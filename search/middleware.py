"""Repeated searches answered before URL routing, as home.page_cache answers pages, and
counted for the editors' statistics on the way (search.hits).

The search view marks an answer it may share (request.shared_search); this middleware stores
the finished response (headers of the inner middlewares included) under the search's key, with
the generation read before the answer was computed. Only queries made of the site's own words
are ever stored (search_answer decides), so random or hostile text only misses."""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from .generation import GENERATION_KEY, generation
from .query import QueryError, clean_query
from .service import count_search, push_hits_if_due
from .views import counted, shared_key

# As long as the other pages (home.page_cache): the bound on staleness if a publication was missed.
SHARED_SECONDS = getattr(settings, "PAGE_CACHE_SECONDS", 60)


def search_paths():
    """{path of the search page: its language}, in every language of the site."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[reverse("search")] = code.split("-")[0]
    return paths


class SharedSearchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        if self.paths is None:
            self.paths = search_paths()
        language = self.paths.get(request.path_info)
        if language is None:
            push_hits_if_due()  # what this process counted, even while nobody searches
            return self.get_response(request)
        response = self.shared(request, language)
        if response is not None:
            return response
        response = self.get_response(request)
        marked = getattr(request, "shared_search", None)
        if marked and response.status_code == 200 and not response.cookies:  # never share a cookie
            key, current, total = marked
            if not response.has_header("Cache-Control"):
                # What home.page_cache would add on the way out, stored with the page rather
                # than added again to each answer served from the cache.
                add_never_cache_headers(response)
            cache.set(key, (current, response, total), SHARED_SECONDS)
        return response

    def shared(self, request, language):
        """The stored answer of this search, counted; None when there is none (or it is stale)."""
        try:
            query = clean_query(request.GET.get("q"))
        except QueryError:
            return None
        key = shared_key(request, query, language) if query else None
        if key is None:
            return None
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is None or stored[0] != current:
            request.shared_search_generation = current
            return None
        _generation, response, total = stored
        if counted(request):
            count_search(query, total)
        return response
