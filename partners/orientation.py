"""Orientation (/trouver-de-l-aide/): a need and a place in; local partners, remote
services and the nearest permanences out. The page prints as a referral slip.

Guides link here with `?besoin=<code>`: a need code below, or a help-kind code
(`formation`, `materiel`, `internet`, `demarches`, `banque-budget`, `handicap`).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from home.params import FieldError, clean_param
from locations import geo
from locations.filters import resolve_ou
from locations.models import LocationIndexPage, LocationPage, UpcomingSession
from locations.rendering import distance_order, nearness
from locations.status import statuses

from . import help_kinds
from .directory import MAX_PARAM_LENGTH, live_territories, offering, read_choice, sort_key
from .help_kinds import NEED_ALIASES, NEEDS, NEEDS_BY_CODE, Need, get_need

UNKNOWN_NEED = "Nous ne connaissons pas ce besoin. Choisissez-en un dans la liste."
NOTHING_ASKED = "Choisissez de quoi vous avez besoin, ou écrivez votre commune, puis validez."
# The form sends envoi=1: an empty submission says what is missing, a first visit does not.
SENT = "envoi"
NEED_FIELD = f"besoin-{NEEDS[0].code}"  # an error about the need links to its first choice
PLACE_FIELD = "ou"


@dataclass(frozen=True)
class HelpPoint:
    """A place where a mediator can help. For now: the club covering the area."""

    title: str
    page: object
    phone: str = ""
    email: str = ""
    directory_url: str = ""


def area_query(area):
    """What to type to find `area` again: a postcode, a commune name or a department code."""
    if not area.communes:
        return next(iter(sorted(area.departments)), "")
    if area.label[:5].isdigit():
        return area.label[:5]
    return area.label


def nearest_help_points(area, ou=None):
    """The permanences nearest to `area`. Today: the clubs covering its departments, each
    with a link to the directory of places filtered on the same place."""
    territories = [t for t in live_territories() if set(t.department_codes) & area.departments]
    if not territories:
        return []
    directory = LocationIndexPage.objects.live().public().first()
    directory_url = ""
    if directory is not None:
        directory_url = f"{directory.url}?{urlencode({'ou': ou or area_query(area)})}"
    return [
        HelpPoint(t.title, t, phone=t.phone, email=t.email, directory_url=directory_url) for t in territories
    ]


NEAREST_PLACES = 3


def nearest_places(area, limit=NEAREST_PLACES, now=None):
    """Groups of live permanences for `area` (geo.Group, at most `limit` places in all), each
    place with its address and next sessions: what the referral slip tells the visitor.

    Places inside the searched department come first, by nearness; when there are none, the
    places of the same region; never a place further away (the directory lists those).
    Chosen and ordered by the database (area columns), sessions read from UpcomingSession."""
    near = nearness(LocationPage.objects.live().public(), area)
    ordered = near.places.annotate(distance=distance_order(near.origin))
    ordered = ordered.order_by("level", "city", "distance", "sort_title", "pk")
    # Nearest level first, each an indexed condition on the area columns: a commune with
    # permanences is answered from its own few places, not by sorting the department's.
    for level in (geo.COMMUNE, geo.EPCI, geo.DEPARTMENT):
        chosen = list(ordered.filter(near.reach[level])[:limit])
        if len(chosen) == limit:
            break
    if not chosen:
        chosen = list(ordered.filter(near.conditions[(geo.REGION, 0)])[:limit])
    found = statuses(chosen, UpcomingSession.objects.all(), now)
    kept = []
    for place in chosen:
        heading = near.headings[(place.level, place.city)]
        if not kept or kept[-1].heading != heading:
            kept.append(geo.Group(place.level, heading, []))
        kept[-1].items.append({"place": place, **found[place.pk]})
    return kept


def near_q(area):
    """Partners worth ranking for `area`: remote ones, and those in its departments' regions
    (the region is only shown when the department has none)."""
    query = Q(is_remote=True)
    for department in sorted(region_departments(area)) if area else ():
        query |= Q(insee__startswith=department)
    return query


def region_departments(area):
    """The departments of the regions of `area` (its own ones when their region is unknown)."""
    regions = area.regions
    departments = {code for code, entry in geo.geography().departments.items() if entry[0] in regions}
    return departments | set(area.departments)


def rank_partners(partners, area):
    """(local, remote): partners with an address in the area's departments, same commune
    first, then same EPCI, then the rest of the department, each the nearest first (from their
    commune's centre); then "à distance" partners that are not already local, by name."""
    local, regional, remote = [], [], []
    origin = geo.area_origin(area) if area else None
    for partner in partners:
        closeness = area.proximity(partner.insee, partner.postcode) if area and partner.has_address else None
        position = geo.commune_centre(partner.insee, partner.postcode) or (None, None)
        ranked = ((closeness, geo.distance_key(*position, origin)), sort_key(partner), partner)
        if closeness is not None and closeness <= geo.DEPARTMENT:
            local.append(ranked)
        elif closeness == geo.REGION:
            regional.append(ranked)
        elif partner.is_remote:
            remote.append(partner)
    # None in the department: the region's, under a heading that says so (never called near).
    local = local or regional
    local.sort(key=lambda item: item[:2])
    remote.sort(key=sort_key)
    return [partner for _closeness, _key, partner in local], remote


@dataclass
class Orientation:
    needs: tuple = NEEDS
    need: Need | None = None
    ou: str = ""
    area: geo.Area | None = None
    errors: list = field(default_factory=list)
    local_partners: list = field(default_factory=list)
    remote_partners: list = field(default_factory=list)
    help_points: list = field(default_factory=list)
    place_groups: list = field(default_factory=list)

    @property
    def places(self):
        return [item for group in self.place_groups for item in group.items]

    @property
    def places_near(self):
        """Whether the permanences listed are in the searched department (else: the region)."""
        return bool(self.place_groups) and self.place_groups[0].near

    @property
    def asked(self):
        """Whether there is an answer to show (a valid need, a valid place, or both)."""
        return bool(self.need or self.area)

    @property
    def partners_heading(self):
        """« dans le Calvados », or « ailleurs en Normandie » when only the region has some."""
        first = self.local_partners[0] if self.local_partners else None
        if first is not None and self.area.proximity(first.insee, first.postcode) == geo.REGION:
            return geo.Group(geo.REGION, self.area.heading(geo.REGION)).phrase
        return self.area.department_phrase

    @property
    def count(self):
        return len(self.local_partners) + len(self.remote_partners)

    @property
    def kinds(self):
        return [help_kinds.get_kind(code) for code in self.need.kinds] if self.need else []


def orient(query, partners):
    """Everything the orientation page shows for the query string `query` (a QueryDict),
    from `partners`, the live public partners."""
    result = Orientation()
    need_code, unknown_need = read_choice(query, "besoin", set(NEEDS_BY_CODE) | set(NEED_ALIASES))
    if unknown_need:
        result.errors.append(FieldError(UNKNOWN_NEED, NEED_FIELD))
    result.need = get_need(need_code)

    # `ou` is free text: the first non-empty value, cleaned, is what we resolve and echo.
    ou_values = [clean_param(value, MAX_PARAM_LENGTH) for value in query.getlist("ou")[:5]]
    raw_ou = next((value for value in query.getlist("ou")[:5] if value.strip()), "")
    result.ou = next((value for value in ou_values if value), "")
    if raw_ou:
        try:
            if len(raw_ou) > geo.MAX_INPUT_LENGTH:
                geo.resolve_area(raw_ou)  # raises the "too long" message
            # One spelling of the place (the page cache keys the page by it, see locations.filters).
            result.ou, result.area = resolve_ou(result.ou)
        except geo.AreaError as error:
            result.errors.append(FieldError(str(error), PLACE_FIELD, error.suggestion))
            result.ou = result.ou[: geo.MAX_INPUT_LENGTH]

    if not result.asked and not result.errors and query.get(SENT) == "1":
        result.errors.append(FieldError(NOTHING_ASKED, NEED_FIELD))
    if not result.asked or result.errors:
        return result
    kinds = result.need.kinds if result.need else None
    partners = offering(partners, kinds).filter(near_q(result.area))
    result.local_partners, result.remote_partners = rank_partners(partners, result.area)
    if result.area is not None:
        result.help_points = nearest_help_points(result.area, result.ou)
        result.place_groups = nearest_places(result.area)
    return result


# --- page cache keys (home.page_cache.register_query_param) ---------------------------------


# Every unknown need gets the same answer (the page never echoes it: "choose one in the list"),
# so all of them share one cache entry per place, which no query string can multiply.
UNKNOWN_NEED_KEY = "?"


def key_sent(value):
    """The form's envoi=1 (an empty submission is not the first visit); None for anything else."""
    return "1" if clean_param(value, 2) == "1" else None


def key_need(value):
    """A need or help-kind code, as the need it means; UNKNOWN_NEED_KEY for any other text."""
    value = clean_param(value, MAX_PARAM_LENGTH)
    if not value:
        return ""
    need = get_need(value)
    return need.code if need else UNKNOWN_NEED_KEY
