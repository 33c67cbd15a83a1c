"""Import places from the national standard of places of digital mediation (CSV or JSON).

The mirror of locations.export: the same fields, the same vocabulary, the same OSM hours.
read_records() refuses a file that is not readable CSV/JSON or not the standard (ImportFileError,
nothing is written); validate_record() checks one row against the schema (shipped in
locations/data) and our own rules; import_records() checks the whole file, then writes the valid
rows in batches of BATCH_SIZE (one transaction each), updating the places already imported
(matched on the standard's `id`) instead of duplicating them.

At national scale (20,000 rows) nothing is written row by row for a new place: its page rows
(insert_pages), hours, service links, revision and log entries are inserted in bulk per batch
(Writer); search and reference indexing run once per batch (after_batch). An updated place costs
one save (Wagtail's, which keeps its tree and URL right) plus its share of the bulk writes.
On PostgreSQL those rows go through COPY, with their keys reserved from the sequences
(home.bulk), and the batch's search index rows through one statement (search.bulk_index).

Rows whose `horaires` cannot be read are imported without slots and with a warning, and their
hours are left unconfirmed so that they show in the staff's « Horaires à confirmer » report.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search import signal_handlers as search_signals
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.bulk import create_objects, delete_rows, insert_rows
from home.formulas import looks_like_formula
from home.page_cache import bump_generation
from home.text import single_line
from search import bulk_index, words

from . import geo, standard_versions
from .export import COUNTRY_CODES, FIELDS, UNKNOWN_PIVOT, model_snapshot
from .models import Closure, LocationPage, PlaceService, Slot
from .schedule.osm_parse import OsmParseError, parse_osm
from .sessions import write_sessions
from .vocabulary import KIND_TYPOLOGIES, OTHER_TYPOLOGY, SERVICES

SCHEMA_FILE = Path(__file__).with_name("data") / "lieux-mediation-numerique.schema.json"
SERVICE_SLUGS = {label: slug for slug, label in SERVICES}
TYPOLOGY_KINDS = {typology: kind for kind, typology in KIND_TYPOLOGIES.items() if typology != OTHER_TYPOLOGY}
APPOINTMENT_WAYS = {"Téléphoner", "Contacter par mail", "Prendre un RDV en ligne"}
EMAIL = re.compile(r"^[^@\s|]+@[^@\s|]+\.[^@\s|]+$")


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is in French."""


@lru_cache(maxsize=1)
def schema_fields():
    with SCHEMA_FILE.open(encoding="utf-8") as handle:
        return {f["name"]: f for f in json.load(handle)["fields"]}


def required_fields():
    return [name for name, spec in schema_fields().items() if spec.get("constraints", {}).get("required")]


# --- reading the file ------------------------------------------------------------------------


