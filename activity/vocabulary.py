"""What an activity record says, in one vocabulary: kinds, places, durations, ages, themes.

Plain Python, no Django. The themes are the portal's needs (partners.help_kinds.NEEDS, the
orientation question) plus one theme per banking operation, as the banking partnership counts
them. Each theme maps to a theme of the national CRA (La Coop de la médiation numérique) for
exports: every banking operation is « banque et achats en ligne » there.
"""

from dataclasses import dataclass

from partners.help_kinds import NEEDS

# --- kind of intervention -------------------------------------------------------------------

INDIVIDUAL = "individuel"
WORKSHOP = "atelier"
DONE_FOR = "demarche-pour"
ORIENTATION = "orientation"
KINDS = (
    (INDIVIDUAL, "Accompagnement individuel"),
    (WORKSHOP, "Atelier collectif"),
    (DONE_FOR, "Démarche faite pour la personne"),
    (ORIENTATION, "Orientation"),
)
# The CRA knows two types: individual or collective.
CRA_TYPE = {
    INDIVIDUAL: "individuel",
    WORKSHOP: "collectif",
    DONE_FOR: "individuel",
    ORIENTATION: "individuel",
}

# --- where ------------------------------------------------------------------------------------

AT_PLACE = "lieu"
REMOTE = "distance"
OUTSIDE = "hors-permanence"
WHERE = (
    (AT_PLACE, "À la permanence"),
    (REMOTE, "À distance"),
    (OUTSIDE, "Hors permanence"),
)
CRA_PLACE_TYPE = {AT_PLACE: "lieu d'activité", REMOTE: "à distance", OUTSIDE: "autre"}

# --- duration bands, with the minutes the CRA expects -----------------------------------------

DURATIONS = (
    ("moins-15", "Moins de 15 min"),
    ("15-30", "15 à 30 min"),
    ("30-60", "30 min à 1 h"),
    ("plus-60", "Plus d'une heure"),
)
CRA_MINUTES = {"moins-15": 10, "15-30": 30, "30-60": 60, "plus-60": 90}
DEFAULT_DURATION = "15-30"

# --- age bands (the CRA's seven, and "not asked") ---------------------------------------------

UNKNOWN_AGE = "non-communique"
AGE_BANDS = (
    (UNKNOWN_AGE, "Non communiqué"),
    ("moins-12", "Moins de 12 ans"),
    ("12-18", "12 à 18 ans"),
    ("18-24", "18 à 24 ans"),
    ("25-39", "25 à 39 ans"),
    ("40-59", "40 à 59 ans"),
    ("60-69", "60 à 69 ans"),
    ("70-plus", "70 ans et plus"),
)

# --- themes -----------------------------------------------------------------------------------

CRA_BANKING = "banque et achats en ligne"


@dataclass(frozen=True)
class Theme:
    code: str
    label: str  # what a mediator reads
    cra: str  # the CRA theme in exports
    banking: bool = False


BANKING_THEMES = (
    Theme("banque-comptes", "Consulter ses comptes", CRA_BANKING, True),
    Theme("banque-virement", "Faire un virement", CRA_BANKING, True),
    Theme("banque-beneficiaire", "Ajouter un bénéficiaire", CRA_BANKING, True),
    Theme("banque-rib", "Télécharger un RIB", CRA_BANKING, True),
    Theme("banque-chequier", "Commander un chéquier", CRA_BANKING, True),
    Theme("banque-etranger", "Envoyer de l'argent à l'étranger", CRA_BANKING, True),
    Theme("banque-arnaques", "Sécurité, arnaques", CRA_BANKING, True),
)

# The CRA theme of each of the portal's needs.
NEED_CRA = {
    "demarche": "démarches en ligne",
    "apprendre-ordinateur": "prise en main du matériel",
    "ordinateur-pas-cher": "prise en main du matériel",
    "internet-moins-cher": "démarches en ligne",
    "budget-banque": CRA_BANKING,
    "handicap": "prise en main du matériel",
}
NEED_THEMES = tuple(Theme(need.code, need.label, NEED_CRA.get(need.code, "autre")) for need in NEEDS)

THEMES = BANKING_THEMES + NEED_THEMES
THEMES_BY_CODE = {theme.code: theme for theme in THEMES}
THEME_CODES = tuple(theme.code for theme in THEMES)
THEME_CHOICES = (
    ("Opérations bancaires", tuple((t.code, t.label) for t in BANKING_THEMES)),
    ("Autres besoins", tuple((t.code, t.label) for t in NEED_THEMES)),
)

# --- limits: what a form refuses as absurd ------------------------------------------------------

MAX_PARTICIPANTS = 40  # a workshop of more people is a typing mistake
MIN_PARTICIPANTS = 2
MAX_PER_ROW = 30  # a day sheet row: at most 30 identical interventions
MAX_DAYS_BACK = 366  # records are for the current funding year, at most a year late


def label(choices, code):
    """The label of `code` in a choices tuple, or the code itself."""
    return dict(choices).get(code, code)


def theme_label(code):
    theme = THEMES_BY_CODE.get(code)
    return theme.label if theme else code


def parse_themes(stored):
    """Known theme codes from a stored value (codes between spaces), in vocabulary order."""
    wanted = set((stored or "").split())
    return [code for code in THEME_CODES if code in wanted]


def serialise_themes(codes):
    """The stored form: known codes, vocabulary order, padded with spaces so that a database
    `contains " code "` finds exactly one theme (no code is a prefix of another's match)."""
    wanted = set(codes or ())
    known = [code for code in THEME_CODES if code in wanted]
    return f" {' '.join(known)} " if known else ""


def stored_marker(code):
    """What a stored value contains when it has theme `code`."""
    return f" {code} "


def cra_themes(codes):
    """The CRA themes of `codes`, without duplicates, in order."""
    seen = []
    for code in codes:
        theme = THEMES_BY_CODE.get(code)
        if theme and theme.cra not in seen:
            seen.append(theme.cra)
    return seen
