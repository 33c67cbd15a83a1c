"""The diagnostic's place in the site skeleton: /ou-en-etes-vous/, under the home page.

Two callers, as workshops.skeleton: the data migration (historical models) and the demo loader
(the live registry, on a flushed test database). Creates it if missing, never changes it."""

from home import skeleton

PAGE = (
    "diagnostic.DiagnosticPage",
    "ou-en-etes-vous",
    {
        "title": "Où en êtes-vous avec le numérique ?",
        "show_in_menus": False,
        "intro": (
            "Douze questions courtes pour savoir où vous en êtes. "
            "Ensuite, nous vous disons qui peut vous aider, près de chez vous. "
            "Rien n'est enregistré."
        ),
        "search_description": "Un petit questionnaire pour savoir où vous en êtes avec le numérique.",
    },
)


def ensure_page(apps):
    """The DiagnosticPage under the site's home page (created if missing), or None without home."""
    return skeleton.ensure_under_home(apps, PAGE)
