"""English words as the search index sees them: English stems and stop words. Plain Python."""

from functools import lru_cache

import snowballstemmer

# Short and frequent words that carry no meaning for search, spoken English included
# ("how do I send money to my daughter" is about sending money).
STOP_WORDS = frozenset(
    """a an the and or but if of at by for with about to from in on into onto off over under up
    down out as is are was were be been being am do does did doing have has had having i me my
    mine we us our you your yours he him his she her it its they them their this that these those
    what which who whom how why when where there here can could would should will shall may might
    must need want wants like please not no so than too very just also then some any all each
    get got make made way s t d ll m re ve""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=10_000)
def stem(word):
    return word if word.isdigit() else _stemmer().stemWord(word)