def read_records(path) -> list[dict]:
    """The records of a CSV or JSON file, as dicts of strings; ImportFileError if it is not the standard."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"Impossible de lire le fichier « {path} » : {error.strerror}.") from error
    try:
        text = raw.decode("utf-8-sig")
        del raw  # its text only, from now on
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "Ce fichier n'est pas un texte en UTF-8 : ce n'est ni un CSV ni un JSON lisible. "
            "Rien n'a été importé."
        ) from error
    if "\x00" in text:
        raise ImportFileError(
            "Ce fichier contient des données binaires : ce n'est ni un CSV ni un JSON. Rien n'a été importé."
        )
    is_json = path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{")
    records = _read_json(text) if is_json else _read_csv(text)
    return records


def _read_json(text):
    try:
        items = list(_json_items(text))
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"Ce fichier JSON est illisible (ligne {error.lineno}, colonne {error.colno}) : "
            "il est peut-être incomplet. Rien n'a été importé."
        ) from error
    except RecursionError as error:
        raise ImportFileError(
            "Ce fichier JSON est imbriqué trop profondément pour être un fichier de lieux. "
            "Rien n'a été importé."
        ) from error
    records = [item for item in items if isinstance(item, dict)]
    if len(records) + sum(isinstance(item, _TooDeep) for item in items) != len(items):
        raise ImportFileError(
            "Ce JSON n'est pas une liste de lieux au format du standard national. Rien n'a été importé."
        )
    keys = {key for item in records for key in item}
    if records and not set(required_fields()) <= keys:
        missing = [name for name in required_fields() if name not in keys]
        raise ImportFileError(
            "Ce JSON ne suit pas le standard national des lieux de médiation numérique : "
            f"champs obligatoires absents : {', '.join(missing)}. Rien n'a été importé."
        )
    return [
        {"__error__": "enregistrement imbriqué trop profondément"}
        if isinstance(item, _TooDeep)
        else {k: _as_text(v) for k, v in item.items()}
        for item in items
    ]


class _TooDeep:
    """A record of a JSON list nested too deeply to read: refused on its own, not the file."""


def _json_items(text) -> Iterator:
    """The records of a JSON list (or of the one list in an object, or the one object), read one
    at a time, so that a record nested too deeply is refused alone."""
    stripped = text.strip()
    if not stripped.startswith("["):
        data = json.loads(stripped)
        if isinstance(data, dict):  # {"lieux": [...]} or one record
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if len(lists) == 1 else [data]
        yield from data if isinstance(data, list) else [data]
        return
    decoder = json.JSONDecoder()
    position = 1
    while True:
        position = _skip_blanks(stripped, position)
        if stripped[position : position + 1] == "]":
            if stripped[position + 1 :].strip():
                raise json.JSONDecodeError("données après la fin de la liste", stripped, position + 1)
            return
        try:
            item, end = decoder.raw_decode(stripped, position)
        except RecursionError:
            item, end = _TooDeep(), _end_of_value(stripped, position)
        yield item
        position = _skip_blanks(stripped, end)
        if stripped[position : position + 1] == ",":
            position += 1
        elif stripped[position : position + 1] != "]":
            raise json.JSONDecodeError("virgule attendue entre deux lieux", stripped, position)


def _skip_blanks(text, position):
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _end_of_value(text, position):
    """Where the JSON value starting at `position` ends, without parsing it (strings respected)."""
    depth, in_string, escaped = 0, False, False
    for index in range(position, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
    raise json.JSONDecodeError("valeur non terminée", text, position)


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _delimiter(text):
    """The delimiter of a CSV file, read from its header line: a French spreadsheet writes `;`
    and quotes only where it must, so that commas inside `horaires` mislead a sniffer."""
    header = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=lambda delimiter: (header.count(delimiter), delimiter == ","))


def _read_csv(text):
    delimiter = _delimiter(text)
    # Row by row into records: a national file's rows are never all held twice (cells, then
    # dicts), nor its text (a StringIO copies it, four bytes a character).
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        first = next(reader, None)
        if first is None:
            raise ImportFileError("Ce fichier est vide. Rien n'a été importé.")
        header = [name.strip() for name in first]
        missing = [name for name in required_fields() if name not in header]
        if missing:
            raise ImportFileError(
                "Ce CSV ne suit pas le standard national des lieux de médiation numérique : "
                f"colonnes obligatoires absentes : {', '.join(missing)}. Rien n'a été importé."
            )
        records = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            record = dict(zip(header, cells, strict=False))
            if len(cells) != len(header):
                record["__error__"] = f"{len(cells)} colonnes au lieu de {len(header)}"
            records.append(record)
    except csv.Error as error:
        raise ImportFileError(f"Ce fichier CSV est illisible : {error}. Rien n'a été importé.") from error
    return records


def _lines(text):
    """The lines of `text`, each with its "\n" (csv reads the "\r" and quoted line breaks)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def consumed(records):
    """The records of the list `records` one by one, each let go of once read (the list is
    emptied): a national file's rows and the places read from them are never all in memory
    together."""
    records.reverse()
    while records:
        yield records.pop()


def unknown_columns(records):
    known = set(FIELDS) | standard_versions.OLD_COLUMNS
    return sorted({key for record in records for key in record if key not in known and key != "__error__"})


# --- one row -----------------------------------------------------------------------------------


@dataclass
class Place:
    """A valid row, ready to be written: LocationPage fields, slots and closures."""

    source_id: str
    fields: dict
    slots: list = field(default_factory=list)
    closures: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str = ""  # the record's `source`: an id is unique within its source only
    version: str = standard_versions.V1
    converted: bool = False  # read in an older version of the standard (or with its old columns)


