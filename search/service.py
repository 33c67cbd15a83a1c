"""Runs a visitor's query over the live public pages, with the stems of its language and synonyms."""

import hashlib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, Site, get_page_models
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText
from wagtail.search.utils import normalise_query_string

from . import hits
from .analysis import SOURCE, is_stop_word, stem_text, stems, words
from .expansion import expand
from .generation import generation
from .groups import group_of
from .indexing import language_of
from .lexicon import french_words
from .models import SynonymGroup
from .ranking import Fields, query_terms, rank
from .spelling import correct
from .words import page_texts, site_vocabulary, with_tags

MAX_RESULTS = 200
# The type of page there may be tens of thousands of (searched apart, see page_results).
PLACE_MODEL = "locations.LocationPage"
# A search lists at most this many places (the directory lists them all); past it, it says "more".
MAX_PLACES = 100
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
    lang: str = ""  # set when the result is in another language than the search (French)
    hreflang: str = ""  # the language of the page it links to, when it is not the search's
    translation_key: object = field(default=None, repr=False, compare=False)


@dataclass
class Answer:
    results: list
    corrected: str = ""  # the query with its misspelt words corrected, when there were any
    changes: list = field(default_factory=list)
    # In a translation (/en/recherche/): the French results shown after those of the language,
    # and whether the language had none at all (the page then says so).
    fallback: list = field(default_factory=list)
    fallback_only: bool = False
    # Codes of the groups with more matching pages than listed (places past MAX_PLACES).
    capped: set = field(default_factory=set)
    # Made only of words the site uses, as typed: its whole page may be shared (search.views).
    cacheable: bool = False


RESULTS_SECONDS = 60 * 60  # a publication changes the generation, hence the key, at once
MAX_CACHED_WORDS = 8


def build_query(text, synonym_groups, operator="or", language=SOURCE):
    """A Wagtail search query: any alternative (synonyms), each stemmed or not; by default any
    of its words (the ranking puts pages with all of them first)."""
    terms = []
    for alternative in expand(text, synonym_groups, language):
        stemmed = stem_text(alternative, language)
        for candidate in (stemmed, alternative):
            if candidate and candidate not in terms:
                terms.append(candidate)
    if not terms:
        return None
    queries = [PlainText(term, operator=operator) for term in terms]
    return queries[0] if len(queries) == 1 else Or(queries)


def page_summary(page):
    """What a result says about the page: its own summary, else its intro, else its description."""
    for name in ("summary", "intro", "search_description"):
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return text
    return ""


def search_language():
    """The language of the search: the request's (/en/recherche/ is English), French outside."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def results_key(wanted, counts, known_stems, language):
    """The cache key of the results for the (corrected) query `wanted` in `language`: one per
    spelling that differs only by case and spaces, under the site-wide generation; None (not
    cached) unless every word is one the site uses, so that random or hostile text never
    becomes a key."""
    found = words(wanted, language)
    if not found or len(found) > MAX_CACHED_WORDS:
        return None
    for word in found:
        if is_stop_word(word, language) or word in counts:
            continue
        if not any(s in known_stems for s in stems(word, language)):
            return None
    normalised = " ".join(wanted.lower().split())
    digest = hashlib.sha256(normalised.encode()).hexdigest()[:32]
    return f"search:{generation()}:v2:{language}:{digest}"  # v2: with the capped groups


def search_answer(text, request=None, language=None):
    """Live public pages first (all words, then most words; title and keywords first), then
    the glossary's definitions; misspelt words corrected from the site's own vocabulary.

    Pages of the search's language only. In a translation, the French pages that match (but not
    those whose translation matched already) and the (French) glossary follow as `fallback`.
    The results of a query made only of the site's words are cached until the next publication."""
    language = language or search_language()
    counts, known_stems = site_vocabulary(language)
    corrected, changes = correct(text, counts, known_stems, language)
    wanted = corrected if changes else text
    key = results_key(wanted, counts, known_stems, language)
    found = cache.get(key) if key else None
    if found is None:
        found = search_results(wanted, request, language)
        if key:
            cache.set(key, found, RESULTS_SECONDS)
    results, fallback, capped = found
    corrected = corrected if changes else ""
    cacheable = bool(key) and not changes
    if language == settings.LANGUAGE_CODE:
        return Answer(results, corrected, changes, capped=capped, cacheable=cacheable)
    return Answer(results, corrected, changes, fallback, not results and bool(fallback), capped, cacheable)


