"""The kinds of help a partner offers: one vocabulary for the admin, the URLs and the pages.

Plain Python, no Django. The code is what appears in URLs (`/partenaires/?aide=materiel`)
and what is stored on a partner; the label is what people read.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class HelpKind:
    code: str
    label: str
    description: str


HELP_KINDS = (
    HelpKind(
        "formation", "Formation", "Des ateliers pour apprendre à utiliser un ordinateur ou un téléphone."
    ),
    HelpKind(
        "materiel",
        "Matériel à prix solidaire",
        "Un ordinateur, une tablette ou un téléphone reconditionné, à petit prix.",
    ),
    HelpKind(
        "internet",
        "Accès internet / tarif social",
        "Un accès à internet gratuit sur place, ou un abonnement moins cher.",
    ),
    HelpKind("demarches", "Aide aux démarches", "Quelqu'un vous aide à faire vos démarches en ligne."),
    HelpKind(
        "banque-budget",
        "Accompagnement bancaire / budget",
        "Des conseils pour votre budget, vos dettes ou votre banque.",
    ),
    HelpKind(
        "handicap",
        "Accessibilité / handicap",
        "Du matériel adapté et des conseils pour les personnes handicapées.",
    ),
)

HELP_KINDS_BY_CODE = {kind.code: kind for kind in HELP_KINDS}
CODES = tuple(kind.code for kind in HELP_KINDS)
CHOICES = tuple((kind.code, kind.label) for kind in HELP_KINDS)


def get_kind(code):
    """The HelpKind for `code`, or None when the code is unknown."""
    return HELP_KINDS_BY_CODE.get(code)


def parse_codes(stored):
    """Known codes from a stored value (codes separated by spaces), in vocabulary order."""
    wanted = set((stored or "").split())
    return [code for code in CODES if code in wanted]


def serialise_codes(codes):
    """The stored form of `codes`: known codes only, no duplicates, vocabulary order."""
    wanted = set(codes or ())
    return " ".join(code for code in CODES if code in wanted)


# --- Needs: what a visitor wants, in their words (the orientation flow's question) ---


@dataclass(frozen=True)
class Need:
    """What a visitor wants to do, in their words, and the help kinds that answer it."""

    code: str
    label: str
    explanation: str
    kinds: tuple[str, ...]


NEEDS = (
    Need(
        "demarche",
        "Faire une démarche en ligne",
        "CAF, Ameli, impôts, France Travail, retraite : quelqu'un vous aide à remplir votre dossier.",
        ("demarches",),
    ),
    Need(
        "apprendre-ordinateur",
        "Apprendre l'ordinateur ou le téléphone",
        "Des ateliers pour débuter : la souris, le clavier, les courriels, internet.",
        ("formation",),
    ),
    Need(
        "ordinateur-pas-cher",
        "Avoir un ordinateur pas cher",
        "Un ordinateur, une tablette ou un téléphone reconditionné, à petit prix.",
        ("materiel",),
    ),
    Need(
        "internet-moins-cher",
        "Payer internet moins cher",
        "Un abonnement à tarif social, ou un accès à internet gratuit sur place.",
        ("internet",),
    ),
    Need(
        "budget-banque",
        "Gérer mon budget ou ma banque",
        "Des conseils gratuits pour votre budget, vos dettes ou votre compte en banque.",
        ("banque-budget",),
    ),
    Need(
        "handicap",
        "Être aidé avec un handicap",
        "Du matériel adapté et des conseils pour utiliser le numérique avec un handicap.",
        ("handicap",),
    ),
)

NEEDS_BY_CODE = {need.code: need for need in NEEDS}
# A help-kind code is also accepted as a need: `?besoin=materiel` means "ordinateur-pas-cher".
NEED_ALIASES = {kind: need.code for need in reversed(NEEDS) for kind in need.kinds}


def get_need(code):
    """The Need for a need code or a help-kind code, or None when it is unknown."""
    return NEEDS_BY_CODE.get(NEED_ALIASES.get(code, code))
