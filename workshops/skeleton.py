"""The workshop list's place in the site skeleton: /ateliers/, under the home page.

Two callers, as home.skeleton: the data migration (historical models) and the demo loader
(the live registry, on a flushed test database). Creates it if missing, never changes it."""

from home import skeleton

INDEX = (
    "workshops.WorkshopIndexPage",
    "ateliers",
    {
        "title": "Ateliers",
        "show_in_menus": True,
        "intro": (
            "Des ateliers gratuits, en petit groupe, pour apprendre avec un médiateur : "
            "banque en ligne, démarches, sécurité. Trouvez le prochain près de chez vous."
        ),
        "search_description": "Ateliers numériques collectifs et gratuits près de chez vous.",
    },
)


def ensure_index(apps):
    """The WorkshopIndexPage under the site's home page (created if missing), or None without home."""
    return skeleton.ensure_under_home(apps, INDEX)
