"""JSON for a <script type="application/ld+json"> element: one escaper for every page."""

import json

from django.utils.safestring import mark_safe

# Inside <script>, "</script>" or "<!--" would end or confuse the element: escape the
# characters JSON allows as \u escapes, so the data reads the same.
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def script_json(data):
    """`data` as JSON safe to put, unescaped, inside a <script> element."""
    payload = json.dumps(data, ensure_ascii=False)
    for char, escaped in _ESCAPES:
        payload = payload.replace(char, escaped)
    return mark_safe(payload)  # noqa: S308 - escaped above, never executed as HTML
