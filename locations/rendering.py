"""What the place page, its agenda route, the directory and its open-data export routes show.

The pages' models and routes call these functions; nothing here imports a model (querysets
and pages are passed in)."""

from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from home.pagination import page_groups, paginate
from home.params import clean_param

from . import geo, schedule
from .filters import read_filters
from .status import place_status, statuses
from .vocabulary import SERVICES, WEEKDAY_SLUGS

AGENDA_WEEKS = 8


def where_json_ld(place):
    """schema.org address (and coordinates, when known) of a place: its page's and its workshops'."""
    data = {
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.address,
            "postalCode": place.postcode,
            "addressLocality": place.commune,
            "addressCountry": "FR",
        },
    }
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    return data


def json_ld(place, request, status):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice"
        if place.kind in ("france_services", "mairie", "ccas")
        else "LocalBusiness",
        "name": place.title,
        "url": place.get_full_url(request),
        **where_json_ld(place),
        "openingHoursSpecification": schedule.to_schema_org(status["schedule"], status["local_now"].date()),
    }
    if place.phone:
        data["telephone"] = place.phone
    if place.email:
        data["email"] = place.email
    own_site = (place.source_data or {}).get("record", {}).get("site_web", "").split("|")[0]
    if own_site:  # an imported place's own site (its record's site_web); `url` is our page
        data["sameAs"] = own_site
    return data  # the template escapes it for <script> with the json_ld filter


def place_context(place, request):
    status = place_status(place)
    return {
        **status,
        "hours": schedule.table_rows(status["schedule"]),
        "closures": [c for c in status["schedule"].closures if c.end >= status["local_now"].date()],
        "closure_texts": [
            closure_fr(c) for c in status["schedule"].closures if c.end >= status["local_now"].date()
        ],
        "json_ld": json_ld(place, request, status),
        "agenda_url": place.subpage_url("agenda", request),
        "services": place.label("services"),
        "equipment": place.label("equipment"),
        "access": place.label("access"),
        **published_details(place),
    }


def _link(value):
    """The first web address of a `|` list, if it is one (never a javascript: or other scheme)."""
    first = (value or "").split("|")[0].strip()
    return first if first.startswith(("https://", "http://")) else ""


def _items(*values):
    return list(
        dict.fromkeys(item.strip() for value in values for item in (value or "").split("|") if item.strip())
    )


def published_details(place):
    """What an imported place's national record says beyond our fields, for its page: booking
    link, fees, audiences, labels, accessibility sheet, its own site, and its hours as published
    when we could not read them (shown as « nous consulter », never guessed)."""
    source = place.source_data or {}
    record = source.get("record", {})
    return {
        "booking_url": _link(record.get("prise_rdv")),
        "fees": _items(record.get("frais_a_charge")),
        "audiences": _items(record.get("publics_specifiquement_adresses")),
        "specific_support": _items(record.get("prise_en_charge_specifique")),
        "labels": _items(
            record.get("dispositif_programmes_nationaux"),
            record.get("formations_labels"),
            record.get("autres_formations_labels"),
        ),
        "accessibility_url": _link(record.get("fiche_acces_libre")),
        "own_site": _link(record.get("site_web")),
        "published_hours": record.get("horaires", "") if source.get("unread_hours") else "",
    }


def closure_fr(closure):
    if closure.start == closure.end:
        text = f"Fermé le {schedule.date_fr(closure.start)}"
    else:
        text = f"Fermé du {schedule.date_fr(closure.start)} au {schedule.date_fr(closure.end)}"
    return f"{text} ({closure.reason})" if closure.reason else text


def place_agenda(place, request):
    plan = place.get_schedule()
    today = schedule.local_now(plan, timezone.now()).date()
    body = schedule.to_ical(
        plan,
        today,
        weeks=AGENDA_WEEKS,
        name=place.title,
        location=place.full_address,
        url=place.get_full_url(request),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{place.slug}.ics"'
    add_never_cache_headers(response)
    return response


# --- directory ----------------------------------------------------------------------------


def orientation_url(ou):
    """The orientation page (partners app, which builds on this one), found by its type."""
    page = (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="partners", content_type__model="orientationpage")
        .first()
    )
    return f"{page.url}?{urlencode({'ou': ou})}" if page is not None else ""


def remote_help():
    """Partners who help by phone from anywhere (partners app pages, read by their type)."""
    pages = (
        Page.objects.live()
        .public()
        .filter(content_type__app_label="partners", content_type__model="partnerpage")
        .specific()
    )
    return sorted(
        (p for p in pages if getattr(p, "is_remote", False) and getattr(p, "phone", "")),
        key=lambda p: geo.normalise(p.title),
    )


@dataclass
class Nearness:
    """How `area` sorts the places: `places` annotated with `level` (geo.COMMUNE … geo.ELSEWHERE,
    as Area.proximity says) and `city` (the rank of the searched commune a place is in), the
    headings by (level, city), and for each (level, city) the condition on the indexed area
    columns that selects exactly its places (no CASE over every place)."""

    places: object
    headings: dict
    conditions: dict
    reach: dict  # level -> the condition selecting the places at that level or nearer
    wide: dict  # EPCI/DEPARTMENT/REGION -> the area-code condition alone (no searched commune)
    communes: dict  # (geo.COMMUNE, rank) -> the commune codes of that searched commune
    area: geo.Area
    postcode_rank: int  # the rank of places known by their postcode only
    origin: tuple | None  # the search's centre (geo.area_origin): each group lists the nearest first


