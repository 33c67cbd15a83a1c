import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils.translation import gettext as _

from .generation import generation
from .groups import BY_CODE, GROUPS, OTHER
from .query import QueryError, clean_query
from .service import count_search, promotions_for, search_answer, search_language

RESULTS_PER_PAGE = 10
# Past this page a search has no results (MAX_RESULTS pages and MAX_GLOSSARY_RESULTS terms):
# such pages are answered, never cached.
MAX_CACHED_PAGE = 25
SHARED_PARAMS = {"q", "type", "page"}


def _page_number(raw):
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


def shared_key(request, query, language):
    """The key of this search's whole page in the shared cache, or None when the answer may not
    be shared: a visitor with a session, a parameter the search does not read, a repeated one,
    an unknown type, a page past the results. Only a query made of words the site uses is ever
    stored under it (see search_answer): random or hostile text only misses."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    params = request.GET
    if not set(params) <= SHARED_PARAMS or any(len(params.getlist(name)) != 1 for name in params):
        return None
    group = params.get("type", "")
    page = params.get("page", "1")
    if (group and group not in BY_CODE) or not page.isdigit() or not 1 <= int(page) <= MAX_CACHED_PAGE:
        return None
    domain, _port = split_domain_port(request.get_host())
    wanted = f"{domain}\n{language}\n{group}\n{int(page)}\n{query}"
    # No generation in the key: the entry says its own (one cache read for both), and the next
    # render after a publication replaces it.
    return f"search:page:{hashlib.sha256(wanted.encode()).hexdigest()[:40]}"


def counted(request):
    """Whether this request is one search for the statistics (not a further page or a type)."""
    return _page_number(request.GET.get("page")) == 1 and BY_CODE.get(request.GET.get("type", "")) is None


def search(request):
    context = {"search_query": "", "results": None, "error": None}
    try:
        query = clean_query(request.GET.get("q"))
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    context["search_query"] = query
    if not query:
        return render(request, "search/search.html", context)

    # Repeated searches are answered by search.middleware, before URL routing.
    key = shared_key(request, query, search_language())
    current = getattr(request, "shared_search_generation", None) or generation()

    answer = search_answer(query, request)
    # In a translation, the French results follow those of the language (marked lang="fr").
    results = answer.results + answer.fallback
    context.update(
        corrected=answer.corrected,
        corrections=answer.changes,
        fallback_only=answer.fallback_only,
        fallback_language=settings.LANGUAGE_CODE,
    )
    counts = {}
    for result in results:
        counts[result.group.code] = counts.get(result.group.code, 0) + 1
    group_code = request.GET.get("type", "")
    selected = BY_CODE.get(group_code)
    if group_code and selected is None:
        context["error"] = _("Ce type de résultat n'existe pas : tous les résultats sont affichés.")
    shown = [r for r in results if selected is None or r.group == selected]
    page_number = _page_number(request.GET.get("page"))
    total = len(results)
    paginator = Paginator(shown, RESULTS_PER_PAGE)
    context.update(
        results=paginator.get_page(page_number),
        total=total,
        more=bool(answer.capped),  # more pages match than are listed: the counts say "at least"
        selected_group=selected,
        group_filters=[
            {"group": group, "count": counts[group.code], "more": group.code in answer.capped}
            for group in (*GROUPS, OTHER)
            if counts.get(group.code)
        ],
        promotions=promotions_for(query),
    )
    share = bool(key) and answer.cacheable
    if counted(request):
        count_search(query, total)
    if share:
        # Stored by the middleware under the generation read before the answer: a page published
        # meanwhile is not hidden.
        request.shared_search = (key, current, total)
    return render(request, "search/search.html", context)
