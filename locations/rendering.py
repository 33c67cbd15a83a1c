"""What the place page, its agenda route, the directory and its open-data export routes show.

The pages' models and routes call these functions; nothing here imports a model (querysets
and pages are passed in)."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from home.params import clean_param

from . import geo, schedule
from .status import place_status
from .vocabulary import SERVICES, WEEKDAY_SLUGS

AGENDA_WEEKS = 8


def json_ld(place, request, status):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice"
        if place.kind in ("france_services", "mairie", "ccas")
        else "LocalBusiness",
        "name": place.title,
        "url": place.get_full_url(request),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": place.address,
            "postalCode": place.postcode,
            "addressLocality": place.commune,
            "addressCountry": "FR",
        },
        "openingHoursSpecification": schedule.to_schema_org(status["schedule"], status["local_now"].date()),
    }
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
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


def place_where(result):
    return result["place"].insee, result["place"].postcode


def by_title(result):
    return geo.normalise(result["place"].title)


def directory(places, request):
    """Filter and order `places` (the live public places of the directory), from the GET parameters."""
    params = {name: clean_param(request.GET.get(name, "")) for name in ("ou", "service", "jour", "ouvert")}
    errors = []
    area = None
    if params["ou"]:
        try:
            area = geo.resolve_area(params["ou"])
        except geo.AreaError as error:
            errors.append(str(error))
    service_names = dict(SERVICES)
    if params["service"] and params["service"] not in service_names:
        errors.append("Ce service n'existe pas. Choisissez un service dans la liste.")
        params["service"] = ""
    if params["jour"] and params["jour"] not in WEEKDAY_SLUGS:
        errors.append("Ce jour n'existe pas. Choisissez un jour de lundi à dimanche.")
        params["jour"] = ""
    if params["ouvert"] and params["ouvert"] != "aujourdhui":
        errors.append("Ce choix n'existe pas. Cochez « Ouvert aujourd'hui » ou laissez la case vide.")
        params["ouvert"] = ""

    now = timezone.now()
    results = []
    for place in places:
        if params["service"] and params["service"] not in (place.services or []):
            continue
        if params["jour"]:
            weekday = WEEKDAY_SLUGS[params["jour"]]
            today = now.date()
            if not any(
                s.weekday == weekday and (s.valid_until is None or s.valid_until >= today)
                for s in place.slots.all()
            ):
                continue
        status = place_status(place, now)
        if params["ouvert"] and not status["open_today"]:
            continue
        results.append({"place": place, **status})
    results.sort(key=lambda r: geo.normalise(r["place"].title))
    groups = area.group(results, place_where, by_title) if area else []
    return {
        "params": params,
        "errors": errors,
        "area": area,
        "results": results,
        "groups": groups,
        "near_count": (near_count := sum(len(g.items) for g in groups if g.near)),
        "far_count": len(results) - near_count if area else 0,
        "orientation_url": orientation_url(params["ou"]) if area and not near_count else "",
        "remote_help": remote_help() if area and not near_count else [],
        "service_choices": SERVICES,
        "day_choices": list(WEEKDAY_SLUGS),
        "filtered": any(params.values()),
    }