def nearness(places, area):
    """The places of `places` as `area` groups them (see Nearness): computed by the database."""
    cities = {}
    if area.communes:
        for city in area.cities:
            members = geo.city_members(city)
            name = area._commune_name(min(members - {city}) if len(members) > 1 else city)
            cities.setdefault(name, set()).update(members)
    names = sorted(cities, key=geo.normalise)
    by_postcode_only = Q(commune_code="", postcode__in=sorted(area.postcodes))
    in_communes = Q(commune_code__in=sorted(set().union(*cities.values()))) | by_postcode_only
    wide = {geo.EPCI: Q(epci_code__in=sorted(area.epcis))}
    wide[geo.DEPARTMENT] = wide[geo.EPCI] | Q(department_code__in=sorted(area.departments))
    wide[geo.REGION] = wide[geo.DEPARTMENT] | Q(region_code__in=sorted(area.regions))
    reach = {geo.COMMUNE: in_communes, **{level: in_communes | q for level, q in wide.items()}}
    conditions = {
        **{(geo.COMMUNE, rank): Q(commune_code__in=sorted(cities[name])) for rank, name in enumerate(names)},
        (geo.COMMUNE, len(names)): by_postcode_only,
        (geo.EPCI, 0): reach[geo.EPCI] & ~reach[geo.COMMUNE],
        (geo.DEPARTMENT, 0): reach[geo.DEPARTMENT] & ~reach[geo.EPCI],
        (geo.REGION, 0): reach[geo.REGION] & ~reach[geo.DEPARTMENT],
        (geo.ELSEWHERE, 0): ~reach[geo.REGION],
    }
    city_rank = Case(
        *(When(commune_code__in=sorted(cities[name]), then=Value(rank)) for rank, name in enumerate(names)),
        When(by_postcode_only, then=Value(len(names))),
        default=Value(0),
        output_field=IntegerField(),
    )
    level = Case(
        When(in_communes, then=Value(geo.COMMUNE)),
        When(epci_code__in=sorted(area.epcis), then=Value(geo.EPCI)),
        When(department_code__in=sorted(area.departments), then=Value(geo.DEPARTMENT)),
        When(region_code__in=sorted(area.regions), then=Value(geo.REGION)),
        default=Value(geo.ELSEWHERE),
        output_field=IntegerField(),
    )
    places = places.annotate(level=level).annotate(
        city=Case(When(level=geo.COMMUNE, then=city_rank), default=Value(0), output_field=IntegerField())
    )
    headings = {(geo.COMMUNE, rank): area.heading(geo.COMMUNE, name) for rank, name in enumerate(names)}
    headings[(geo.COMMUNE, len(names))] = area.heading(geo.COMMUNE)
    for level_ in (geo.EPCI, geo.DEPARTMENT, geo.REGION, geo.ELSEWHERE):
        headings[(level_, 0)] = area.heading(level_)
    communes = {(geo.COMMUNE, rank): cities[name] for rank, name in enumerate(names)}
    return Nearness(
        places, headings, conditions, reach, wide, communes, area, len(names), geo.area_origin(area)
    )


def distance_order(origin):
    """geo.distance_key of each place's position (near_latitude/near_longitude, see
    LocationPage.fill_area_codes) computed by the database: what places are ordered by."""
    if origin is None:
        return Value(0.0, output_field=FloatField())
    north = F("near_latitude") - Value(origin[0], output_field=FloatField())
    east = (F("near_longitude") - Value(origin[1], output_field=FloatField())) * Value(
        origin[2], output_field=FloatField()
    )
    return Case(
        When(Q(near_latitude__isnull=True) | Q(near_longitude__isnull=True), then=Value(geo.UNLOCATED)),
        default=north * north + east * east,
        output_field=FloatField(),
    )


def nearness_counts(near):
    """{(level, city): number of places} of the non-empty groups of a Nearness, in two queries
    whatever the number of places: the searched communes' places, read through the commune
    index, with their area codes; and one pass over the places counting those in the area's
    EPCIs, departments and regions (plain IN lists: no CASE and no commune test per place)."""
    places = near.places.order_by()
    area = near.area
    rows = list(
        places.filter(near.reach[geo.COMMUNE])
        .values("commune_code", "epci_code", "department_code", "region_code")
        .annotate(count=Count("pk"))
    )
    wide = places.aggregate(
        total=Count("pk"),
        epci=Count("pk", filter=near.wide[geo.EPCI]),
        department=Count("pk", filter=near.wide[geo.DEPARTMENT]),
        region=Count("pk", filter=near.wide[geo.REGION]),
    )
    within = {geo.COMMUNE: 0, geo.EPCI: wide["epci"], geo.DEPARTMENT: wide["department"]}
    within[geo.REGION] = wide["region"]
    counts = {}
    rank_of = {code: key[1] for key, codes in near.communes.items() for code in codes}
    for row in rows:
        key = (geo.COMMUNE, rank_of.get(row["commune_code"], near.postcode_rank))
        counts[key] = counts.get(key, 0) + row["count"]
        # A searched commune's place counts at every level, even where its own codes do not.
        reached = False
        within[geo.COMMUNE] += row["count"]
        for level, codes, column in (
            (geo.EPCI, area.epcis, "epci_code"),
            (geo.DEPARTMENT, area.departments, "department_code"),
            (geo.REGION, area.regions, "region_code"),
        ):
            reached = reached or row[column] in codes
            if not reached:
                within[level] += row["count"]
    for level in (geo.EPCI, geo.DEPARTMENT, geo.REGION):
        counts[(level, 0)] = within[level] - within[level - 1]
    counts[(geo.ELSEWHERE, 0)] = wide["total"] - within[geo.REGION]
    return {key: count for key, count in sorted(counts.items()) if count}


