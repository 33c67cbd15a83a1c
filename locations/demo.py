"""Demo directory: the index, the clubs (territories) and their places."""

from home.demo_utils import upsert_page

from .models import LocationIndexPage, TerritoryPage

# slug, title, departments, intro
TERRITORIES = [
    (
        "face-normandie",
        "FACE Normandie",
        "14, 50",
        "Permanences dans le Calvados et la Manche : maisons France Services et bureaux de poste.",
    ),
    ("mediance-66", "Médiance 66", "66", "Permanences dans les Pyrénées-Orientales."),
    ("mediance-13", "Médiance 13", "13", "Permanences à Marseille et dans les Bouches-du-Rhône."),
    ("face-reunion", "FACE Réunion", "974", "Permanences sur l'île de La Réunion."),
]


def load(home):
    index = upsert_page(
        home,
        LocationIndexPage,
        "lieux",
        title="Lieux d'aide",
        intro="Trouvez une permanence près de chez vous. Un médiateur vous aide gratuitement.",
        show_in_menus=True,
    )
    territories = {}
    for slug, title, departments, intro in TERRITORIES:
        territories[slug] = upsert_page(
            index, TerritoryPage, slug, title=title, departments=departments, intro=intro
        )
    return territories
