"""Search text per language: the words, stop words and stems of French (search.french),
English (search.english) and Arabic (search.arabic). Plain Python.

Pages and queries go through the same functions with the page's or the search's language, so a
translation is searched with its own rules on SQLite and PostgreSQL alike: the database's full
text configuration (French) only sees the stems computed here and treats Arabic words as opaque
tokens. Arabic words are analysed as Arabic whatever the language; the other words of a page as
words of its language, French for Arabic pages (their screen labels are French: « Virement »).
French text without Arabic letters is search.french's exactly.
"""

import re
from functools import lru_cache

from . import arabic, english, french

SOURCE = "fr"
_LATIN = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(rf"{_LATIN.pattern}|{arabic.WORD.pattern}")


def words(text, language=SOURCE):
    """The words of `text` (folded, Arabic normalised), in order."""
    if language == SOURCE and not arabic.has_arabic(text):
        return french.words(text)
    return _TOKEN.findall(french.fold(arabic.normalise(text)))


def latin(language):
    """The language of the Latin-script words of a text in `language`."""
    return "en" if language == "en" else SOURCE


def is_stop_word(word, language=SOURCE):
    if arabic.has_arabic(word):
        return word in arabic.STOP_WORDS
    return word in (english.STOP_WORDS if latin(language) == "en" else french.STOP_WORDS)


def stem(word, language=SOURCE):
    """The stem of one folded word (see words())."""
    if arabic.has_arabic(word):
        return arabic.stem(word)
    return english.stem(word) if latin(language) == "en" else (french.stems(word) or [word])[0]


def stems(text, language=SOURCE):
    """Meaningful words reduced to their stem, in order."""
    if language == SOURCE and not arabic.has_arabic(text):
        return french.stems(text)
    return [stem(word, language) for word in words(text, language) if not is_stop_word(word, language)]


# The search library asks a page for each of its fields once per column it fills (five times).
@lru_cache(maxsize=256)
def stem_text(text, language=SOURCE):
    if language == SOURCE and not arabic.has_arabic(text):
        return french.stem_text(text)
    return " ".join(stems(text, language))
