"""The home page's doors into the site, set once every section exists."""

from wagtail.models import Page

from .demo_utils import upsert_page
from .models import HomePage

# slug of a child of home, card title, one-line description
DOORS = [
    ("guides", "Lire un guide pas à pas", "Banque en ligne, démarches, sécurité : une chose à la fois."),
    ("lieux", "Trouver une permanence", "Un médiateur vous aide gratuitement, près de chez vous."),
    ("trouver-de-l-aide", "Trouver de l'aide", "Un ordinateur pas cher, internet moins cher, des ateliers…"),
    ("parcours", "Suivre un parcours", "Plusieurs guides, dans l'ordre, pour apprendre pas à pas."),
    ("glossaire", "Comprendre un mot", "RIB, identifiant, hameçonnage : les mots expliqués simplement."),
    ("partenaires", "Voir les partenaires", "Les associations et services qui aident près de chez vous."),
]


def load(home):
    home = HomePage.objects.get(pk=home.pk)  # the caller's copy predates earlier demo steps
    children = {p.slug: p for p in Page.objects.child_of(home).live()}
    links = [
        {"page": children[slug].pk, "url": "", "title": title, "text": text}
        for slug, title, text in DOORS
        if slug in children
    ]
    body = [block for block in home.body.raw_data if block["type"] != "links"]
    after_intro = next((i + 1 for i, block in enumerate(body) if block["type"] == "paragraph"), 0)
    body.insert(after_intro, {"type": "links", "value": {"heading": "", "links": links}})
    _order_menu(home, [children[slug] for slug, _title, _text in DOORS if slug in children])
    fields = {"title": home.title, "intro": home.intro, "body": body}
    return upsert_page(home.get_parent(), HomePage, home.slug, **fields)


def _order_menu(home, pages):
    """Put the sections first, in the order of the doors: guides before places."""
    current = list(Page.objects.child_of(home).values_list("pk", flat=True))
    wanted = [page.pk for page in pages]
    if current[: len(wanted)] == wanted:
        return
    previous = None
    for page in pages:
        page = Page.objects.get(pk=page.pk)  # paths change with every move
        if previous is None:
            page.move(home, pos="first-child")
        else:
            page.move(Page.objects.get(pk=previous), pos="right")
        previous = page.pk
