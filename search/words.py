"""The site's vocabulary (spelling suggestions, which queries may be cached), kept up to date
page by page: a page's words are read when it is published, unpublished or deleted, never all
pages in a visitor's request.

`IndexedWords` holds each live public page's (and glossary term's) word counts, `Word` their
sum. Words are kept per language, so that a search suggests words of its own language: French
words as they are, the others as "en:word", "ar:word" (vocabulary_key). A change of the word
set (a new word, a word no page uses any more) gives the vocabulary a new version in the shared
cache; each server process keeps the table in memory until then. A count that only moves (a word
used once more) does not: counts only order equally close suggestions. `rebuild()` (command
rebuild_search_words, daily) recomputes everything.
"""

import time
import uuid
from collections import Counter

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, prefetch_related_objects
from django.utils.html import strip_tags
from wagtail.models import Page

from .analysis import SOURCE, stem
from .french import remember_stems
from .indexing import body_text, language_of
from .models import IndexedWords, Word
from .spelling import Lexicon, vocabulary

VERSION_KEY = "search:vocabulary:version"
# Without the shared cache (an outage), a process re-reads the table at most this often.
UNVERSIONED_SECONDS = 60
MAX_WORD = 40  # longer "words" (a pasted link) are never typed in a search
CHUNK = 500


def with_tags(pages):
    """`pages` (of any types), each type's tags fetched in one query instead of one per page."""
    pages = list(pages)
    by_type = {}
    for page in pages:
        if hasattr(page, "tags"):
            by_type.setdefault(type(page), []).append(page)
    for same_type in by_type.values():
        prefetch_related_objects(same_type, "tags")
    return pages


def page_texts(page):
    """(title and keywords, summary, body) of a page, as plain text."""
    tags = getattr(page, "tags", None)
    keywords = " ".join(tag.name for tag in tags.all()) if tags is not None else ""
    summary = " ".join(
        strip_tags(str(getattr(page, name, "") or "")) for name in ("summary", "intro", "search_description")
    )
    return f"{page.title} {keywords}", summary, body_text(page)


def vocabulary_key(word, language=SOURCE):
    """The key of a word of `language` in the vocabulary: French words as they are."""
    return word if language == SOURCE else f"{language}:{word}"


def split_key(key):
    """(language, word) of a vocabulary key."""
    language, colon, word = key.rpartition(":")
    return (language, word) if colon else (SOURCE, key)


def key_stem(key):
    language, word = split_key(key)
    return stem(word, language)


def _counts(text, language=SOURCE):
    # Room for the language prefix in Word.word.
    longest = MAX_WORD if language == SOURCE else MAX_WORD - len(language) - 1
    return {
        vocabulary_key(word, language): n
        for word, n in vocabulary([text], language).items()
        if len(word) <= longest
    }


def page_counts(page):
    return _counts(" ".join(page_texts(page)), language_of(page))


def term_counts(term):
    return _counts(f"{term.term} {term.variants} {term.definition}", language_of(term))


def _glossary():
    return apps.get_model("guides", "GlossaryTerm")


