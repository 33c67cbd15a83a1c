"""Synonym expansion of a query. Plain Python: groups of equivalent phrases in, alternatives out."""

from .analysis import SOURCE, is_stop_word, words


def _phrase(text, language=SOURCE):
    """The meaningful words of `text`, folded: « relevé d'identité bancaire » is matched by
    « releve identite bancaire » (no accents, no elided « d' »)."""
    return " ".join(w for w in words(text, language) if not is_stop_word(w, language))


def expand(query, groups, language=SOURCE):
    """The query, plus one variant per synonym found in it.

    `groups` is an iterable of lists of equivalent phrases, e.g.
    [["RIB", "relevé d'identité bancaire"], ["CAF", "allocations familiales"]].
    """
    base = _phrase(query, language)
    alternatives = [base] if base else []
    padded = f" {base} "
    for group in groups:
        phrases = [_phrase(p) for p in group if _phrase(p)]
        for phrase in phrases:
            if f" {phrase} " not in padded:
                continue
            for other in phrases:
                if other != phrase:
                    variant = padded.replace(f" {phrase} ", f" {other} ").strip()
                    if variant not in alternatives:
                        alternatives.append(variant)
    return alternatives
