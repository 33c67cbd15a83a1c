"""The directory's filters as the database and the page cache see them: each value checked
against a known list and reduced to one spelling (a resolved area, a known service, a weekday).

Plain Python (no database): the page cache keys filtered pages with these same functions before
any URL routing, so that every spelling of a search shares one cached answer and a hostile
query string never becomes a cache key.
"""

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from home.params import FieldError, clean_param

from . import geo
from .vocabulary import SERVICES, WEEKDAY_SLUGS

SERVICE_NAMES = dict(SERVICES)
OPEN_TODAY = "aujourdhui"
# "Aujourd'hui" in the cache key: the date in mainland France (overseas places are asked with
# their own date by the query, see rendering.directory).
KEY_TIME_ZONE = ZoneInfo("Europe/Paris")

UNKNOWN_SERVICE = "Ce service n'existe pas. Choisissez un service dans la liste."
UNKNOWN_DAY = "Ce jour n'existe pas. Choisissez un jour de lundi à dimanche."
UNKNOWN_OPEN = "Ce choix n'existe pas. Cochez « Ouvert aujourd'hui » ou laissez la case vide."


def resolve_ou(text):
    """(canonical text, Area) for what the visitor typed; raises geo.AreaError."""
    area = geo.resolve_area(text)
    canonical = geo.canonical_text(area)
    if canonical != text:
        area = geo.resolve_area(canonical)
    return canonical, area


@dataclass
class DirectoryFilters:
    ou: str = ""
    service: str = ""
    jour: str = ""
    ouvert: str = ""
    area: geo.Area | None = None
    errors: list = field(default_factory=list)

    @property
    def params(self):
        """The filters as the template and the pages' links use them."""
        return {"ou": self.ou, "service": self.service, "jour": self.jour, "ouvert": self.ouvert}

    @property
    def weekday(self):
        return WEEKDAY_SLUGS.get(self.jour)


def read_filters(query):
    """The directory's filters from a QueryDict; unknown values give a French message and are dropped."""
    raw = {name: clean_param(query.get(name, "")) for name in ("ou", "service", "jour", "ouvert")}
    filters = DirectoryFilters()
    if raw["ou"]:
        try:
            filters.ou, filters.area = resolve_ou(raw["ou"])
        except geo.AreaError as error:
            filters.errors.append(FieldError(str(error), "filtre-ou", error.suggestion))
            filters.ou = raw["ou"][: geo.MAX_INPUT_LENGTH]
    if raw["service"] in SERVICE_NAMES:
        filters.service = raw["service"]
    elif raw["service"]:
        filters.errors.append(FieldError(UNKNOWN_SERVICE, "filtre-service"))
    if raw["jour"] in WEEKDAY_SLUGS:
        filters.jour = raw["jour"]
    elif raw["jour"]:
        filters.errors.append(FieldError(UNKNOWN_DAY, "filtre-jour"))
    if raw["ouvert"] == OPEN_TODAY:
        filters.ouvert = OPEN_TODAY
    elif raw["ouvert"]:
        filters.errors.append(FieldError(UNKNOWN_OPEN, "filtre-ouvert"))
    return filters


# --- page cache keys: one function per query parameter (None: not cacheable) ---------------


def key_ou(value):
    value = clean_param(value)
    if not value:
        return ""
    try:
        return resolve_ou(value)[0]
    except geo.AreaError:
        return None


def key_service(value):
    value = clean_param(value)
    return value if value in SERVICE_NAMES or not value else None


def key_jour(value):
    value = clean_param(value)
    return value if value in WEEKDAY_SLUGS or not value else None


def key_ouvert(value, now=None):
    """'aujourdhui' changes meaning every day: the key holds the date."""
    value = clean_param(value)
    if not value:
        return ""
    if value != OPEN_TODAY:
        return None
    return f"{OPEN_TODAY}@{(now or datetime.now(KEY_TIME_ZONE)).astimezone(KEY_TIME_ZONE).date()}"


CACHE_KEYS = {"ou": key_ou, "service": key_service, "jour": key_jour, "ouvert": key_ouvert}
