"""Words of another script inside a page's text, marked with their language. Plain Python.

On an Arabic page the Latin words are French (screen labels in « », acronyms such as RIB, names
of places, addresses): each run of them is wrapped in <span lang="fr" dir="ltr">, so that screen
readers switch voice and the bidirectional algorithm keeps their punctuation in place
(« .Des ateliers » otherwise). Only text is touched, never a tag or an attribute."""

import re
from html import escape

TAG = re.compile(r"(<[^>]*>)")
LETTER = "A-Za-zÀ-ÖØ-öø-ÿŒœ"
# A run of Latin words: from a letter or digit to a letter, across spaces and the punctuation
# inside French words and addresses (l'étranger, Saint-Denis, 9 h 30, www.service-public.fr).
LATIN_RUN = re.compile(rf"[{LETTER}0-9][{LETTER}0-9'’\-.,:/@_ ]*[{LETTER}]|[{LETTER}]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def mark_latin(html, language="fr"):
    """`html` (trusted markup) with its Latin runs marked French when the page's script is
    Arabic; unchanged in a Latin-script language."""
    if language != "ar" or not html:
        return html
    parts = TAG.split(str(html))
    stack = []  # for each open element: whether it (or an ancestor) says its language
    for n, part in enumerate(parts):
        if n % 2:
            opening = re.match(r"<(\w+)", part)
            if part.startswith("</"):
                if stack:
                    stack.pop()
            elif opening and opening.group(1).lower() not in VOID and not part.endswith("/>"):
                stack.append(bool(stack and stack[-1]) or bool(re.search(r"\slang=", part)))
            continue
        if not (stack and stack[-1]) and part.strip():
            parts[n] = LATIN_RUN.sub(lambda m: f'<span lang="fr" dir="ltr">{m.group(0)}</span>', part)
    return "".join(parts)


def mark_latin_text(text, language="fr"):
    """mark_latin() of plain text (escaped first)."""
    return mark_latin(escape(text or ""), language) if language == "ar" else escape(text or "")
