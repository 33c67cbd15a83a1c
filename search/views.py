from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from .query import QueryError, clean_query

RESULTS_PER_PAGE = 10


def search(request):
    context = {"search_query": "", "results": None, "error": None}
    try:
        query = clean_query(request.GET.get("q"))
    except QueryError as error:
        context["error"] = str(error)
        return render(request, "search/search.html", context, status=400)
    context["search_query"] = query
    if query:
        results = Page.objects.live().public().specific().search(query, operator="and")
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            context["results"] = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            context["results"] = paginator.page(1)
    return render(request, "search/search.html", context)
