"""Links the first occurrence of each glossary term in a guide to its definition.

Plain Python: works on HTML strings, no Django import. Text inside tags' attributes,
inside existing links and inside headings is left alone.
"""

import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(<[^>]+>)")
_OPEN_TAG = re.compile(r"<\s*([a-zA-Z0-9]+)")
_CLOSE_TAG = re.compile(r"<\s*/\s*([a-zA-Z0-9]+)")
# Inside these, a term is never linked (no link in a link, no link in a title).
_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "dfn", "script", "style", "code"}


@dataclass(frozen=True)
class Term:
    """A glossary entry: the key is its anchor; forms are the spellings found in text."""

    key: str
    forms: tuple[str, ...]
    url: str
    lang: str = ""  # the term's language when it is not the page's (a French fallback)
    hreflang: str = ""  # the glossary page's language when it is not the page's (French)


def build_pattern(terms):
    """One regex matching any form of any term, longest forms first, whole words only."""
    forms = sorted({form for term in terms for form in term.forms if form.strip()}, key=len, reverse=True)
    if not forms:
        return None
    alternation = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in forms)
    return re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)


class GlossaryLinker:
    """Links terms across several HTML fragments of the same guide: each term once."""

    def __init__(self, terms, css_class="glossary-link"):
        self.terms = list(terms)
        self.pattern = build_pattern(self.terms)
        self.css_class = css_class
        self._by_form = {}
        for term in self.terms:
            for form in term.forms:
                self._by_form[_normalise(form)] = term
        self.seen = set()

    def link(self, fragment):
        if self.pattern is None or not fragment:
            return fragment
        out = []
        skip_depth = 0
        for token in _TOKEN.split(fragment):
            if token.startswith("<"):
                closing = _CLOSE_TAG.match(token)
                opening = _OPEN_TAG.match(token)
                if closing and closing.group(1).lower() in _SKIP:
                    skip_depth = max(skip_depth - 1, 0)
                elif opening and opening.group(1).lower() in _SKIP and not token.rstrip().endswith("/>"):
                    skip_depth += 1
                out.append(token)
            elif skip_depth or not token:
                out.append(token)
            else:
                out.append(self.pattern.sub(self._replace, token))
        return "".join(out)

    def _replace(self, match):
        text = match.group(1)
        term = self._by_form.get(_normalise(text))
        if term is None or term.key in self.seen:
            return text
        self.seen.add(term.key)
        href = html.escape(f"{term.url}#{term.key}", quote=True)
        lang = f' lang="{term.lang}" dir="ltr"' if term.lang else ""  # French: left to right
        lang += f' hreflang="{term.hreflang}"' if term.hreflang else ""
        return f'<a class="{self.css_class}" href="{href}"{lang}>{text}</a>'


def _normalise(text):
    return re.sub(r"\s+", " ", html.unescape(text)).strip().lower()


def link_terms(fragments, terms):
    """Each fragment with the first occurrence (over all fragments) of each term linked."""
    linker = GlossaryLinker(terms)
    return [linker.link(fragment) for fragment in fragments]
