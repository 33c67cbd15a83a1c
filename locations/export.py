"""Places in the national open-data standard of places of digital mediation (v1.0.2).

The exports are built row by row from a chunked queryset of plain values (no page instance),
streamed to the client, and written to a file at the same time: the next request of the same
site generation and day gets that file. A publication bumps the generation (home.page_cache),
so nothing stale is served.

What depends on the hours (the OSM text and the French description) is read from the
PlaceOpenData table that locations.sessions keeps with the upcoming sessions; the schedule
engine only runs for a place whose row is missing or out of date (slots and closures then read
for those places only, per chunk: the number of queries does not grow with the places).
"""

import csv
import io
import json
import logging
import os
import time
import uuid
from json.encoder import encode_basestring
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import RFC3986_SUBDELIMS
from wagtail import hooks
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site

from home.formulas import neutralise
from home.page_cache import generation

from . import geo, schedule
from .vocabulary import KIND_TYPOLOGIES, OTHER_TYPOLOGY, SERVICES

FIELDS = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
]
UNKNOWN_PIVOT = "00000000000000"  # the standard's convention when the SIRET is not known
COUNTRY_CODES = {
    "971": "+590",
    "972": "+596",
    "973": "+594",
    "974": "+262",
    "976": "+262",
    "975": "+508",
    "977": "+590",
    "978": "+590",
    "986": "+681",
    "987": "+689",
    "988": "+687",
}
# Apps built on this one (workshops) answer this hook with the ids of the places that have
# upcoming collective workshops: their record says « Dans un atelier collectif » too.
WORKSHOP_PLACES_HOOK = "open_data_places_with_workshops"
SERVICE_NAMES = dict(SERVICES)


