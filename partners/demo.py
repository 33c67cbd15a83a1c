"""Demo partners under the clubs, plus /partenaires/ and /trouver-de-l-aide/.

Names, phone numbers (ARCEP ranges reserved for fiction) and addresses are made up.
"""

from wagtail.models import Page

from home.demo_utils import upsert_page
from locations.models import TerritoryPage

from .models import OrientationPage, PartnerIndexPage, PartnerPage

# territory slug, partner slug, fields
PARTNERS = [
    (
        "face-normandie",
        "ressourcerie-informatique-caen",
        {
            "title": "Ressourcerie informatique solidaire",
            "intro": "Des ordinateurs réparés et vérifiés, vendus à petit prix.",
            "help_kinds": "materiel formation",
            "audience": "Personnes aux revenus modestes : RSA, prime d'activité, étudiants boursiers.",
            "conditions": "Ordinateur portable à partir de 80 €. Apportez un justificatif de revenus.",
            "street": "12 rue du Réemploi",
            "postcode": "14000",
            "commune": "Caen",
            "insee": "14118",
            "phone": "02 61 91 00 12",
            "email": "contact@ressourcerie.example.org",
            "website": "https://ressourcerie.example.org/",
            "hours": "Mardi et jeudi, de 14 h à 18 h.\nSamedi, de 10 h à 12 h.",
        },
    ),
    (
        "face-normandie",
        "mediatheque-lisieux-ateliers",
        {
            "title": "Médiathèque : ateliers numériques",
            "intro": "Des ateliers en petit groupe pour apprendre l'ordinateur, pas à pas.",
            "help_kinds": "formation internet",
            "audience": "Tout public, débutants bienvenus.",
            "conditions": "Gratuit. Inscription sur place ou par téléphone. Ordinateurs en accès libre.",
            "street": "3 place de la Médiathèque",
            "postcode": "14100",
            "commune": "Lisieux",
            "insee": "14366",
            "phone": "02 61 91 00 34",
            "hours": "Ateliers le mercredi de 10 h à 12 h.\nAccès libre aux ordinateurs du mardi au samedi.",
        },
    ),
    (
        "face-normandie",
        "point-conseil-budget-saint-lo",
        {
            "title": "Point conseil budget",
            "intro": "Un conseiller vous aide à faire vos comptes et à parler à votre banque.",
            "help_kinds": "banque-budget",
            "audience": "Toute personne qui a du mal à boucler son budget.",
            "conditions": "Gratuit et confidentiel. Sur rendez-vous.",
            "street": "8 rue de la Poste",
            "postcode": "50000",
            "commune": "Saint-Lô",
            "insee": "50502",
            "phone": "02 61 91 00 56",
            "email": "budget@saint-lo.example.org",
            "hours": "Du lundi au vendredi, de 9 h à 12 h, sur rendez-vous.",
        },
    ),
    (
        "face-normandie",
        "ligne-aide-numerique",
        {
            "title": "Ligne d'aide au numérique",
            "intro": "Un service national : on vous aide par téléphone pour vos démarches en ligne.",
            "help_kinds": "demarches formation",
            "audience": "Tout public.",
            "conditions": "Gratuit. Le prix d'un appel normal.",
            "is_remote": True,
            "phone": "01 99 00 00 10",
            "website": "https://aide-numerique.example.org/",
            "hours": "Du lundi au vendredi, de 9 h à 18 h.",
        },
    ),
    (
        "mediance-66",
        "ccas-perpignan",
        {
            "title": "CCAS de Perpignan",
            "intro": "Le centre communal d'action sociale vous aide pour vos droits et vos démarches.",
            "help_kinds": "demarches banque-budget",
            "audience": "Habitants de Perpignan.",
            "conditions": "Gratuit. Apportez votre pièce d'identité et vos courriers.",
            "street": "5 avenue de la Solidarité",
            "postcode": "66000",
            "commune": "Perpignan",
            "insee": "66136",
            "phone": "04 65 71 00 11",
            "email": "accueil@ccas-perpignan.example.org",
            "hours": "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h.",
        },
    ),
    (
        "mediance-66",
        "espace-de-vie-sociale-perpignan",
        {
            "title": "Espace de vie sociale du quartier Saint-Jacques",
            "intro": "Un lieu de quartier pour se retrouver, apprendre et être aidé.",
            "help_kinds": "formation demarches internet",
            "audience": "Habitants du quartier et des environs.",
            "conditions": "Adhésion de 5 € par an. Ordinateurs et wifi gratuits pendant l'accueil.",
            "street": "2 rue des Jardins",
            "postcode": "66000",
            "commune": "Perpignan",
            "insee": "66136",
            "phone": "04 65 71 00 22",
            "hours": "Lundi, mercredi et vendredi, de 14 h à 17 h.",
        },
    ),
    (
        "mediance-13",
        "point-internet-solidaire-marseille",
        {
            "title": "Point internet solidaire",
            "intro": "On vous aide à trouver un forfait moins cher et un téléphone pas cher.",
            "help_kinds": "internet materiel",
            "audience": "Personnes aux revenus modestes, envoyées par un travailleur social.",
            "conditions": "Forfait mobile solidaire à partir de 5 € par mois. Téléphone à partir de 30 €.",
            "street": "40 boulevard National",
            "postcode": "13003",
            "commune": "Marseille",
            "insee": "13203",
            "phone": "04 65 71 00 33",
            "email": "bonjour@point-internet.example.org",
            "hours": "Du mardi au vendredi, de 10 h à 13 h et de 14 h à 17 h.",
        },
    ),
    (
        "mediance-13",
        "acces-pour-tous",
        {
            "title": "Association Accès pour tous",
            "intro": "Des conseils et du matériel adapté pour utiliser le numérique avec un handicap.",
            "help_kinds": "handicap formation",
            "audience": "Personnes aveugles, malvoyantes, sourdes ou à mobilité réduite.",
            "conditions": "Gratuit. Sur rendez-vous, sur place ou en visio.",
            "is_remote": True,
            "street": "15 rue de la République",
            "postcode": "13003",
            "commune": "Marseille",
            "insee": "13203",
            "phone": "04 65 71 00 44",
            "email": "contact@acces-pour-tous.example.org",
            "website": "https://acces-pour-tous.example.org/",
            "hours": "Du lundi au jeudi, de 9 h à 17 h.",
        },
    ),
    (
        "face-reunion",
        "maison-des-solidarites-saint-denis",
        {
            "title": "Maison des solidarités de Saint-Denis",
            "intro": "Des travailleurs sociaux vous aident pour vos droits, vos démarches et votre budget.",
            "help_kinds": "demarches banque-budget internet",
            "audience": "Habitants du nord de l'île.",
            "conditions": "Gratuit. Sans rendez-vous le matin.",
            "street": "20 rue de Paris",
            "postcode": "97400",
            "commune": "Saint-Denis",
            "insee": "97411",
            "phone": "02 61 91 00 78",
            "hours": "Du lundi au vendredi, de 8 h à 12 h et de 13 h à 16 h.",
        },
    ),
]


def load(home):
    directory = Page.objects.child_of(home).filter(slug="lieux").first()
    territories = {t.slug: t for t in TerritoryPage.objects.child_of(directory)} if directory else {}
    for territory_slug, slug, fields in PARTNERS:
        territory = territories.get(territory_slug)
        if territory is not None:
            upsert_page(territory, PartnerPage, slug, **fields)
    upsert_page(
        home,
        PartnerIndexPage,
        "partenaires",
        title="Partenaires",
        intro=(
            "D'autres lieux peuvent vous aider : pour apprendre, pour avoir un ordinateur pas cher, "
            "pour payer internet moins cher ou pour vos démarches."
        ),
        show_in_menus=True,
    )
    upsert_page(
        home,
        OrientationPage,
        "trouver-de-l-aide",
        title="Trouver de l'aide",
        intro="Dites-nous ce dont vous avez besoin et où vous habitez. Nous vous disons qui peut aider.",
        show_in_menus=True,
    )
