"""Views assemble: the place page, its agenda, the directory and the open-data exports."""

import json

from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from home.params import clean_param
from home.routing import live_page_at

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
    # Safe inside <script>: no "</" can close the element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


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
        "agenda_url": place.get_url(request) + "agenda.ics",
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
    return response


@never_cache
def agenda_view(request, place_path):
    """/lieux/<club>/<place>/agenda.ics: the next sessions of a live public place."""
    from django.http import Http404

    from .models import LocationPage

    place = live_page_at(request, LocationPage.objects.all(), f"lieux/{place_path}")
    if place is None:
        raise Http404
    return place_agenda(place, request)


# --- directory ----------------------------------------------------------------------------


def directory(index, request):
    """Filter and order the live public places below `index`, from the GET parameters."""
    from .models import LocationPage

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

    places = (
        LocationPage.objects.live()
        .public()
        .descendant_of(index)
        .prefetch_related("slots", "closures")
        .order_by("title")
    )
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
        proximity = area.proximity(place.insee, place.postcode) if area else 0
        results.append({"place": place, "proximity": proximity, **status})
    results.sort(key=lambda r: (r["proximity"], geo.normalise(r["place"].title)))
    return {
        "params": params,
        "errors": errors,
        "area": area,
        "results": results,
        "service_choices": SERVICES,
        "day_choices": list(WEEKDAY_SLUGS),
        "filtered": any(params.values()),
    }


# --- open data ----------------------------------------------------------------------------


@never_cache
def export_csv(request):
    import csv
    import io

    from .export import FIELDS, csv_cells, rows_for_export

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows_for_export(request):
        writer.writerow(csv_cells(row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lieux-mediation-numerique.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
def export_json(request):
    from .export import rows_for_export

    records = [{k: v for k, v in row.items() if v not in (None, "")} for row in rows_for_export(request)]
    response = HttpResponse(
        json.dumps(records, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
