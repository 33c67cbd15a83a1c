"""Query-string values as the views may use them: no control characters, a sane length."""

from dataclasses import dataclass


def clean_param(value, max_length=200):
    """A query-string value without control characters (NUL…), trimmed and capped."""
    value = "".join(ch for ch in str(value or "")[: max_length * 10] if ch.isprintable())
    return value.strip()[:max_length]


@dataclass(frozen=True)
class FieldError:
    """A message about one field of a public form: the error summary links to the field (its
    HTML id), the field is marked invalid and described by it; `suggestion` is what the
    visitor probably meant (« Lisieux »), offered as a one-tap link."""

    message: str
    field: str = ""
    suggestion: str = ""

    def __str__(self):
        return self.message
