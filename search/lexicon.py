"""The words of French, to never "correct" one: « comment faire un virement à ma fille » must not
become « … ma file » because the site happens to use « file » and not « fille ».

Plain Python. The list is the French word-frequency dictionary packaged with pyspellchecker
(pinned in requirements.txt; built from OpenSubtitles, MIT licence), folded like the search
index folds words (no case, no accents: « releve » is « relevé »). Words seen fewer than
MIN_COUNT times there are left out: they are more often typos than words.
"""

import gzip
import json
from functools import lru_cache
from importlib import resources

from .french import fold

MIN_COUNT = 5


@lru_cache(maxsize=1)
def french_words():
    """Every usual French word, folded (about 100,000; read once per process)."""
    data = resources.files("spellchecker") / "resources" / "fr.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        counts = json.load(handle)
    return frozenset(fold(word) for word, count in counts.items() if count >= MIN_COUNT)


def is_french(word):
    """Whether a folded word is a French word (then it is never replaced by a site word)."""
    return word in french_words()
