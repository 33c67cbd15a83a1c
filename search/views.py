from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from .groups import BY_CODE, GROUPS, OTHER
from .query import QueryError, clean_query
from .service import promotions_for, record, search_answer

RESULTS_PER_PAGE = 10


def _page_number(raw):
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


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
    paginator = Paginator(shown, RESULTS_PER_PAGE)
    context.update(
        results=paginator.get_page(page_number),
        total=len(results),
        selected_group=selected,
        group_filters=[
            {"group": group, "count": counts[group.code]}
            for group in (*GROUPS, OTHER)
            if counts.get(group.code)
        ],
        promotions=promotions_for(query),
    )
    if page_number == 1 and not selected:
        record(query, len(results))
    return render(request, "search/search.html", context)