class RowError(ValueError):
    pass


def _check_schema(record):
    """The constraints of the standard's schema: required, pattern, maxLength, number, date."""
    errors = []
    for name, spec in schema_fields().items():
        value = (record.get(name) or "").strip()
        constraints = spec.get("constraints", {})
        if not value:
            if constraints.get("required"):
                errors.append(f"champ obligatoire « {name} » vide")
            continue
        pattern = constraints.get("pattern")
        if pattern and not re.fullmatch(pattern, value) and name != "services":
            errors.append(f"« {name} » invalide ({value[:60]})")
        if constraints.get("maxLength") and len(value) > constraints["maxLength"]:
            errors.append(
                f"« {name} » trop long ({len(value)} caractères, {constraints['maxLength']} au plus)"
            )
        if spec.get("type") == "number":
            try:
                Decimal(value)
            except InvalidOperation:
                errors.append(f"« {name} » n'est pas un nombre ({value[:20]})")
        if spec.get("type") == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                errors.append(f"« {name} » n'est pas une date AAAA-MM-JJ ({value[:20]})")
    return errors


def national_phone(phone):
    """'+33231223344' -> '02 31 22 33 44' (the mirror of export.international_phone)."""
    for code in sorted(set(COUNTRY_CODES.values()) | {"+33"}, key=len, reverse=True):
        if phone.startswith(code):
            digits = "0" + phone[len(code) :]
            if len(digits) == 10:
                return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return phone


COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}


def _coordinate(value):
    if not value:
        return None
    return Decimal(value).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _coordinate_errors(record):
    """Coordinates must be finite numbers on the globe (no NaN, Infinity, 1e400, 99999999999)."""
    errors = []
    for name, limit in COORDINATE_LIMITS.items():
        value = record.get(name, "")
        if not value:
            continue
        try:
            number = Decimal(value)
        except InvalidOperation:
            continue  # already reported by the schema check
        if not number.is_finite() or abs(number) > limit:
            errors.append(f"« {name} » hors des limites ({value[:20]}) : entre -{limit} et {limit}")
    return errors


# The date an export writes when it could read none (the Unix epoch, in some time zone).
EPOCH_FALLBACK = date(1970, 1, 1)
# An update date may be a little ahead of our clock (time zones), never years ahead.
MAX_DAYS_AHEAD = 1


# Free-text columns of the standard that end up in our pages and our CSV export.
FREE_TEXT_COLUMNS = ("nom", "adresse", "complement_adresse", "commune", "presentation_resume")
RESUME_LENGTH = 280  # the standard's maxLength of presentation_resume


