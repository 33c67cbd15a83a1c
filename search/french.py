"""French text as the search index sees it: folded (no case, no accents) and stemmed.

Plain Python. Both the indexed pages and the visitor's query go through the same
functions, so "virements" finds "virement" and "chequier" finds "chéquier" on SQLite
and PostgreSQL alike.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[a-z0-9]+")
# Short and frequent words that carry no meaning for search, spoken French included
# ("comment faire un virement à ma fille" is about a transfer).
STOP_WORDS = frozenset(
    """au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me
    meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
    tes toi ton tu un une vos votre vous c d j l m n s t y a est sont comment faire fait
    ai as avez avons suis etre avoir veux voudrais peux peut puis dois doit faut quoi quel quelle
    quels quelles ca cela ceci cest tout tous tres bien aussi alors donc si""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("french")


def fold(text):
    """Lower case without accents: 'Chéquier' -> 'chequier'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text):
    return WORD.findall(fold(text))


# Memoised: indexing thousands of imported places stems the same few hundred words again, and
# a search ranks its results by the stems of their whole text. A plain dict so that the stems
# the vocabulary table already holds can be given at once (remember_stems).
_STEMS = {}
MAX_STEMS = 100_000


def _stem(word):
    stem = _STEMS.get(word)
    if stem is None:
        if word.isdigit():  # the stemmer leaves numbers as they are (house numbers, postcodes)
            return word
        if len(_STEMS) >= MAX_STEMS:
            _STEMS.clear()
        stem = _STEMS[word] = _stemmer().stemWord(word)
    return stem


def remember_stems(pairs):
    """(folded word, its stem) pairs stemmed earlier (search.words' table): a process's first
    search then stems only the words the site never used."""
    if len(_STEMS) < MAX_STEMS:
        _STEMS.update(pairs)


def stems(text):
    """Meaningful words reduced to their stem, in order."""
    return [_stem(w) for w in words(text) if w not in STOP_WORDS]


# The search library asks a page for each of its fields once per column it fills (five times):
# the same text is stemmed again each time, so the last few are remembered.
@lru_cache(maxsize=256)
def stem_text(text):
    return " ".join(stems(text))
