"""Query-string values as the views may use them: no control characters, a sane length."""


def clean_param(value, max_length=200):
    """A query-string value without control characters (NUL…), trimmed and capped."""
    value = "".join(ch for ch in str(value or "")[: max_length * 10] if ch.isprintable())
    return value.strip()[:max_length]
