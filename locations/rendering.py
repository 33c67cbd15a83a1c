"""What the place page, its agenda route, the directory and its open-data export routes show.

The pages' models and routes call these functions; nothing here imports a model (querysets
and pages are passed in)."""

from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, IntegerField, Q, Value, When
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


def nearness(places, area):
    """`places` annotated with `level` (geo.COMMUNE … geo.ELSEWHERE, as Area.proximity says) and
    `city` (the rank of the searched commune a place is in), computed by the database from the
    area columns; and the headings by (level, city)."""
    cities = {}
    if area.communes:
        for city in area.cities:
            members = geo.city_members(city)
            name = area._commune_name(min(members - {city}) if len(members) > 1 else city)
            cities.setdefault(name, set()).update(members)
    names = sorted(cities, key=geo.normalise)
    by_postcode_only = Q(commune_code="", postcode__in=sorted(area.postcodes))
    city_rank = Case(
        *(When(commune_code__in=sorted(cities[name]), then=Value(rank)) for rank, name in enumerate(names)),
        When(by_postcode_only, then=Value(len(names))),
        default=Value(0),
        output_field=IntegerField(),
    )
    in_communes = Q(commune_code__in=sorted(set().union(*cities.values()))) | by_postcode_only
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
    return places, headings


def nearness_groups(places, headings):
    """[(heading, count, geo.Group)] of annotated `places`, nearest first: one query."""
    counts = places.order_by().values("level", "city").annotate(count=Count("pk")).order_by("level", "city")
    return [
        (
            headings[(row["level"], row["city"])],
            row["count"],
            geo.Group(row["level"], headings[(row["level"], row["city"])]),
        )
        for row in counts
    ]


def open_on(sessions, now):
    """Sessions on the local date of their place ("open today"), whatever its time zone."""
    zones_by_day = {}
    for zone, (tz_name, _subdivision) in schedule.ZONES.items():
        zones_by_day.setdefault(now.astimezone(ZoneInfo(tz_name)).date(), []).append(zone)
    query = Q(pk__in=[])
    for day, zones in zones_by_day.items():
        # A place without a zone is in mainland France (LocationPage.save fills it from its department).
        names = [*zones, ""] if "metropole" in zones else zones
        query |= Q(day=day, place__holiday_zone__in=names)
    return sessions.filter(query)


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
        places = places.filter(pk__in=sessions.filter(weekday=filters.weekday).values("place_id"))
    if filters.ouvert:
        places = places.filter(pk__in=open_on(sessions, now).values("place_id"))
    area = filters.area
    params = {**filters.params, "ou": filters.ou if area else ""}
    if area:
        places, headings = nearness(places, area)
        groups = nearness_groups(places, headings)
        total = sum(count for _heading, count, _group in groups)
        places = places.order_by("level", "city", "sort_title", "pk")
    else:
        groups = []
        total = places.count()
        places = places.order_by("sort_title", "pk")
    pagination = paginate(total, clean_param(query.get("page", "")), params=params, anchor="resultats")
    page_places = list(places[pagination.offset : pagination.stop])
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
    }