def international_phone(phone, department):
    """'02 31 22 33 44' -> '+33231223344'; overseas numbers take their own country code."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    if digits.startswith("+"):
        return digits
    if len(digits) != 10 or not digits.startswith("0"):
        return ""
    return COUNTRY_CODES.get(department, "+33") + digits[1:]


# The columns of a place that its record needs (read with values(): no page instance is built).
PLACE_COLUMNS = (
    "pk",
    "source_id",
    "siret",
    "title",
    "commune",
    "postcode",
    "insee",
    "address",
    "address_complement",
    "latitude",
    "longitude",
    "kind",
    "phone",
    "email",
    "intro",
    "reception",
    "services",
    "hours_confirmed_on",
    "last_published_at",
    "path",
    "url_path",
    "source_data",
)

# The place's fields an imported record is read into (importer.validate_record), as the
# importer left them in source_data["imported"]: a field of the standard goes back as it came
# unless a person changed one of the fields it was read into.
TRACKED = (
    "title",
    "kind",
    "address",
    "address_complement",
    "postcode",
    "insee",
    "commune",
    "latitude",
    "longitude",
    "phone",
    "email",
    "siret",
    "intro",
    "services",
    "reception",
    "hours_confirmed_on",
)
READ_INTO = {
    "pivot": ("siret",),
    "nom": ("title",),
    "commune": ("commune",),
    "code_postal": ("postcode",),
    "code_insee": ("insee", "postcode", "commune"),
    "adresse": ("address",),
    "complement_adresse": ("address_complement",),
    "latitude": ("latitude",),
    "longitude": ("longitude",),
    "typologie": ("kind",),
    "telephone": ("phone",),
    "courriels": ("email",),
    "horaires": ("hours_confirmed_on",),
    "presentation_resume": ("intro",),
    "services": ("services",),
    "dispositif_programmes_nationaux": ("kind",),
    "modalites_acces": ("reception", "phone", "email"),
}


def _snap(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(sorted(str(item) for item in value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def model_snapshot(values):
    """The tracked fields of a place (a dict), as comparable text."""
    return {name: _snap(values.get(name)) for name in TRACKED}


def changed_fields(place):
    """The tracked fields a person changed since the import ({} for a place never imported)."""
    imported = (place.get("source_data") or {}).get("imported")
    if not imported:
        return set()
    now = model_snapshot(place)
    return {name for name in TRACKED if imported.get(name, "") != now[name]}


STORED_HOURS = {
    "horaires": "open_data__horaires",
    "presentation_detail": "open_data__presentation_detail",
    "computed_on": "open_data__computed_on",
    "valid_through": "open_data__valid_through",
}


def osm_valid_through(plan, today):
    """The last day on which schedule.to_osm(plan, day) gives the text of `today` (None: every
    later day). That text leaves out ended slots and closures, and a dated slot that has begun
    is shown from `today` on: it changes the day after an end, or every day for such a slot."""
    ends = [closure.end for closure in plan.closures if closure.end >= today]
    for slot in plan.slots:
        if slot.valid_until and slot.valid_until >= today:
            begun = not slot.valid_from or slot.valid_from <= today
            ends.append(today if begun else min(slot.valid_from, slot.valid_until))
    return min(ends, default=None)


def open_data_hours(plan, today):
    """(OSM opening_hours, French description, last day the OSM text holds) of a schedule."""
    return schedule.to_osm(plan, today), schedule.describe_fr(plan), osm_valid_through(plan, today)


def stored_hours(place, today):
    """(OSM text, description) of a place's PlaceOpenData row, or None if it is missing or not
    valid `today`."""
    computed_on, valid_through = place["computed_on"], place["valid_through"]
    if computed_on is None or computed_on > today or (valid_through is not None and valid_through < today):
        return None
    return place["horaires"], place["presentation_detail"]


class PageUrls:
    """Full URLs of pages from their url_path, as Page.get_full_url(request) gives them: Wagtail
    answers once per parent (the site, language prefix and reverse() are the parent's), the
    page's slug is appended, quoted as reverse() quotes it."""

    def __init__(self, request):
        self.request = request
        self.parents = {}
        self.site_roots = {root.root_path for root in Site.get_site_root_paths()}

    def full_url(self, url_path):
        if url_path in self.site_roots:  # a site's home: its own site, not its parent's
            return Page(url_path=url_path).get_full_url(self.request)
        parent_path, slug = url_path.rstrip("/").rsplit("/", 1)
        if parent_path not in self.parents:
            self.parents[parent_path] = Page(url_path=parent_path + "/").get_full_url(self.request)
        parent = self.parents[parent_path]
        if parent is None:
            return None
        if not parent.endswith("/"):
            parent += "/"
        return parent + quote(slug, safe=RFC3986_SUBDELIMS + "/~:@") + ("/" if WAGTAIL_APPEND_SLASH else "")


def place_record(place, page_url, hours, territory_names, today, with_workshops=frozenset()):
    """The record of a place: `place` maps PLACE_COLUMNS to its values, `hours` is its (OSM
    text, French description). Our own place's web address is its page (`page_url`). An
    imported place gives back each field as it came in (site_web is its own site; our page is
    in its page's JSON-LD), unless a person changed what that field was read into (then ours,
    and date_maj is ours too). The schema has no column for anything else: none is added."""
    ours = own_record(place, hours, territory_names, today, with_workshops)
    record = (place.get("source_data") or {}).get("record")
    if record is None:  # our own place
        return {**ours, "site_web": page_url}
    changed = changed_fields(place)
    result = {}
    for name in FIELDS:
        if name == "id":
            result[name] = record.get("id") or ours[name]
        elif changed & set(READ_INTO.get(name, ())):
            result[name] = ours[name]
            if name == "courriels" and ours[name]:  # the other addresses stay
                others = record.get(name, "").split("|")[1:]
                result[name] = "|".join(dict.fromkeys([ours[name], *others]))
        elif name in ("latitude", "longitude") and record.get(name):
            result[name] = float(record[name])
        elif name == "date_maj" and changed:  # the day a person published the change
            result[name] = timezone.localtime(place["last_published_at"]).date().isoformat()
        else:
            result[name] = record.get(name) or None
    return result


def own_record(place, hours, territory_names, today, with_workshops=frozenset()):
    """What we say of a place from its page's fields (every field of the standard)."""
    access_ways = ["Se présenter"] if place["reception"] in ("walk_in", "both") else []
    if place["reception"] in ("appointment", "both"):
        if place["phone"]:
            access_ways.append("Téléphoner")
        if place["email"]:
            access_ways.append("Contacter par mail")
    confirmed = place["hours_confirmed_on"] or (
        place["last_published_at"] and timezone.localtime(place["last_published_at"]).date()
    )
    insee, postcode, phone = place["insee"], place["postcode"], place["phone"]
    # For an overseas phone number's country code.
    department = phone and geo.place_department(insee, postcode)
    parent_path = place["path"][: -Page.steplen]
    return {
        "id": place["source_id"] or f"pasapas-lieu-{place['pk']}",  # an imported place keeps its id
        "pivot": place["siret"] or UNKNOWN_PIVOT,
        "nom": place["title"],
        "commune": place["commune"],
        "code_postal": postcode,
        "code_insee": insee or None,
        "adresse": place["address"],
        "complement_adresse": place["address_complement"] or None,
        "latitude": float(place["latitude"]) if place["latitude"] is not None else None,
        "longitude": float(place["longitude"]) if place["longitude"] is not None else None,
        "typologie": KIND_TYPOLOGIES.get(place["kind"], OTHER_TYPOLOGY),
        "telephone": international_phone(phone, department) or None,
        "courriels": place["email"] or None,
        "site_web": None,  # the place's own site; our own place's is its page (place_record)
        # No hours known is no hours, not OSM's « off » (always closed).
        "horaires": hours[0] if hours[0] != "off" else None,
        "presentation_resume": (place["intro"] or "")[:280] or None,
        "presentation_detail": hours[1] or None,
        "source": "Pas à pas (FACE)",
        "itinerance": "Fixe",
        "structure_parente": territory_names.get(parent_path),
        "date_maj": confirmed.isoformat() if confirmed else today.isoformat(),
        "services": "|".join(SERVICE_NAMES[s] for s in place["services"] or [] if s in SERVICE_NAMES) or None,
        "publics_specifiquement_adresses": None,
        "prise_en_charge_specifique": None,
        "frais_a_charge": "Gratuit",
        "dispositif_programmes_nationaux": "France Services" if place["kind"] == "france_services" else None,
        "formations_labels": None,
        "autres_formations_labels": None,
        "modalites_acces": "|".join(access_ways) or None,
        "modalites_accompagnement": "Accompagnement individuel|Dans un atelier collectif"
        if place["pk"] in with_workshops
        else "Accompagnement individuel",
        "fiche_acces_libre": None,
        "prise_rdv": None,
    }


# Built by us in a checked format: "+33…" is the standard's phone format, not a formula.
CHECKED_COLUMNS = {"telephone"}


def csv_cells(row):
    """A record as CSV cells: empty for None, free text neutralised for spreadsheets."""
    return {
        key: "" if value is None else value if key in CHECKED_COLUMNS else neutralise(value)
        for key, value in row.items()
    }


# Places read per query: memory stays flat, and the number of queries grows by one (three when
# some hours must be computed again) per CHUNK_SIZE places only.
CHUNK_SIZE = 1000


def iter_records(request, places, territory_names):
    """One record per place of `places` (a queryset of the live public LocationPage), with
    every field of the standard, in order; `territory_names` maps a club's page path to its
    name. A generator: read CHUNK_SIZE places at a time."""
    today = timezone.localdate()
    # Places holding upcoming workshops (the workshops app answers through a hook), asked once.
    with_workshops = set()
    for places_with_workshops in hooks.get_hooks(WORKSHOP_PLACES_HOOK):
        with_workshops.update(places_with_workshops(today))
    urls = PageUrls(request)
    rows = places.prefetch_related(None).values(*PLACE_COLUMNS, **{k: F(v) for k, v in STORED_HOURS.items()})
    chunk = []
    for place in rows.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(place)
        if len(chunk) == CHUNK_SIZE:
            yield from _chunk_records(chunk, places, urls, territory_names, today, with_workshops)
            chunk = []
    yield from _chunk_records(chunk, places, urls, territory_names, today, with_workshops)


def _chunk_records(chunk, places, urls, territory_names, today, with_workshops):
    hours = {place["pk"]: stored_hours(place, today) for place in chunk}
    missing = [pk for pk, known in hours.items() if known is None]
    if missing:  # never refreshed, or out of date: the engine, with these places' slots and closures
        # By primary key only: repeating the filters of `places` made PostgreSQL scan every place.
        pages = places.model.objects.filter(pk__in=missing).prefetch_related("slots", "closures")
        for page in pages:
            hours[page.pk] = open_data_hours(page.get_schedule(), today)[:2]
    for place in chunk:
        page_url = urls.full_url(place["url_path"])
        yield place_record(place, page_url, hours[place["pk"]], territory_names, today, with_workshops)


# Records per chunk of text sent: big enough to keep the overhead small, small enough to stream.
ROWS_PER_WRITE = 200


def csv_chunks(records):
    """The records as CSV bytes (every field of the standard, in order), a few rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for number, row in enumerate(records, start=1):
        cells = csv_cells(row)
        writer.writerow([cells[key] for key in FIELDS])
        if number % ROWS_PER_WRITE == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _json_value(value):
    return encode_basestring(value) if isinstance(value, str) else json.dumps(value)


def json_record(record):
    """json.dumps(record, ensure_ascii=False, indent=1) of a flat record, one level deeper:
    written by hand because json's indented output is its slow pure-Python encoder."""
    if not record:
        return "{}"
    items = ",\n  ".join(f"{encode_basestring(key)}: {_json_value(value)}" for key, value in record.items())
    return "{\n  " + items + "\n }"


def json_chunks(records):
    """The records as JSON bytes (empty fields left out), byte for byte what
    json.dumps(list, ensure_ascii=False, indent=1) gives, a few records at a time."""
    parts, first = [], True
    for row in records:
        record = {k: v for k, v in row.items() if v not in (None, "")}
        parts.append(("[\n " if first else ",\n ") + json_record(record))
        first = False
        if len(parts) == ROWS_PER_WRITE:
            yield "".join(parts).encode()
            parts = []
    parts.append("[]" if first else "\n]")
    yield "".join(parts).encode()


FORMATS = {
    "csv": (csv_chunks, "text/csv; charset=utf-8"),
    "json": (json_chunks, "application/json; charset=utf-8"),
}
EXPORT_DIR = "cache/exports"
# A file of an older generation is deleted once no request can still be reading it.
STALE_AFTER = 600
logger = logging.getLogger(__name__)


def export_response(request, fmt, records):
    """The open-data file of the site in `fmt` ('csv' or 'json'): the file already written for
    this site generation and day, else streamed from `records()` (a callable) while written."""
    chunks, content_type = FORMATS[fmt]
    site = Site.find_for_request(request)
    key = f"exports:{generation()}:{site.pk if site else 0}:{timezone.localdate().isoformat()}:{fmt}"
    directory = Path(settings.MEDIA_ROOT) / EXPORT_DIR
    name = cache.get(key)
    if name and (directory / name).is_file():
        try:
            response = FileResponse((directory / name).open("rb"), content_type=content_type)
        except OSError:  # deleted in between by another server's clean-up: build it again
            response = None
        if response is not None:
            return _open_data(response, fmt)
    body = chunks(records())
    response = StreamingHttpResponse(_written_to_file(body, directory, key, fmt), content_type=content_type)
    return _open_data(response, fmt)


def _written_to_file(chunks, directory, key, fmt):
    """Yield `chunks`, writing them to a new file of `directory`; once complete, the cache
    names it for `key`. Served anyway (only not kept) when the file cannot be written."""
    name = f"lieux-{uuid.uuid4().hex}.{fmt}"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = (directory / f"{name}.part").open("wb")
    except OSError as error:
        logger.warning("Export non mis en cache (%s) : %s", directory, error)
        yield from chunks
        return
    complete = False
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
                yield chunk
        complete = True
    finally:
        if complete:
            os.replace(directory / f"{name}.part", directory / name)
            cache.set(key, name, 24 * 3600)
            _delete_stale(directory, keep=name)
        else:  # the client left: a partial file is never served
            (directory / f"{name}.part").unlink(missing_ok=True)


def _delete_stale(directory, keep):
    limit = time.time() - STALE_AFTER
    for path in directory.iterdir():
        try:
            if path.name != keep and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass  # another server cleaned it first


def _open_data(response, fmt):
    if fmt == "csv":
        response["Content-Disposition"] = 'inline; filename="lieux-mediation-numerique.csv"'
    elif "Content-Disposition" in response:
        del response["Content-Disposition"]
    response["Access-Control-Allow-Origin"] = "*"
    add_never_cache_headers(response)
    return response
