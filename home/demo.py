"""Demo content of the site chrome: home page, accessibility statement, privacy, site plan."""

from django.apps import apps as django_apps

from . import skeleton
from .demo_utils import upsert_page
from .models import HomePage, SitePlanPage, StandardPage


def ensure_home():
    """The site's skeleton (a flushed test database has lost what the migrations made)."""
    return skeleton.build(django_apps).specific


def _p(text):
    return {"type": "paragraph", "value": text}


def _h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def load(home):
    home = upsert_page(
        home.get_parent(),
        HomePage,
        home.slug,
        title="Pas à pas",
        intro=(
            "Des guides simples pour faire vos démarches en ligne et gérer votre banque sur internet. "
            "Et des lieux près de chez vous pour être aidé."
        ),
        body=[
            _h("Par où commencer ?"),
            _p(
                "<p>Choisissez ce que vous voulez faire. Chaque guide explique une seule chose, "
                "étape par étape. Vous n'avez pas besoin de compte pour lire les guides.</p>"
            ),
            {
                "type": "callout",
                "value": {
                    "kind": "info",
                    "text": "<p>Besoin d'aide ? Un médiateur peut vous accompagner gratuitement "
                    "pendant une permanence près de chez vous.</p>",
                },
            },
        ],
    )
    upsert_page(
        home,
        StandardPage,
        "accessibilite",
        title="Accessibilité",
        intro="Pas à pas veut être utilisable par tout le monde, avec ou sans handicap.",
        search_description="Déclaration d'accessibilité du portail Pas à pas.",
        body=[
            _h("État de conformité"),
            _p(
                "<p>Le portail Pas à pas est <b>partiellement conforme</b> au référentiel général "
                "d'amélioration de l'accessibilité (RGAA) version 4.1. Chaque page est vérifiée "
                "automatiquement à chaque modification du site.</p>"
            ),
            _h("Ce que nous faisons"),
            _p(
                "<ul><li>Toutes les pages se lisent au clavier.</li>"
                "<li>Le texte peut être agrandi avec la case « Agrandir le texte » en haut de page.</li>"
                "<li>Les pages s'affichent sur un petit écran de téléphone.</li>"
                "<li>Les pages s'impriment proprement.</li>"
                "<li>Le site fonctionne sans JavaScript.</li></ul>"
            ),
            _h("Agrandir le texte autrement"),
            _p(
                "<p>Sur un ordinateur, appuyez sur la touche <b>Ctrl</b> et sur la touche <b>+</b> "
                "en même temps. Pour revenir à la taille normale : <b>Ctrl</b> et <b>0</b>.</p>"
            ),
            _h("Nous signaler un problème"),
            _p(
                "<p>Si une page vous pose problème, dites-le à un médiateur pendant une permanence, "
                "ou écrivez au club le plus proche. Nous corrigerons la page.</p>"
            ),
            _h("Voies de recours"),
            _p(
                "<p>Si vous n'obtenez pas de réponse, vous pouvez écrire au Défenseur des droits "
                "ou contacter son délégué dans votre région.</p>"
            ),
        ],
    )
    upsert_page(
        home,
        StandardPage,
        "confidentialite",
        title="Vie privée",
        intro="Pas à pas ne vous suit pas. Vous n'avez pas besoin de compte.",
        search_description="Données personnelles et cookies sur Pas à pas.",
        body=[
            _h("Aucun cookie, aucun traceur"),
            _p(
                "<p>Le site ne dépose aucun cookie quand vous le consultez. Il n'utilise aucun outil "
                "de mesure d'audience ni aucun service extérieur.</p>"
            ),
            _h("Aucune donnée sur vous"),
            _p(
                "<p>Nous ne vous demandons ni nom, ni adresse, ni numéro. Quand vous cherchez un lieu, "
                "votre code postal sert seulement à trier les résultats. Il n'est pas enregistré.</p>"
            ),
            _h("Le réglage « Agrandir le texte »"),
            _p(
                "<p>Si vous cochez « Agrandir le texte », ce choix reste sur votre appareil seulement. "
                "Il n'est jamais envoyé au site.</p>"
            ),
        ],
    )
    upsert_page(
        home,
        SitePlanPage,
        "plan-du-site",
        title="Plan du site",
        intro="Toutes les pages du site, rangées par rubrique.",
    )
    return home
