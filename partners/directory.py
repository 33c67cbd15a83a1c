"""The partner directory: filters read from the query string, partners
grouped by territory.

Every filter value is checked against a known list before it reaches the database, so
hostile input (unknown codes, NUL bytes, markup, 10 kB strings) only ever yields a French
message and the other, valid filters still apply.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page

from home.params import clean_param
from locations import geo
from locations.models import TerritoryPage

from . import help_kinds

MAX_PARAM_LENGTH = 100
MAX_REPEATED_VALUES = 5

UNKNOWN_KIND = "Nous ne connaissons pas ce type d'aide. Choisissez-en un dans la liste."
UNKNOWN_TERRITORY = "Nous ne connaissons pas ce territoire. Choisissez-en un dans la liste."


def read_choice(query, name, known):
    """The first known value of parameter `name`, and whether an unknown value was given.

    Repeated parameters are allowed: the first known value wins."""
    chosen, unknown = None, False
    for raw in query.getlist(name)[:MAX_REPEATED_VALUES]:
        value = clean_param(raw, MAX_PARAM_LENGTH)
        if not value:
            continue
        if value in known:
            chosen = chosen or value
        else:
            unknown = True
    return chosen, unknown


def kind_q(code):
    """Partners offering the help kind `code` (codes are stored separated by spaces)."""
    return (
        Q(help_kinds=code)
        | Q(help_kinds__startswith=f"{code} ")
        | Q(help_kinds__endswith=f" {code}")
        | Q(help_kinds__contains=f" {code} ")
    )


def kinds_q(codes):
    """Partners offering at least one of `codes`."""
    query = Q(pk__in=[])
    for code in codes:
        query |= kind_q(code)
    return query


def live_territories():
    """The live public clubs, in the order of the page tree."""
    return list(TerritoryPage.objects.live().public().order_by("path"))


def offering(partners, kinds=None):
    """The `partners` (a queryset) offering one of `kinds` (codes); all of them without kinds."""
    return partners.filter(kinds_q(kinds)) if kinds else partners


def sort_key(partner):
    return geo.normalise(partner.title)


@dataclass
class TerritoryGroup:
    territory: TerritoryPage
    partners: list


def group_by_territory(partners, territories):
    """Partners under their club, clubs in tree order, partners by name. Clubs without
    partners are left out; so are partners whose club is not live (the page is not either)."""
    by_path = {territory.path: TerritoryGroup(territory, []) for territory in territories}
    for partner in partners:
        group = by_path.get(partner.path[: -Page.steplen])
        if group is not None:
            group.partners.append(partner)
    groups = [group for group in by_path.values() if group.partners]
    for group in groups:
        group.partners.sort(key=sort_key)
    return groups


@dataclass
class PartnerDirectory:
    kind: help_kinds.HelpKind | None
    territory: TerritoryPage | None
    territories: list
    groups: list
    errors: list = field(default_factory=list)

    @property
    def count(self):
        return sum(len(group.partners) for group in self.groups)

    @property
    def kinds(self):
        return help_kinds.HELP_KINDS

    @property
    def filtered(self):
        return bool(self.kind or self.territory)


def partner_directory(query, partners):
    """Everything the partners directory shows for the query string `query` (a QueryDict),
    from `partners`, the live public partners."""
    errors = []
    territories = live_territories()
    by_slug = {territory.slug: territory for territory in territories}

    kind_code, unknown_kind = read_choice(query, "aide", help_kinds.CODES)
    if unknown_kind:
        errors.append(UNKNOWN_KIND)
    territory_slug, unknown_territory = read_choice(query, "territoire", by_slug)
    if unknown_territory:
        errors.append(UNKNOWN_TERRITORY)

    territory = by_slug.get(territory_slug)
    partners = offering(partners, [kind_code] if kind_code else None)
    if territory is not None:
        partners = partners.descendant_of(territory)
        territories = [territory]
    return PartnerDirectory(
        kind=help_kinds.get_kind(kind_code),
        territory=territory,
        territories=list(by_slug.values()),
        groups=group_by_territory(partners, territories),
        errors=errors,
    )
