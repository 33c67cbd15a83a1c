"""Demo directory: the index, the clubs (territories) and their places."""

from datetime import date, time, timedelta
from decimal import Decimal

from home.demo_utils import upsert_page

from .models import Closure, LocationIndexPage, LocationPage, Slot, TerritoryPage

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
    today = date.today()
    for territory_slug, slug, fields, slots, closures in places(today):
        page = LocationPage.objects.child_of(territories[territory_slug]).filter(slug=slug).first()
        fields = dict(fields)
        fields["slots"] = [Slot(sort_order=i, **slot) for i, slot in enumerate(slots)]
        fields["closures"] = [Closure(sort_order=i, **closure) for i, closure in enumerate(closures)]
        if page is not None:  # keep it idempotent: replace the inline objects, never add to them
            page.slots.all().delete()
            page.closures.all().delete()
        upsert_page(territories[territory_slug], LocationPage, slug, **fields)
    return territories


def _slot(weekday, start, end, recurrence="weekly", note="", valid_from=None, valid_until=None):
    h1, m1 = start
    h2, m2 = end
    return {
        "weekday": weekday,
        "start": time(h1, m1),
        "end": time(h2, m2),
        "recurrence": recurrence,
        "note": note,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }


MON, TUE, WED, THU, FRI, SAT = range(6)
RDV = "sur rendez-vous"
BASE_SERVICES = ["demarches", "outils-quotidien", "securite"]
FS_EQUIPMENT = ["pc", "scanner", "imprimante", "wifi"]


def _place(title, kind, address, postcode, insee, commune, lat, lon, phone, intro, confirmed, **extra):
    fields = {
        "title": title,
        "kind": kind,
        "address": address,
        "postcode": postcode,
        "insee": insee,
        "commune": commune,
        "latitude": Decimal(str(lat)),
        "longitude": Decimal(str(lon)),
        "phone": phone,
        "intro": intro,
        "hours_confirmed_on": confirmed,
        "services": BASE_SERVICES,
        "equipment": FS_EQUIPMENT,
        "access": ["plain-pied", "toilettes-adaptees"],
        "reception": "both",
    }
    fields.update(extra)
    return fields


