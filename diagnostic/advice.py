"""What to do next for a Result: which guides, paths, workshops and partners fit. A table.

Plain Python: codes only (guide topic slugs, workshop/activity theme codes, partner help-kind
codes); diagnostic.recommend turns them into pages. An area that is not "À l'aise" gets its
row; a person without a device or internet at home is sent to partners first, since no guide
helps without them; procedures to be done *for* the person go to a permanence and remote help."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .questions import BANKING, EQUIPMENT, EVERYDAY, PROCEDURES
from .scoring import NEEDS_HELP, ON_THE_WAY


@dataclass(frozen=True)
class Row:
    topics: tuple  # GuideTopic slugs
    themes: tuple  # workshop themes (activity.vocabulary theme codes)


TABLE = {
    EQUIPMENT: Row(("debuter",), ("apprendre-ordinateur",)),
    EVERYDAY: Row(("debuter",), ("apprendre-ordinateur",)),
    PROCEDURES: Row(("demarches",), ("demarche",)),
    BANKING: Row(
        ("banque", "securite"),
        ("budget-banque", "banque-comptes", "banque-virement", "banque-rib", "banque-arnaques"),
    ),
}

EQUIPMENT_KIND = "materiel"
INTERNET_KIND = "internet"
PROCEDURES_KIND = "demarches"
# The words of the help kinds this page recommends, in the reader's language (partners'
# vocabulary is French-only, as the partner pages are).
KIND_WORDS = {
    EQUIPMENT_KIND: (
        _("Matériel à prix solidaire"),
        _("Un ordinateur, une tablette ou un téléphone reconditionné, à petit prix."),
    ),
    INTERNET_KIND: (
        _("Accès internet / tarif social"),
        _("Un accès à internet gratuit sur place, ou un abonnement moins cher."),
    ),
    PROCEDURES_KIND: (_("Aide aux démarches"), _("Quelqu'un vous aide à faire vos démarches en ligne.")),
}


@dataclass
class Advice:
    areas: list = field(default_factory=list)  # area codes to work on, weakest first
    topics: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    partner_kinds: list = field(default_factory=list)  # help kinds, most urgent first
    permanence: bool = False  # show the nearest permanences and remote help


def _add(target, values):
    target.extend(value for value in values if value not in target)


def advise(result):
    """The Advice for a scoring.Result."""
    advice = Advice()
    weakest = sorted(
        (item for item in result.areas if item.profile.code in (NEEDS_HELP, ON_THE_WAY)),
        key=lambda item: item.profile.level,
    )
    for item in weakest:
        advice.areas.append(item.area.code)
        _add(advice.topics, TABLE[item.area.code].topics)
        _add(advice.themes, TABLE[item.area.code].themes)
    if result.no_device:
        advice.partner_kinds.append(EQUIPMENT_KIND)
    if result.no_home_internet:
        advice.partner_kinds.append(INTERNET_KIND)
    if PROCEDURES in result.needing(NEEDS_HELP):
        advice.partner_kinds.append(PROCEDURES_KIND)
        advice.permanence = True
    return advice