def glossary_synonyms(languages=(SOURCE,)):
    """The glossary's words and their other forms as synonym groups: « releve identite
    bancaire » also searches « RIB », and « RIB » its expansion (guides app, read by name).
    Only the terms in `languages`: an English « bank details » never widens a French search."""
    glossary = apps.get_model("guides", "GlossaryTerm")
    terms = (
        glossary.objects.exclude(variants="")
        .filter(locale__in=Locale.objects.filter(language_code__in=languages))
        .only("term", "variants")
    )
    return [list(term.forms) for term in terms if len(term.forms) > 1]


def search_results(wanted, request=None, language=None):
    """The results (title, URL, summary, type) of the query `wanted`, ranked: (those of the
    language, the French ones that follow them in a translation, the codes of the groups with
    more matching pages than listed)."""
    language = language or settings.LANGUAGE_CODE
    synonym_groups = [group.phrases for group in SynonymGroup.objects.all()]
    synonym_groups += glossary_synonyms(list(dict.fromkeys([language, settings.LANGUAGE_CODE])))
    source = settings.LANGUAGE_CODE
    capped = set()
    results = language_results(wanted, synonym_groups, language, capped)
    fallback = []
    if language != source:
        # The French pages with French stems: an English query's "transfer" is a French word too.
        found = {result.translation_key for result in results}
        fallback = [
            result
            for result in language_results(wanted, synonym_groups, source)
            if result.translation_key not in found
        ]
    # The glossary's words in the search's language, then (in a translation) the French words
    # of the terms not translated, or whose translation did not match.
    found = set()
    for term_language in dict.fromkeys([language, source]):
        for result in glossary_results(wanted, synonym_groups, term_language, request, found, language):
            (results if term_language == language else fallback).append(result)
    for result in fallback:
        result.lang = source
    return results, fallback, capped


def glossary_results(wanted, synonym_groups, language, request, found, reader=None):
    """The glossary terms of `language` that match (at most MAX_GLOSSARY_RESULTS), except those
    whose translation key is in `found` (a set, which receives theirs), as a reader of `reader`
    sees them: hreflang names the glossary page's language when the term or the page is not
    in the reader's."""
    reader = reader or language
    query = build_query(wanted, synonym_groups, language=language)
    if query is None:
        return []
    glossary = apps.get_model("guides", "GlossaryTerm")
    terms = glossary.objects.filter(locale__in=Locale.objects.filter(language_code=language))
    group = group_of(glossary._meta.label_lower)
    results = []
    for term in get_search_backend().search(query, terms)[:MAX_GLOSSARY_RESULTS]:
        if term.translation_key in found:
            continue
        found.add(term.translation_key)
        # The glossary page (in the reader's language, else French) is looked up once per search.
        url, target = term.get_url(request), term.get_url_language(request)
        hreflang = target if (language != reader or target != reader) else ""
        results.append(Result(term.term, url, term.definition, group, hreflang=hreflang))
    return results


def language_results(wanted, synonym_groups, language, capped=None):
    """page_results() of the query `wanted` among the pages of `language`, with its stems."""
    query = build_query(wanted, synonym_groups, language=language)
    if query is None:
        return []
    terms = query_terms(expand(wanted, synonym_groups, language), language)
    every_word = build_query(wanted, synonym_groups, operator="and", language=language)
    return page_results(query, terms, language, every_word, capped)


def page_results(query, terms, language, every_word=None, capped=None):
    """Ranked results among the live public pages of one language: the other types searched
    and ranked in full (they are few), at most MAX_PLACES places chosen without ranking them all
    (the cost of a word thousands of places use): those with every word (`every_word`, the query
    with "and") in their title, then in their text, then the others; then all ranked together.
    `capped` (a set) receives the places' group code when more places match than are listed."""
    pages = Page.objects.live().public().filter(locale__in=Locale.objects.filter(language_code=language))
    place_model = apps.get_model(PLACE_MODEL)
    # The other types named rather than "not places": PostgreSQL then reads their few pages by
    # type instead of filtering all the places out (11 ms of 14 at 20,000 places).
    others = pages.filter(content_type__in=other_page_types(place_model))
    others = list(others.specific().search(query)[:MAX_RESULTS])
    places, more = place_results(place_model, pages.type(place_model), query, every_word or query)
    if more and capped is not None:
        capped.add(group_of(place_model._meta.label_lower).code)
    # Ranked together: a place with every word in its title comes before a guide with one.
    found = with_tags(others + places)
    fields = {page.pk: Fields.of(*page_texts(page), language_of(page)) for page in found}
    ranked = rank(found, terms, lambda page: fields[page.pk]) if terms else found
    # Read once for all the results: each page.url would read them from the cache again.
    roots = Site.get_site_root_paths()
    results = []
    for page in ranked:
        page._wagtail_cached_site_root_paths = roots
        results.append(
            Result(
                page.title,
                page.url,
                page_summary(page),
                group_of(page._meta.label_lower),
                translation_key=page.translation_key,
            )
        )
    return results