def places(today):
    """(territory, slug, fields, slots, closures) of every demo place. Dates follow today's date."""
    summer = today.year if today < date(today.year, 8, 14) else today.year + 1
    summer_closure = [{"start": date(summer, 7, 20), "end": date(summer, 8, 14), "reason": "congés d'été"}]
    christmas = (
        date(today.year, 12, 24) if today <= date(today.year, 12, 24) else date(today.year + 1, 12, 24)
    )
    christmas_closure = [
        {"start": christmas, "end": christmas + timedelta(days=8), "reason": "fêtes de fin d'année"}
    ]
    recent, stale = today - timedelta(days=12), today - timedelta(days=140)
    autumn_from, autumn_until = today - timedelta(days=30), today + timedelta(days=90)
    intro = "Un médiateur de FACE Normandie vous aide pour vos démarches en ligne et votre banque."
    return [
        # --- Calvados ---------------------------------------------------------------------
        (
            "face-normandie",
            "creully",
            _place(
                "France Services de Creully sur Seulles",
                "france_services",
                "2 place Paillaud",
                "14480",
                "14200",
                "Creully sur Seulles",
                49.2851,
                -0.5395,
                "02 31 80 90 12",
                intro,
                recent,
            ),
            [_slot(TUE, (9, 0), (12, 0), "first"), _slot(TUE, (9, 0), (12, 0), "third")],
            summer_closure,
        ),
        (
            "face-normandie",
            "tilly-sur-seulles",
            _place(
                "France Services de Tilly-sur-Seulles",
                "france_services",
                "12 rue de Bayeux",
                "14250",
                "14692",
                "Tilly-sur-Seulles",
                49.1760,
                -0.6264,
                "02 31 08 35 20",
                intro,
                stale,
            ),
            [_slot(WED, (14, 0), (17, 0)), _slot(FRI, (9, 0), (12, 0), "second", RDV)],
            [],
        ),
        (
            "face-normandie",
            "mathieu",
            _place(
                "Agence postale de Mathieu",
                "poste",
                "1 rue de l'Église",
                "14920",
                "14407",
                "Mathieu",
                49.2561,
                -0.3705,
                "02 31 44 10 42",
                intro,
                recent,
                reception="walk_in",
            ),
            [_slot(THU, (9, 30), (12, 0), "last")],
            [],
        ),
        (
            "face-normandie",
            "grandcamp-maisy",
            _place(
                "France Services de Grandcamp-Maisy",
                "france_services",
                "28 rue Aristide Briand",
                "14450",
                "14312",
                "Grandcamp-Maisy",
                49.3866,
                -1.0430,
                "02 31 22 62 44",
                intro,
                stale,
            ),
            [_slot(MON, (9, 0), (12, 0), "even_weeks"), _slot(MON, (14, 0), (16, 30), "odd_weeks", RDV)],
            summer_closure,
        ),
        (
            "face-normandie",
            "saint-martin-de-la-lieue",
            _place(
                "Bureau de poste de Saint-Martin-de-la-Lieue",
                "poste",
                "3 route de Livarot",
                "14100",
                "14625",
                "Saint-Martin-de-la-Lieue",
                49.1220,
                0.2283,
                "02 31 62 05 11",
                intro,
                recent,
                reception="walk_in",
                equipment=["pc", "wifi"],
            ),
            [_slot(TUE, (14, 0), (16, 0), "second"), _slot(TUE, (14, 0), (16, 0), "fourth")],
            [],
        ),
        (
            "face-normandie",
            "lisieux-hauteville",
            _place(
                "France Services de Hauteville à Lisieux",
                "france_services",
                "Place Boudin Desvergées",
                "14100",
                "14366",
                "Lisieux",
                49.1536,
                0.2376,
                "02 31 48 41 00",
                intro,
                recent,
                services=BASE_SERVICES + ["insertion-pro", "acces-materiel"],
            ),
            [
                _slot(MON, (9, 0), (12, 0)),
                _slot(THU, (9, 0), (12, 0)),
                _slot(THU, (14, 0), (17, 0), note=RDV),
                _slot(
                    WED,
                    (14, 0),
                    (17, 0),
                    valid_from=autumn_from,
                    valid_until=autumn_until,
                    note="atelier banque en ligne",
                ),
            ],
            christmas_closure,
        ),
        # --- Manche -----------------------------------------------------------------------
        (
            "face-normandie",
            "brehal",
            _place(
                "France Services de Bréhal",
                "france_services",
                "Rue du Général de Gaulle",
                "50290",
                "50076",
                "Bréhal",
                48.8987,
                -1.5124,
                "02 33 90 07 30",
                intro,
                stale,
            ),
            [_slot(WED, (9, 0), (12, 0)), _slot(WED, (13, 30), (16, 30), "first", RDV)],
            summer_closure,
        ),
        (
            "face-normandie",
            "la-haye-pesnel",
            _place(
                "France Services de La Haye-Pesnel",
                "france_services",
                "4 rue de la Libération",
                "50320",
                "50237",
                "La Haye-Pesnel",
                48.7972,
                -1.3975,
                "02 33 61 66 50",
                intro,
                recent,
            ),
            [_slot(FRI, (9, 0), (12, 0), "odd_weeks")],
            [],
        ),
        (
            "face-normandie",
            "montmartin-sur-mer",
            _place(
                "France Services de Montmartin-sur-Mer",
                "france_services",
                "1 place de la Mairie",
                "50590",
                "50349",
                "Montmartin-sur-Mer",
                48.9898,
                -1.5277,
                "02 33 47 54 11",
                intro,
                stale,
            ),
            [_slot(TUE, (14, 0), (17, 0), "third"), _slot(TUE, (14, 0), (17, 0), "last")],
            [],
        ),
        (
            "face-normandie",
            "saint-sauveur-lendelin",
            _place(
                "France Services de Saint-Sauveur-Lendelin",
                "france_services",
                "5 place de la Mairie",
                "50490",
                "50550",
                "Saint-Sauveur-Villages",
                49.1299,
                -1.4131,
                "02 33 07 70 71",
                intro,
                recent,
            ),
            [_slot(THU, (9, 0), (12, 0), "even_weeks"), _slot(SAT, (9, 30), (11, 30), "first")],
            [],
        ),
        # --- Médiance 66 ------------------------------------------------------------------
        (
            "mediance-66",
            "perpignan-saint-jacques",
            _place(
                "Espace Médiance Saint-Jacques à Perpignan",
                "club",
                "15 rue de l'Anguille",
                "66000",
                "66136",
                "Perpignan",
                42.7003,
                2.8986,
                "04 68 35 12 40",
                "L'équipe de Médiance 66 vous aide pour vos démarches en ligne.",
                recent,
                services=BASE_SERVICES + ["acces-materiel", "materiel-solidaire"],
            ),
            [_slot(MON, (14, 0), (17, 0)), _slot(WED, (9, 0), (12, 0)), _slot(FRI, (9, 0), (12, 0))],
            summer_closure,
        ),
        (
            "mediance-66",
            "thuir",
            _place(
                "Médiathèque de Thuir",
                "mediatheque",
                "Boulevard Léon Jean Grégory",
                "66300",
                "66210",
                "Thuir",
                42.6325,
                2.7559,
                "04 68 53 45 86",
                "Une permanence numérique à la médiathèque.",
                stale,
                equipment=["pc", "tablette", "wifi"],
            ),
            [_slot(SAT, (10, 0), (12, 0), "second")],
            [],
        ),
        # --- Médiance 13 ------------------------------------------------------------------
        (
            "mediance-13",
            "marseille-belle-de-mai",
            _place(
                "France Services de la Belle de Mai",
                "france_services",
                "41 boulevard Boues",
                "13003",
                "13203",
                "Marseille",
                43.3112,
                5.3853,
                "04 91 11 49 10",
                "Aide aux démarches et à la banque en ligne, avec ou sans rendez-vous.",
                recent,
            ),
            [
                _slot(TUE, (9, 0), (12, 30)),
                _slot(THU, (9, 0), (12, 30)),
                _slot(THU, (14, 0), (16, 0), "even_weeks"),
            ],
            summer_closure,
        ),
        (
            "mediance-13",
            "marseille-15e-ccas",
            _place(
                "CCAS des quartiers Nord",
                "ccas",
                "Avenue de la Viste",
                "13015",
                "13215",
                "Marseille",
                43.3589,
                5.3573,
                "04 91 14 60 20",
                "Une permanence au CCAS, sur rendez-vous.",
                stale,
                reception="appointment",
            ),
            [_slot(WED, (14, 0), (17, 0), note=RDV)],
            [],
        ),
        # --- FACE Réunion -----------------------------------------------------------------
        (
            "face-reunion",
            "saint-denis-centre",
            _place(
                "France Services de Saint-Denis centre",
                "france_services",
                "2 rue de Paris",
                "97400",
                "97411",
                "Saint-Denis",
                -20.8789,
                55.4481,
                "02 62 40 33 33",
                "Un médiateur de FACE Réunion vous aide pour vos démarches en ligne.",
                recent,
            ),
            [_slot(MON, (8, 0), (12, 0)), _slot(WED, (13, 0), (16, 0), "fourth")],
            [],
        ),
    ]
