"""Free text as people type or paste it. Plain Python.

A line break or a control character pasted into a name, an address or a slot note breaks the
CSV and JSON exports and the printed lines: single-line fields keep one line of printable text.
"""

import re

_SPACES = re.compile(r"\s+")


def single_line(value):
    """`value` on one line: control characters (CR, LF, tab, NUL…) become spaces, runs of
    spaces one space, ends trimmed. Non-strings are returned as they are."""
    if not isinstance(value, str):
        return value
    # Most values are printable already: no join character by character (an import's every cell).
    printable = value if value.isprintable() else "".join(ch if ch.isprintable() else " " for ch in value)
    return _SPACES.sub(" ", printable).strip()


def clean_single_lines(instance, field_names):
    """Apply `single_line` to these fields of a model instance, in place."""
    for name in field_names:
        setattr(instance, name, single_line(getattr(instance, name, "")))