def _new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def vocabulary_version():
    """The shared version of the word set; None when the shared cache cannot say."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _word_set_changed():
    # Now, for this process and tests; again after commit, so that no server reads the table
    # between the two and keeps the old words under the new version.
    _new_version()
    transaction.on_commit(_new_version)


def apply(new):
    """Replace the words of each source in `new` ({source: {word: count}}; empty: gone) and
    add the difference to `Word`."""
    if not new:
        return
    with transaction.atomic():
        old = dict(
            IndexedWords.objects.select_for_update().filter(source__in=new).values_list("source", "counts")
        )
        delta = Counter()
        for source, counts in new.items():
            delta.update(counts)
            delta.subtract(old.get(source) or {})
        IndexedWords.objects.filter(source__in=[s for s, counts in new.items() if not counts]).delete()
        IndexedWords.objects.bulk_create(
            [IndexedWords(source=s, counts=counts) for s, counts in new.items() if counts],
            update_conflicts=True,
            unique_fields=["source"],
            update_fields=["counts"],
        )
        changed = {word: n for word, n in delta.items() if n}
        if not changed:
            return
        existing = {w.word: w for w in Word.objects.select_for_update().filter(word__in=changed)}
        created = [
            Word(word=word, count=n, stem=key_stem(word))
            for word, n in changed.items()
            if word not in existing and n > 0
        ]
        by_delta, gone = {}, []
        for word, row in existing.items():
            if row.count + changed[word] > 0:
                by_delta.setdefault(changed[word], []).append(word)
            else:
                gone.append(row)
        Word.objects.bulk_create(created, ignore_conflicts=True)
        # One UPDATE per distinct change (an import's batch: a handful), not bulk_update's
        # CASE of one branch per word (most of an import batch's vocabulary time).
        for delta, changed_words in by_delta.items():
            Word.objects.filter(word__in=changed_words).update(count=F("count") + delta)
        Word.objects.filter(word__in=[row.word for row in gone]).delete()
        if created or gone:
            _word_set_changed()


def refresh_pages(pages):
    """Read again the words of `pages` (specific pages): those of a live public page, none else."""
    pages = with_tags(pages)
    if not pages:
        return
    public = set(
        Page.objects.filter(pk__in=[page.pk for page in pages]).live().public().values_list("pk", flat=True)
    )
    apply({f"page:{page.pk}": page_counts(page) if page.pk in public else {} for page in pages})


def forget_page(page_id):
    apply({f"page:{page_id}": {}})


def refresh_terms(terms):
    apply({f"glossary:{term.pk}": term_counts(term) for term in terms})


def forget_term(term_id):
    apply({f"glossary:{term_id}": {}})


def rebuild():
    """Every live public page and glossary term read again (minutes at national scale: a
    command, never a request). Returns the number of words."""
    sources = {}
    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("pk")
    for start in range(0, pages.count() + CHUNK, CHUNK):
        for page in with_tags(pages[start : start + CHUNK]):
            sources[f"page:{page.pk}"] = page_counts(page)
    for term in _glossary().objects.all():
        sources[f"glossary:{term.pk}"] = term_counts(term)
    total = Counter()
    for counts in sources.values():
        total.update(counts)
    with transaction.atomic():
        IndexedWords.objects.all().delete()
        Word.objects.all().delete()
        IndexedWords.objects.bulk_create(
            [IndexedWords(source=s, counts=c) for s, c in sources.items() if c], batch_size=CHUNK
        )
        Word.objects.bulk_create(
            [Word(word=w, count=n, stem=key_stem(w)) for w, n in total.items()], batch_size=CHUNK
        )
        _word_set_changed()
    return len(total)


def fill_after_migrate(**kwargs):
    """The first migrate (a new site, or one upgraded to this table) fills the vocabulary from
    the pages that are already there (the skeleton's pages come from migrations, without signals)."""
    if Word._meta.db_table not in connection.introspection.table_names():
        return
    if not IndexedWords.objects.exists() and Page.objects.filter(depth__gt=1).live().exists():
        rebuild()


# This process's copy of the vocabulary: (version, read at, {language: (counts, known stems)}).
_memo = [None, 0.0, None]


def site_vocabulary(language=SOURCE):
    """({word: count}, frozenset of stems) of the live public pages and the glossary in
    `language`: one cache read per request, the table read again only when its word set changed."""
    version = vocabulary_version()
    memo_version, read_at, value = _memo
    if value is not None and memo_version == version:
        if version is not None or time.monotonic() - read_at < UNVERSIONED_SECONDS:
            return value.get(language) or (Lexicon(), frozenset())
    by_language, pairs = {}, []
    for key, count, word_stem in Word.objects.values_list("word", "count", "stem"):
        word_language, word = split_key(key)
        counts, known_stems = by_language.setdefault(word_language, ({}, set()))
        counts[word] = count
        known_stems.add(word_stem)
        if word_language == SOURCE:
            pairs.append((word, word_stem))
    # Each row's stem is its word's (apply, rebuild): ranking results then stems nothing known.
    remember_stems(pairs)
    value = {code: (Lexicon(counts), frozenset(found)) for code, (counts, found) in by_language.items()}
    _memo[:] = [version, time.monotonic(), value]
    return value.get(language) or (Lexicon(), frozenset())