def _cut(text, length):
    """`text` cut at a word to at most `length` characters, with an ellipsis."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def validate_record(record) -> Place:
    """Check one record and map it onto a place; RowError with every French reason otherwise."""
    # NUL is no text (PostgreSQL refuses it in JSON): the only character dropped from the record.
    raw = {
        key: (value or "").replace("\x00", "").strip()
        for key, value in record.items()
        if key and key != "__error__"
    }
    if record.get("__error__") and not raw:
        raise RowError(record["__error__"])
    # What came in, in v1.0 (an older record converted): kept on the place for the export.
    original, version = standard_versions.upgrade(raw)
    v = {key: single_line(value) for key, value in original.items()}
    warnings = []
    resume = v.get("presentation_resume", "")
    if len(resume) > RESUME_LENGTH:
        v["presentation_resume"] = _cut(resume, RESUME_LENGTH)
        warnings.append(
            f"présentation de {len(resume)} caractères coupée à {RESUME_LENGTH} sur la page "
            "(le texte entier reste dans l'export)"
        )
    errors = [record["__error__"]] if record.get("__error__") else []
    errors += _check_schema(v)
    errors += _coordinate_errors(v)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v.get("date_maj", "")):
        try:
            if date.fromisoformat(v["date_maj"]) > date.today() + timedelta(days=MAX_DAYS_AHEAD):
                errors.append(f"« date_maj » dans le futur ({v['date_maj']})")
        except ValueError:
            pass  # already reported by the schema check
    errors += [
        f"le champ « {column} » commence par = + - ou @ (un tableur le prendrait pour une formule)"
        for column in FREE_TEXT_COLUMNS
        if looks_like_formula(v.get(column, ""))
    ]

    services = []
    for label in filter(None, (s.strip() for s in v.get("services", "").split("|"))):
        if label not in SERVICE_SLUGS:
            errors.append(f"service inconnu « {label} »")
        else:
            services.append(SERVICE_SLUGS[label])

    postcode, insee, commune_name = v.get("code_postal", ""), v.get("code_insee", ""), v.get("commune", "")
    if re.fullmatch(r"\d{5}", postcode):
        # Resolved as the national tools do; a row still ambiguous is kept, with a warning.
        resolution = geo.resolve_commune(postcode, commune_name, insee)
        insee = resolution.commune.insee if resolution.commune else ""
        if resolution.commune is None and not geo.postcode_departments(postcode) & geo.departments():
            errors.append(f"le code postal {postcode} n'existe pas")
        elif resolution.note:
            warnings.append(resolution.note)

    hours = v.get("horaires", "")
    parsed = None
    if hours:
        try:
            parsed = parse_osm(hours)
        except OsmParseError as error:
            warnings.append(
                f"horaires illisibles ({error}) : lieu importé sans créneaux, horaires à confirmer"
            )
    if errors:
        raise RowError("; ".join(errors))

    typologies = v.get("typologie", "").split("|")
    kind = next((TYPOLOGY_KINDS[t] for t in typologies if t in TYPOLOGY_KINDS), "autre")
    if "France Services" in v.get("dispositif_programmes_nationaux", "").split("|"):
        kind = "france_services"
    ways = set(v.get("modalites_acces", "").split("|"))
    walk_in, appointment = "Se présenter" in ways, bool(ways & APPOINTMENT_WAYS)
    reception = (
        "walk_in" if walk_in and not appointment else "appointment" if appointment and not walk_in else "both"
    )
    confirmed = date.fromisoformat(v["date_maj"])
    if confirmed <= EPOCH_FALLBACK:
        warnings.append(f"date de mise à jour {v['date_maj']} invraisemblable : horaires à confirmer")
    emails = [e for e in v.get("courriels", "").split("|") if EMAIL.match(e)]
    pivot = v.get("pivot", "")
    fields = {
        "title": v["nom"][:255],
        "kind": kind,
        "address": v["adresse"][:200],
        "address_complement": v.get("complement_adresse", "")[:200],
        "postcode": postcode,
        "insee": insee,
        "commune": commune_name[:100],
        "latitude": _coordinate(v.get("latitude")),
        "longitude": _coordinate(v.get("longitude")),
        "phone": national_phone(v.get("telephone", ""))[:30],
        "email": emails[0] if emails else "",
        "siret": pivot if pivot.isdigit() and len(pivot) == 14 and pivot != UNKNOWN_PIVOT else "",
        "intro": v.get("presentation_resume", ""),
        "services": services,
        "reception": reception,
        # The standard's date of update is when the hours were last checked, as in the export;
        # 1969-12-31 or 1970-01-01 is a converter's fallback, not a date: the hours are unconfirmed.
        "hours_confirmed_on": confirmed if parsed is not None and confirmed > EPOCH_FALLBACK else None,
        "open_on_public_holidays": parsed.open_on_public_holidays if parsed else False,
    }
    # The record as it came (schema fields, then the other columns), and what we read from it:
    # the export gives back each field as it came until a person changes what it was read into.
    fields["source_data"] = {
        "schema": version,
        "record": {name: original[name] for name in FIELDS if original.get(name)},
        "extra": {name: value for name, value in raw.items() if name not in FIELDS and value},
        "imported": model_snapshot(fields),
        "unread_hours": bool(hours) and parsed is None,
    }
    return Place(
        source_id=v["id"],
        source=v.get("source", ""),
        fields=fields,
        slots=parsed.slots if parsed else [],
        closures=parsed.closures if parsed else [],
        warnings=warnings,
        version=version,
        converted=original is not raw,
    )


# --- writing -------------------------------------------------------------------------------


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # (line, id/name, reason)
    warnings: list[tuple[int, str, str]] = field(default_factory=list)
    dry_run: bool = False
    converted: int = 0  # rows read in an older version of the standard (or with its old columns)

    @property
    def imported(self):
        return len(self.created) + len(self.updated)


def row_label(record):
    name, ident = (record.get("nom") or "").strip(), (record.get("id") or "").strip()
    return f"« {name} » (id {ident})" if name and ident else f"« {name or ident or 'sans nom'} »"


class Writer:
    """What writing needs to know about the places already there, read in a few queries per
    file and per batch instead of several per row: the slugs under the territory, the places
    already imported (by the standard's `id`), and the territory's last child in the page tree
    (new places are appended after it)."""

    def __init__(self, territory):
        self.territory = territory
        self.slugs = set(Page.objects.child_of(territory).values_list("slug", flat=True))
        self.existing, self.last_path, self.added, self.created_pks = {}, None, 0, set()
        self.new_pages = []

    def start_batch(self, places):
        """Read, inside the batch's transaction, what the batch's rows need."""
        ids = [key for place in places for key in (place.source_id, sourced_key(place))]
        # Their comments too (one query), which their new revision copies.
        others = [r.get_accessor_name() for r in get_all_child_relations(LocationPage)]
        others = [name for name in others if name not in ("slots", "closures")]  # replaced
        self.existing = {
            page.source_id: page
            # Whether each is a site root, in the same query (Page.save asks, one query per page).
            for page in LocationPage.objects.filter(source_id__in=ids)
            .annotate_site_root_state()
            .prefetch_related(*others)
        }
        self.last_path = (
            Page.objects.child_of(self.territory).order_by("-path").values_list("path", flat=True).first()
        )
        self.added, self.created_pks, self.new_pages = 0, set(), []

    def end_batch(self):
        """Insert the batch's new pages, then the territory counts its new children once
        (treebeard's numchild)."""
        if self.new_pages:
            insert_pages(self.new_pages)
            for page in self.new_pages:
                self.created_pks.add(page.pk)
        if self.added:
            Page.objects.filter(pk=self.territory.pk).update(numchild=F("numchild") + self.added)

    def publish(self, written):
        """The hours, one revision and one log entry of each page written in the batch
        [(page, place)], in a few bulk queries, as save_revision().publish() would leave them."""
        pages = [page for page, _place in written]
        updated = [page.pk for page, _place in written if page.pk not in self.created_pks]
        if updated:
            delete_rows(Slot.objects.filter(page_id__in=updated))
            delete_rows(Closure.objects.filter(page_id__in=updated))
        slots, closures = {}, {}
        for page, place in written:
            slots[page.pk] = [
                Slot(page=page, sort_order=i, **_slot_fields(s)) for i, s in enumerate(place.slots)
            ]
            closures[page.pk] = [
                Closure(page=page, sort_order=i, start=c.start, end=c.end, reason=c.reason)
                for i, c in enumerate(place.closures)
            ]
        # Their keys are reserved up front (home.bulk): each revision's content holds them.
        create_objects([slot for rows in slots.values() for slot in rows])
        create_objects([closure for rows in closures.values() for closure in rows])
        # One row per service (what LocationPage.sync_service_links writes), for the whole batch.
        if updated:
            delete_rows(PlaceService.objects.filter(place_id__in=updated))
        insert_rows(
            PlaceService,
            [
                {"place_id": page.pk, "service": code}
                for page in pages
                for code in sorted(set(page.services or []))
            ],
        )
        content_type = ContentType.objects.get_for_model(LocationPage)
        base_type = ContentType.objects.get_for_model(Page)
        revisions, now = [], timezone.now()
        for page in pages:
            if page.pk in self.created_pks:  # a new page has no comments (nor any child row): no query
                for relation in get_all_child_relations(LocationPage):
                    setattr(page, relation.get_accessor_name(), [])
            page.slots, page.closures = slots[page.pk], closures[page.pk]  # in memory: for the revision
            revisions.append(
                Revision(
                    content_type=content_type,
                    base_content_type=base_type,
                    object_id=str(page.pk),
                    content=page.serializable_data(),
                    object_str=str(page),
                    created_at=now,
                )
            )
        create_objects(revisions)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = revision.created_at
        # Each page points to its new revision: one UPDATE for the batch (bulk_update's CASE per
        # row costs more in Python than the whole batch's INSERTs).
        latest = (
            Revision.objects.filter(base_content_type=base_type, object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("-pk")
            .values("pk")[:1]
        )
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            latest_revision=Subquery(latest), live_revision=Subquery(latest), latest_revision_created_at=now
        )
        create_objects(
            [
                PageLogEntry(
                    content_type=content_type,
                    label=page.get_admin_display_title(),
                    action=action,
                    timestamp=revision.created_at,
                    revision=None if action == "wagtail.create" else revision,
                    content_changed=True,
                    page=page,
                )
                for page, revision in zip(pages, revisions, strict=True)
                for action in (("wagtail.create",) if page.pk in self.created_pks else ())
                + ("wagtail.publish",)
            ]
        )

    def new_path(self):
        """The tree path after the territory's last child: what treebeard's add_child computes,
        without its query per page. Read in the batch's transaction, so it is as safe as add_child."""
        if self.last_path is None:
            path = Page._get_path(self.territory.path, self.territory.depth + 1, 1)
        else:
            path = Page(path=self.last_path)._inc_path()
        self.last_path, self.added = path, self.added + 1
        return path

    def unique_slug(self, title, commune=""):
        """A free slug under the territory: the name's, else the name and commune's (places are
        identified by their `id`, and « La Poste » is in many towns), else numbered."""
        base = slugify(title)[:200] or "lieu"
        if base in self.slugs and commune:
            base = slugify(f"{title} {commune}")[:200] or base
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug


def insert_pages(pages):
    """Insert new pages of one specific type (their tree fields, url_path and every field set)
    in a few queries: what page.save() does for each, without its two INSERTs per page.

    Django's bulk_create refuses multi-table models, so the wagtailcore_page rows go through
    Page's bulk_create (which sets each page's id), then the specific table's rows through the
    queryset's _insert (what save_base does for one row, here for many; raw: values as set)."""
    model = type(pages[0])
    assert model._meta.get_parent_list() == [Page]  # one parent table: wagtailcore_page
    Page.objects.bulk_create(pages)
    for page in pages:
        setattr(page, model._meta.pk.attname, page.id)
    fields = model._meta.local_concrete_fields
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        # COPY: the batch's 200 rows, each with its source record, quoted by psycopg in Python
        # in an INSERT cost more than the rest of the batch's pages (home.bulk).
        insert_rows(
            model,
            [
                {f.attname: f.get_db_prep_save(getattr(page, f.attname), connection) for f in fields}
                for page in pages
            ],
        )
        return
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(
            pages[start : start + size], fields=fields, raw=True, using=connection.alias
        )


def sourced_key(place):
    """The key of a place whose `id` another source's place already has: its id and source."""
    return f"{place.source_id}@{place.source}"[:200]


def _source_of(page):
    """The `source` of the record a place was imported from; None for one imported before
    sources were kept (it is matched on its id alone, as it was)."""
    record = (page.source_data or {}).get("record")
    return None if record is None else record.get("source", "")


def write_place(writer: Writer, place: Place):
    """Create or update (by source_id) the LocationPage of `place`, live: ('created'|'updated',
    page). A new page is inserted with the batch's others (Writer.end_batch), an updated one in
    one save. Its hours, services, revision and log entry are written for the whole batch by
    Writer.publish(); search and reference indexing by after_batch()."""
    territory = writer.territory
    key, live = place.source_id, writer.existing.get(sourced_key(place))
    if live is None:
        live = writer.existing.get(place.source_id)
        if live is not None and _source_of(live) not in (None, place.source):
            # Another source's place has this id (files number their rows 0, 1, 2…): not this one.
            key, live = sourced_key(place), None
    pk = live.pk if live else None
    if live and not live.path.startswith(territory.path):
        parent = Page.objects.get(path=live.path[: -Page.steplen])
        raise RowError(f"ce lieu a déjà été importé dans un autre territoire ({parent.title})")
    created = pk is None
    if created:
        slug = writer.unique_slug(place.fields["title"], place.fields["commune"])
        page = LocationPage(source_id=key, slug=slug, source_data={})
        writer.existing[key] = page
        page.path, page.depth, page.numchild = writer.new_path(), territory.depth + 1, 0
        # Known already: no query for the parent (url_path), the locale, or whether it is a site root.
        page._cached_parent_obj, page.locale_id, page._is_site_root = territory, territory.locale_id, False
    else:
        page = live
        if page.has_unpublished_changes:  # a staff member's draft is kept, as a publish would
            page = page.get_latest_revision_as_object()
            page._is_site_root = live._is_site_root
    for name, value in place.fields.items():
        setattr(page, name, value)
    page.holiday_zone = ""  # recomputed from the INSEE code on save
    # What save_revision().publish() leaves: live, published now, nothing pending.
    now = timezone.now()
    page.live, page.expired, page.has_unpublished_changes = True, False, False
    page.first_published_at = page.first_published_at or now
    page.last_published_at = now
    page.draft_title = page.title
    if created:
        page.set_url_path(territory)
        page.derive_fields()
        writer.new_pages.append(page)
        return "created", page
    # validate_record checked the row; the hours and services are written in bulk by
    # Writer.publish(). Its publication is logged in bulk (log_action=None).
    page.save(clean=False, log_action=None, update_fields=_page_fields(page, live), sync_services=False)
    return "updated", page


# Where a page is in the tree: not the import's to write (a workshop added under the place
# meanwhile keeps its count).
TREE_FIELDS = {"path", "depth", "numchild"}


def _page_fields(page, live):
    """Every concrete field of the page but its place in the tree (and its slug and URL, unless
    a draft changed the slug: Page.save then moves the URLs). Slots and closures are replaced in
    bulk for the batch."""
    skip = TREE_FIELDS | ({"slug", "url_path"} if page.slug == live.slug else set())
    return [f.name for f in page._meta.concrete_fields if not f.primary_key and f.name not in skip]


@contextmanager
def deferred_indexing():
    """No search or reference indexing per save of a place while importing: after_batch()
    indexes each batch at once. For the import command's own process only (it disconnects a
    signal handler)."""
    connected = post_save.disconnect(search_signals.post_save_signal_handler, sender=LocationPage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if connected:
            post_save.connect(search_signals.post_save_signal_handler, sender=LocationPage)


def after_batch(pages, created=frozenset(), title_average=None):
    """Once per batch, in its transaction, what each page's publication would have done one by
    one: search index (in bulk; `title_average`: see search.bulk_index), reference index, the
    upcoming sessions the directory reads, and a new site-wide generation for the page cache."""
    if not pages:
        return
    # From the pages in memory (their hours just written): nothing read back.
    write_sessions(pages, timezone.now(), replaced=[page.pk for page in pages if page.pk not in created])
    bulk_index.add_bulk(LocationPage, pages, title_average)
    # The vocabulary (spelling suggestions, shared search pages) learns the new places' words:
    # they were inserted in bulk, without the post_save that brings an updated place's.
    words.refresh_pages([page for page in pages if page.pk in created])
    # An imported place references nothing (no image, no link field): only a page that has or
    # gets references is reindexed (its queries), the others are checked in memory.
    indexed = set(
        ReferenceIndex.objects.filter(
            base_content_type=ReferenceIndex._get_base_content_type(LocationPage),
            object_id__in=[str(page.pk) for page in pages if page.pk not in created],
        ).values_list("object_id", flat=True)
    )
    for page in pages:
        if str(page.pk) in indexed or next(iter(ReferenceIndex._extract_references_from_object(page)), None):
            ReferenceIndex.create_or_update_for_object(page)
    bump_generation()


def _slot_fields(slot):
    return {
        "weekday": slot.weekday,
        "start": slot.start,
        "end": slot.end,
        "recurrence": slot.recurrence,
        "valid_from": slot.valid_from,
        "valid_until": slot.valid_until,
        "note": slot.note,
    }


# Places written per transaction: short enough (about a second) that club staff adding a page
# under the same territory never wait on the import for long, long enough that the per-batch
# work (search index norms, sessions, site generation) stays small next to the rows.
BATCH_SIZE = 200


def check_records(records, territory, report):
    """[(line, label, place)] for the valid records; every refused one goes to `report`.

    Reads nothing from and writes nothing to the pages: safe to run on a whole file first."""
    return [(number, label, place) for number, label, _record, place in _checked(records, territory, report)]


def _checked(records, territory, report):
    """(line, label, record, place) of each valid record, one by one (check_records)."""
    ids = set()
    for number, record in enumerate(records, start=2):  # line 1 is the CSV header
        label = row_label(record)
        try:
            place = territory_place(record, territory)
            if (place.source, place.source_id) in ids:
                raise RowError(f"l'identifiant « {place.source_id} » apparaît deux fois dans le fichier")
        except RowError as error:
            report.refused.append((number, label, str(error)))
            continue
        ids.add((place.source, place.source_id))
        report.converted += place.converted
        yield number, label, record, place


def territory_place(record, territory):
    """validate_record(record), warning when its department is not one of `territory`'s."""
    place = validate_record(record)
    departments = territory.department_codes
    department = geo.department_of(place.fields["insee"])
    if departments and department not in departments:
        place.warnings.append(f"le département {department} n'est pas couvert par {territory.title}")
    return place


def import_records(records, territory, dry_run=False, progress=None) -> Report:
    """Check every record, then write the valid ones under `territory`, BATCH_SIZE per
    transaction (each rolled back when dry_run). A refused row leaves no trace."""
    report = Report(dry_run=dry_run)
    # The whole file is checked before anything is written, but only its valid records are kept
    # (not the places read from them, twice their size): each batch reads its own again.
    valid = [
        (number, label, record) for number, label, record, _place in _checked(records, territory, report)
    ]
    writer = Writer(territory)
    # Read once: the new places barely move the index's average title length.
    title_average = bulk_index.title_length_average(LocationPage)
    with deferred_indexing():
        for start in range(0, len(valid), BATCH_SIZE):
            batch = [
                (n, label, territory_place(r, territory)) for n, label, r in valid[start : start + BATCH_SIZE]
            ]
            written = []
            with transaction.atomic():
                writer.start_batch([place for _number, _label, place in batch])
                for done, (number, label, place) in enumerate(batch, start=start + 1):
                    try:  # a RowError is raised before anything of the row is written
                        outcome, page = write_place(writer, place)
                    except RowError as error:
                        report.refused.append((number, label, str(error)))
                    else:
                        written.append((page, place))
                        (report.created if outcome == "created" else report.updated).append(
                            place.fields["title"]
                        )
                        report.warnings += [(number, label, warning) for warning in place.warnings]
                    if progress:
                        progress(done, len(valid))
                writer.end_batch()
                writer.publish(written)
                after_batch([page for page, _place in written], writer.created_pks, title_average)
                if title_average is None:  # an empty index until this batch
                    title_average = bulk_index.title_length_average(LocationPage)
                if dry_run:
                    transaction.set_rollback(True)
    report.refused.sort()
    return report


def format_report(report: Report) -> list[str]:
    """The French report: one line per refused row and per warning, then the totals."""
    lines = []
    for number, label, reason in report.refused:
        lines.append(f"Ligne {number} {label} refusée : {reason}.")
    for number, label, warning in report.warnings:
        lines.append(f"Ligne {number} {label} : attention, {warning}.")
    if report.converted:
        lines.append(
            f"{report.converted} ligne(s) suivaient une version antérieure du standard (v0.x, ou ses "
            "anciennes colonnes : courriel, labels_nationaux, publics_accueillis, accessibilite…) : "
            "elles ont été converties en v1.0 selon la correspondance entre versions publiée "
            "avec le standard."
        )
    verb = "seraient" if report.dry_run else "ont été"
    lines.append(
        f"{len(report.created)} lieu(x) {verb} créé(s), {len(report.updated)} mis à jour, "
        f"{len(report.refused)} ligne(s) refusée(s)."
    )
    if report.dry_run:
        lines.append("Simulation (--dry-run) : rien n'a été enregistré.")
    else:
        lines.append(
            "Les lieux sont écrits par lots : si l'import a été interrompu, relancez-le, "
            "il met à jour les lieux déjà importés sans doublon."
        )
    return lines
