"""Plain-language indicators for French text. Plain Python: no Django import.

Two numbers editors can act on:
- the mean sentence length, in words (aim: 15 words or fewer);
- the share of long words: 3 syllables or more, or more than 12 letters.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

TARGET_MEAN_SENTENCE = 15
TARGET_LONG_WORD_SHARE = 0.30
LONG_SENTENCE = 20
LONG_WORD_SYLLABLES = 3
LONG_WORD_LETTERS = 12

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! ? … or at a line break (list items, titles).
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouyàâäéèêëîïôöûùüœæ]+", re.IGNORECASE)


def strip_html(text):
    """Plain text from a fragment of HTML; block ends become line breaks."""
    text = _BLOCK_END.sub("\n", text)
    return html.unescape(_TAG.sub("", text))


def sentences(text):
    """The sentences of a plain text: non-empty pieces that contain at least one word."""
    pieces = (piece.strip() for piece in _SENTENCE_END.split(text))
    return [piece for piece in pieces if _WORD.search(piece)]


def words(text):
    return _WORD.findall(text)


def syllables(word):
    """An estimate of the spoken syllables of a French word ("téléphone" → 3)."""
    lower = word.lower()
    # Elisions ("l'argent") are spoken as one word: count the part after the apostrophe.
    lower = re.split(r"['’]", lower)[-1]
    groups = _VOWEL_GROUP.findall(lower)
    count = len(groups)
    # A final mute "e" or "es" is not spoken: "banque", "lignes".
    if count > 1 and re.search(r"(?<![éè])(e|es)$", lower):
        count -= 1
    return max(count, 1) if any(ch.isalpha() for ch in lower) else 0


def is_long_word(word):
    letters = sum(ch.isalpha() for ch in word)
    return letters > LONG_WORD_LETTERS or syllables(word) >= LONG_WORD_SYLLABLES


@dataclass
class Readability:
    sentence_count: int
    word_count: int
    long_word_count: int
    long_sentences: list[str] = field(default_factory=list)

    @property
    def mean_sentence_length(self):
        return self.word_count / self.sentence_count if self.sentence_count else 0.0

    @property
    def long_word_share(self):
        return self.long_word_count / self.word_count if self.word_count else 0.0

    @property
    def is_plain(self):
        return (
            self.mean_sentence_length <= TARGET_MEAN_SENTENCE
            and self.long_word_share <= TARGET_LONG_WORD_SHARE
        )

    @property
    def verdict(self):
        """A short French verdict for editors."""
        if not self.word_count:
            return "Pas encore de texte à analyser."
        if self.is_plain:
            return "Facile à lire : phrases courtes, mots simples."
        if self.mean_sentence_length > TARGET_MEAN_SENTENCE + 5:
            return "Difficile à lire : coupez les phrases longues."
        return "À simplifier : raccourcissez les phrases ou choisissez des mots plus courts."


def analyse(parts: Iterable[str]):
    """Readability of texts given as separate parts (titles, paragraphs, HTML fragments)."""
    sentence_count = word_count = long_count = 0
    long_sentences = []
    for part in parts:
        if not part:
            continue
        for sentence in sentences(strip_html(part)):
            found = words(sentence)
            sentence_count += 1
            word_count += len(found)
            long_count += sum(1 for word in found if is_long_word(word))
            if len(found) > LONG_SENTENCE:
                long_sentences.append(sentence)
    return Readability(sentence_count, word_count, long_count, long_sentences)
