"""The partner directory: filters read from the query string, partners
grouped by territory.

Every filter value is checked against a known list before it reaches the database, so
hostile input (unknown codes, NUL bytes, markup, 10 kB strings) only ever yields a French
message and the other, valid filters still apply.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from wagtail.models import Page

from home.pagination import Pagination, page_groups, paginate
from home.params import clean_param
from locations import geo
from locations.models import TerritoryPage

from . import help_kinds

MAX_PARAM_LENGTH = 100
MAX_REPEATED_VALUES = 5
SLUG = re.compile(r"^[-a-z0-9]{1,80}$")

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
    total: int = 0  # partners of the club in the whole list (on every page)
    continued: bool = False  # the club's list began on an earlier page


def paged_groups(partners, territories, raw_page, params):
    """This page of the partners grouped by club (home.pagination): the order is worked out on
    (id, title, path) rows only; only the page's partners are loaded."""
    rows = partners.order_by().values_list("pk", "title", "path")
    order = {territory.path: index for index, territory in enumerate(territories)}
    kept = sorted(
        (row for row in rows if row[2][: -Page.steplen] in order),
        key=lambda row: (order[row[2][: -Page.steplen]], geo.normalise(row[1]), row[0]),
    )
    counts = {}
    for _pk, _title, path in kept:
        counts[path[: -Page.steplen]] = counts.get(path[: -Page.steplen], 0) + 1
    pagination = paginate(len(kept), raw_page, params=params, anchor="resultats")
    ids = [pk for pk, _title, _path in kept[pagination.offset : pagination.stop]]
    loaded = partners.in_bulk(ids)
    items = [loaded[pk] for pk in ids]
    groups = [
        (territory.title, counts[territory.path], territory)
        for territory in territories
        if territory.path in counts
    ]
    shown = page_groups(groups, pagination, items)
    return pagination, [
        TerritoryGroup(group.group, group.items, group.total, group.continued) for group in shown
    ]


@dataclass
class PartnerDirectory:
    kind: help_kinds.HelpKind | None
    territory: TerritoryPage | None
    territories: list
    groups: list
    errors: list = field(default_factory=list)
    pagination: Pagination | None = None

    @property
    def count(self):
        if self.pagination is not None:
            return self.pagination.count
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
    params = {"aide": kind_code or "", "territoire": territory.slug if territory else ""}
    pagination, groups = paged_groups(partners, territories, clean_param(query.get("page", "")), params)
    return PartnerDirectory(
        kind=help_kinds.get_kind(kind_code),
        territory=territory,
        territories=list(by_slug.values()),
        groups=groups,
        errors=errors,
        pagination=pagination,
    )


# --- page cache keys (home.page_cache.register_query_param): a value from a known set, or None


def key_kind(value):
    value = clean_param(value, MAX_PARAM_LENGTH)
    return value if not value or value in help_kinds.CODES else None


def key_territory(value):
    """A club's slug; one that does not exist gets an error message, which is never cached."""
    value = clean_param(value, MAX_PARAM_LENGTH)
    return value if not value or SLUG.match(value) else None
