"""Text that a spreadsheet would run as a formula (CSV injection). Plain Python.

Club staff open our CSV exports in a spreadsheet: a name such as `=HYPERLINK(…)` would run
there. Free-text fields refuse such a start at input, and the CSV export neutralises any cell
that still has one (older data)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_MESSAGE = "Ce texte ne peut pas commencer par = + - ou @ (un tableur le prendrait pour une formule)."


def looks_like_formula(value):
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS)


def formula_errors(instance, field_names):
    """{field name: French message} for each of `field_names` whose value starts like a formula."""
    return {name: FORMULA_MESSAGE for name in field_names if looks_like_formula(getattr(instance, name, ""))}


def neutralise(value):
    """A cell a spreadsheet shows as text: a leading apostrophe before a formula start."""
    return f"'{value}" if looks_like_formula(value) else value
