"""The result page's "what to do next": guides, a learning path, workshops near the visitor and
partners, from diagnostic.advice's codes. Reuses the workshops list's proximity groups and the
orientation page's ranking of partners and permanences: one notion of "near" on the site."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import QueryDict

from guides.models import GuidePage, LearningPathPage
from home.languages import for_reader
from locations import geo
from locations.filters import resolve_ou
from locations.poster import qr_data_uri
from partners import help_kinds
from partners.models import PartnerPage
from partners.orientation import orient
from workshops.models import local_today, upcoming, with_places
from workshops.rendering import item_by_date, item_where, summary_item

from .advice import KIND_WORDS, advise

MAX_GUIDES_PER_TOPIC = 3
MAX_WORKSHOPS = 3
MAX_PARTNERS = 3


@dataclass
class PartnerAdvice:
    code: str  # a partners.help_kinds code
    label: str  # in the reader's language
    description: str
    local: list = field(default_factory=list)
    remote: list = field(default_factory=list)


@dataclass
class Recommendations:
    advice: object
    ou: str = ""
    area: object = None
    errors: list = field(default_factory=list)
    guides: list = field(default_factory=list)  # {"page": GuidePage, "qr": a QR code to it, for print}
    path: object = None
    workshop_groups: list = field(default_factory=list)  # geo.Group of workshop summary items
    partners: list = field(default_factory=list)  # PartnerAdvice, most urgent first
    place_groups: list = field(default_factory=list)  # nearest permanences (orientation's)
    help_points: list = field(default_factory=list)  # the clubs covering the area


def read_area(raw):
    """(canonical text, Area or None, errors) for the postcode or commune typed."""
    raw = (raw or "").strip()[: geo.MAX_INPUT_LENGTH]
    if not raw:
        return "", None, []
    try:
        ou, area = resolve_ou(raw)
    except geo.AreaError as error:
        return raw, None, [str(error)]
    return ou, area, []


def fitting_guides(topics):
    """Live public guides of the topics (the first few of each), in the topics' order, then
    the tree's: every topic that fits gets a say, however many guides the first one has."""
    if not topics:
        return []
    guides = GuidePage.objects.live().public().filter(topic__slug__in=topics).select_related("topic")
    by_topic = {}
    for guide in guides.order_by("path"):
        by_topic.setdefault(guide.topic.slug, []).append(guide)
    return [guide for topic in topics for guide in by_topic.get(topic, [])[:MAX_GUIDES_PER_TOPIC]]


def fitting_path(topics):
    """The live learning path with the most guides in the first topic that has one."""
    for topic in topics:
        path = (
            LearningPathPage.objects.live()
            .public()
            .annotate(fit=Count("path_guides", filter=Q(path_guides__guide__topic__slug=topic)))
            .filter(fit__gt=0)
            .order_by("-fit", "path")
            .first()
        )
        if path is not None:
            return path
    return None


def nearby_workshops(themes, area, limit=MAX_WORKSHOPS):
    """Groups of upcoming workshops on `themes` inside the area's region, nearest first, at
    most `limit` in all (the /ateliers/ list's groups: « À Lisieux », « Dans le Calvados »…)."""
    if area is None or not themes:
        return []
    today = local_today()
    wanted = set(themes)
    items = [
        summary_item(workshop, place, today)
        for workshop, place in with_places(list(upcoming(today)))
        if wanted & set(workshop.themes or [])
    ]
    groups, left = [], limit
    for group in area.group(items, item_where, item_by_date):
        if group.level > geo.REGION or not left:
            break
        groups.append(geo.Group(group.level, group.heading, group.items[:left]))
        left -= len(groups[-1].items)
    return groups


def recommend(result, raw_ou="", request=None):
    """Recommendations for a scoring.Result and the place typed (postcode or commune)."""
    advice = advise(result)
    found = Recommendations(advice)
    found.ou, found.area, found.errors = read_area(raw_ou)
    # The printed result leads back to each guide: at the site's public address.
    # Each guide and the path in the reader's language where translated, else French (marked).
    guides = for_reader(fitting_guides(advice.topics))
    found.guides = [{"page": guide, "qr": qr_data_uri(guide.get_full_url(request))} for guide in guides]
    found.path = next(iter(for_reader([fitting_path(advice.topics)])), None)
    found.workshop_groups = nearby_workshops(advice.themes, found.area)
    partners = PartnerPage.objects.live().public()
    for code in advice.partner_kinds:
        query = QueryDict(mutable=True)
        query["besoin"] = code
        if found.area is not None:
            query["ou"] = found.ou
        orientation = orient(query, partners)
        kind = help_kinds.get_kind(code)
        label, description = KIND_WORDS.get(code, (kind.label, kind.description))
        found.partners.append(
            PartnerAdvice(
                code,
                label,
                description,
                orientation.local_partners[:MAX_PARTNERS],
                orientation.remote_partners[:MAX_PARTNERS],
            )
        )
        if advice.permanence and code == advice.partner_kinds[-1]:
            found.place_groups = orientation.place_groups
            found.help_points = orientation.help_points
    return found