def other_page_types(place_model):
    """The content types of every page model but places (and their subclasses)."""
    models = [model for model in get_page_models() if not issubclass(model, place_model)]
    return list(ContentType.objects.get_for_models(*models, for_concrete_models=False).values())


def place_results(model, places, query, every_word):
    """(At most MAX_PLACES matching places, whether more match): those with every word in their
    title, then in their text, then the others. Each step always runs: as many queries at 30
    places as at 30,000."""
    if connection.vendor == "postgresql":
        steps = indexed_steps(model, query, every_word)
    else:
        ids = places.only("pk")
        steps = [
            [page.pk for page in ids.search(every_word, order_by_relevance=False)[:MAX_PLACES]],
            [page.pk for page in ids.search(query, order_by_relevance=False)[: MAX_PLACES + 1]],
        ]
    chosen = list(dict.fromkeys(pk for step in steps for pk in step))
    if connection.vendor == "postgresql":  # Wagtail's index also holds drafts, private places
        kept = set(places.filter(pk__in=chosen).order_by().values_list("pk", flat=True))
        chosen = [pk for pk in chosen if pk in kept]
    by_pk = model.objects.in_bulk(chosen[:MAX_PLACES])
    return [by_pk[pk] for pk in chosen[:MAX_PLACES] if pk in by_pk], len(chosen) > MAX_PLACES


def indexed_steps(model, query, every_word):
    """PostgreSQL: the ids of the places whose index entry matches, read from Wagtail's index
    alone through its GIN indexes, unordered: joining the pages (all of them, hashed) or ordering
    them cost more than the search itself at 20,000 places. Drafts and private places among them
    are dropped afterwards (place_results), hence twice as many read as listed."""
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    )
    whole = entries.annotate(
        text=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    )
    read = 2 * MAX_PLACES
    steps = []
    for found in (
        entries.filter(title=tsquery(every_word)),
        whole.filter(text=tsquery(every_word)),
        whole.filter(text=tsquery(query)),
    ):
        if len(steps) == 2 and one_word_each(query):
            steps.append(steps[1])  # "every word" of single words is "any word": the same query
            continue
        ids = found.values_list("object_id", flat=True)[: read + 1]
        steps.append(sorted(int(pk) for pk in ids))
    return steps


def one_word_each(query):
    """Whether each text of Wagtail's `query` (PlainText or Or of PlainText) is a single word."""
    return all(len(text.query_string.split()) == 1 for text in getattr(query, "subqueries", None) or [query])


def tsquery(query):
    """Wagtail's `query` (PlainText or Or of PlainText) for PostgreSQL: any of its texts, with
    all ("and") or any ("or") of its words."""
    found = None
    for text in getattr(query, "subqueries", None) or [query]:
        if text.operator == "and":
            part = SearchQuery(text.query_string, config=search_config())
        else:
            part = None
            for word in text.query_string.split():
                one = SearchQuery(word, config=search_config())
                part = one if part is None else part | one
        found = part if found is None else found | part
    return found


def search_config():
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "simple"


def search_site(text, request=None):
    answer = search_answer(text, request)
    return answer.results + answer.fallback


def promotions_for(text):
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(text))
        .select_related("page")
        .order_by("sort_order")
    )


def redact(text):
    return EMAIL.sub("…", PERSONAL_NUMBER.sub("…", text))


def count_search(text, result_count):
    """One search for the editors' statistics, without anything personal in it: counted in this
    process and written later, off the request path (search.hits); written now only past
    hits.MAX_QUERIES different queries (a flood of made-up ones)."""
    text = redact(text)
    if not hits.count(text, result_count):
        hits.write_now(None, text, result_count)
    push_hits_if_due()


def push_hits_if_due():
    """Share what this process counted, at most once a second (with a shared cache); written
    now if the shared cache is down."""
    if hits.push_due():
        hits.push(write_failed=True)


def warm_up():
    """Read now what a server process's first search would: the vocabulary (and its words'
    stems) and the page types. Called at worker start (portal/wsgi.py); needs the database."""
    site_vocabulary()
    french_words()
    other_page_types(apps.get_model(PLACE_MODEL))
