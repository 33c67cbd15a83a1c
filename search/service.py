"""Runs a visitor's query over the live public pages, with French stems and synonyms."""

import logging
import re
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, transaction
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

from .expansion import expand
from .french import stem_text
from .groups import group_of
from .models import SearchOutcome, SynonymGroup

logger = logging.getLogger(__name__)

MAX_RESULTS = 200
MAX_GLOSSARY_RESULTS = 10
# Numbers long enough to be a phone, account or social security number are never stored.
PERSONAL_NUMBER = re.compile(r"\d{4,}")
EMAIL = re.compile(r"\S+@\S+")


@dataclass
class Result:
    title: str
    url: str
    summary: str
    group: object


def build_query(text, synonym_groups):
    """A Wagtail search query: any alternative (synonyms), each with all its words (stemmed or not)."""
    terms = []
    for alternative in expand(text, synonym_groups):
        stemmed = stem_text(alternative)
        for candidate in (stemmed, alternative):
            if candidate and candidate not in terms:
                terms.append(candidate)
    if not terms:
        return None
    queries = [PlainText(term, operator="and") for term in terms]
    return queries[0] if len(queries) == 1 else Or(queries)


def search_site(text, request=None):
    """Live public pages first, by relevance, then the glossary's definitions."""
    synonym_groups = [group.phrases for group in SynonymGroup.objects.all()]
    query = build_query(text, synonym_groups)
    if query is None:
        return []
    pages = Page.objects.live().public().specific().search(query)[:MAX_RESULTS]
    results = [
        Result(
            page.title,
            page.url,
            getattr(page, "intro", "") or page.search_description,
            group_of(page._meta.label_lower),
        )
        for page in pages
    ]
    glossary = apps.get_model("guides", "GlossaryTerm")
    for term in get_search_backend().search(query, glossary)[:MAX_GLOSSARY_RESULTS]:
        # The glossary page's URL is looked up once per request.
        results.append(
            Result(term.term, term.get_url(request), term.definition, group_of(glossary._meta.label_lower))
        )
    return results


def promotions_for(text):
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(text))
        .select_related("page")
        .order_by("sort_order")
    )


def redact(text):
    return EMAIL.sub("…", PERSONAL_NUMBER.sub("…", text))


def record(text, result_count):
    """Count the query for the editors' reports, without anything personal in it.

    Statistics must never cost a visitor their results: a write refused under load (a busy
    SQLite file, two servers creating the same query) is logged and skipped."""
    try:
        with transaction.atomic():
            query = Query.get(redact(text))
            query.add_hit()
            SearchOutcome.objects.update_or_create(query=query, defaults={"result_count": result_count})
    except DatabaseError:
        logger.warning("Search statistics not recorded for one query", exc_info=True)
