"""Cleans what a visitor typed into the search box. Plain Python, no Django."""

MAX_QUERY_LENGTH = 200


class QueryError(ValueError):
    """A query the site refuses, with a message for the visitor in French."""


def clean_query(raw):
    """Strip control characters and spaces; refuse what no person would type."""
    if raw is None:
        return ""
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(
            f"Votre recherche est trop longue ({len(raw)} caractères). "
            f"Écrivez quelques mots seulement, {MAX_QUERY_LENGTH} caractères au plus."
        )
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(cleaned.split())
