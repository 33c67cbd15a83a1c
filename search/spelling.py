"""Spelling suggestions from the site's own words. Plain Python, no Django.

A word the site never uses ("virment") is compared with the words it does use; the closest
one, within one typo (two for long words), replaces it ("virement"). Works the same on SQLite
and PostgreSQL: the vocabulary is built from the pages, not from the database's index.
"""

from collections import Counter

from .analysis import SOURCE, is_stop_word, stems, words
from .lexicon import is_french

MIN_WORD = 3


def vocabulary(texts, language=SOURCE):
    """How often each meaningful word occurs in `texts` (folded: no case, no accents)."""
    counts = Counter()
    for text in texts:
        counts.update(
            w
            for w in words(text, language)
            if len(w) >= MIN_WORD and not w.isdigit() and not is_stop_word(w, language)
        )
    return counts


def _bigrams(word):
    return frozenset(word[i : i + 2] for i in range(len(word) - 1))


class Lexicon(dict):
    """{word: count}, whose words of one length are also kept with their letters and letter
    pairs, built the first time a suggestion needs that length: most words are then skipped
    without measuring them, and a search of known words builds nothing."""

    def __init__(self, counts=()):
        super().__init__(counts)
        self._by_length = None
        self._buckets = {}

    def bucket(self, length):
        if length not in self._buckets:
            if self._by_length is None:
                grouped = {}
                for word, count in self.items():
                    grouped.setdefault(len(word), []).append((word, count))
                self._by_length = grouped
            self._buckets[length] = [
                (word, count, _bigrams(word), frozenset(word))
                for word, count in self._by_length.get(length, ())
            ]
        return self._buckets[length]


def allowed_typos(word):
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def distance(a, b, limit):
    """Edit distance with transpositions (optimal string alignment); limit + 1 when over it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def correct_word(word, counts, known_stems, language=SOURCE):
    """The site's word closest to `word`, or None when `word` is known or nothing is close
    (a correct French word is never "corrected" into a site word). `counts` and `known_stems`
    are the words of the language of the search only."""
    if word in counts or is_stop_word(word, language) or word.isdigit():
        return None
    if language == SOURCE and is_french(word):
        return None
    if any(stem in known_stems for stem in stems(word, language)):  # "virements": a form of a known word
        return None
    limit = allowed_typos(word)
    if not limit:
        return None
    lexicon = counts if isinstance(counts, Lexicon) else Lexicon(counts)
    # Words too far whatever their order are skipped without measuring: each typo (a
    # transposition included) breaks at most three of the word's letter pairs, and brings in or
    # takes out at most one letter.
    pairs, letters = _bigrams(word), frozenset(word)
    needed = len(pairs) - 3 * limit
    best = None
    for length in range(len(word) - limit, len(word) + limit + 1):
        for candidate, count, candidate_pairs, candidate_letters in lexicon.bucket(length):
            if len(letters - candidate_letters) > limit or len(candidate_letters - letters) > limit:
                continue
            if needed > 0 and len(pairs & candidate_pairs) < needed:
                continue
            found = distance(word, candidate, limit)
            if found <= limit:
                key = (found, -count, candidate)
                if best is None or key < best:
                    best = key
    return best[2] if best else None


def correct(text, counts, known_stems, language=SOURCE):
    """(corrected text, [(typed, corrected)]): every word the site does not know, corrected."""
    fixed, changes = [], []
    for word in words(text, language):
        better = correct_word(word, counts, known_stems, language)
        if better:
            changes.append((word, better))
        fixed.append(better or word)
    return " ".join(fixed), changes
