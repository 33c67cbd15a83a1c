"""Orders search results. Plain Python, no Django.

Pages with every word of the query come first, then pages with most of them; among equals,
words found in the title or keywords count most, then in the summary, then in the text; the
search backend's own order breaks ties."""

from dataclasses import dataclass

from .analysis import SOURCE, stems


@dataclass(frozen=True)
class Fields:
    """A page's text as stems: title and keywords, summary, body."""

    title: frozenset
    summary: frozenset
    body: frozenset

    @classmethod
    def of(cls, title, summary, body, language=SOURCE):
        title_stems = frozenset(stems(title, language))
        summary_stems = frozenset(stems(summary, language))
        return cls(title_stems, summary_stems, frozenset(stems(body, language)) | title_stems | summary_stems)


def query_terms(alternatives, language=SOURCE):
    """The stems of each alternative of a query (the query and its synonym variants)."""
    terms = []
    for alternative in alternatives:
        found = tuple(dict.fromkeys(stems(alternative, language)))
        if found and found not in terms:
            terms.append(found)
    return terms


def score(terms, fields):
    """A sort key (smaller first) for a page's `fields` against the query's `terms`."""
    best = (0, 0.0, 0, 0)
    for alternative in terms:
        found = sum(1 for t in alternative if t in fields.body)
        title = sum(1 for t in alternative if t in fields.title)
        summary = sum(1 for t in alternative if t in fields.summary)
        best = max(best, (int(found == len(alternative)), found / len(alternative), title, summary))
    return tuple(-part for part in best)


def rank(items, terms, fields_of):
    """`items` (in the backend's order) sorted by score; the backend's order breaks ties."""
    keyed = [(score(terms, fields_of(item)), position, item) for position, item in enumerate(items)]
    keyed.sort(key=lambda entry: entry[:2])
    return [item for _score, _position, item in keyed]