def nearness_groups(near, counts):
    """[(heading, count, geo.Group)] of the non-empty groups, nearest first."""
    return [
        (near.headings[key], count, geo.Group(key[0], near.headings[key]))
        for key, count in sorted(counts.items())
    ]


def nearness_page(near, counts, offset, stop):
    """The places `offset`..`stop` of the whole list by nearness, read only from the groups
    this page shows: each group is one indexed condition, so the database never sorts every
    place by a CASE; within a single group the order is (sort_title, pk), an index."""
    keys, start, skipped = [], 0, 0
    for key, count in sorted(counts.items()):
        end = start + count
        if end > offset and start < stop:
            if not keys:
                skipped = start
            keys.append(key)
        start = end
    if not keys:
        return []
    places = near.places.filter(reduce(or_, (near.conditions[key] for key in keys)))
    places = places.annotate(distance=distance_order(near.origin))
    order = (
        ("distance", "sort_title", "pk")
        if len(keys) == 1
        else ("level", "city", "distance", "sort_title", "pk")
    )
    return list(places.order_by(*order)[offset - skipped : stop - skipped])


def open_on(sessions, now):
    """The condition on places holding a session on their own local date ("open today"),
    whatever their time zone: the zone is read from the places the directory scans anyway, the
    sessions only through their (day, place) index (no second pass over the places)."""
    zones_by_day = {}
    for zone, (tz_name, _subdivision) in schedule.ZONES.items():
        zones_by_day.setdefault(now.astimezone(ZoneInfo(tz_name)).date(), []).append(zone)
    query = Q(pk__in=[])
    for day, zones in zones_by_day.items():
        # A place without a zone is in mainland France (LocationPage.save fills it from its department).
        names = [*zones, ""] if "metropole" in zones else zones
        query |= Q(holiday_zone__in=names, pk__in=sessions.filter(day=day).values("place_id"))
    return query


def on_weekday(sessions, weekday):
    """The condition on places holding a session on `weekday`: asked place by place through the
    (weekday, place) index, which stops at the first session, rather than gathering the ~90,000
    sessions of that weekday at 20,000 places to keep their 9,000 places."""
    return Exists(sessions.filter(weekday=weekday, place_id=OuterRef("pk")))


def directory(places, sessions, query, now=None):
    """One page of the directory: `places` (the live public places) filtered in the database by
    the GET parameters `query`, grouped by nearness when a place is asked, with their next
    sessions read from `sessions` (UpcomingSession). The number of queries does not depend on
    the number of places."""
    filters = read_filters(query)
    now = now or timezone.now()
    if filters.service:
        places = places.filter(service_links__service=filters.service)
    if filters.jour:
        places = places.filter(on_weekday(sessions, filters.weekday))
    if filters.ouvert:
        places = places.filter(open_on(sessions, now))
    area = filters.area
    params = {**filters.params, "ou": filters.ou if area else ""}
    if area:
        near = nearness(places, area)
        counts = nearness_counts(near)
        groups = nearness_groups(near, counts)
        total = sum(counts.values())
    else:
        groups = []
        total = places.count()
    pagination = paginate(total, clean_param(query.get("page", "")), params=params, anchor="resultats")
    if area:
        page_places = nearness_page(near, counts, pagination.offset, pagination.stop)
    else:
        page_places = list(places.order_by("sort_title", "pk")[pagination.offset : pagination.stop])
    found = statuses(page_places, sessions, now)
    results = [{"place": place, **found[place.pk]} for place in page_places]
    near_count = sum(count for _heading, count, group in groups if group.near)
    return {
        "params": filters.params,
        "errors": filters.errors,
        "area": area,
        "results": results,
        "total": total,
        "pagination": pagination,
        "groups": page_groups(groups, pagination, results),
        "near_count": near_count,
        "far_count": total - near_count if area else 0,
        "orientation_url": orientation_url(filters.ou) if area and not near_count else "",
        "remote_help": remote_help() if area and not near_count else [],
        "service_choices": SERVICES,
        "day_choices": list(WEEKDAY_SLUGS),
        "filtered": any(filters.params.values()),
        "nearest_first": bool(area and near.origin),
    }
