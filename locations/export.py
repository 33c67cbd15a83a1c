"""Places in the national open-data standard of places of digital mediation (v1.0.2)."""

from django.utils import timezone
from wagtail import hooks

from home.formulas import neutralise

from . import schedule
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
COUNTRY_CODES = {"971": "+590", "972": "+596", "973": "+594", "974": "+262", "976": "+262"}
# Apps built on this one (workshops) answer this hook with the ids of the places that have
# upcoming collective workshops: their record says « Dans un atelier collectif » too.
WORKSHOP_PLACES_HOOK = "open_data_places_with_workshops"


def international_phone(phone, department):
    """'02 31 22 33 44' -> '+33231223344'; overseas numbers take their own country code."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    if digits.startswith("+"):
        return digits
    if len(digits) != 10 or not digits.startswith("0"):
        return ""
    return COUNTRY_CODES.get(department, "+33") + digits[1:]


def place_record(place, request, territory_names, today, with_workshops=frozenset()):
    plan = place.get_schedule()
    services = dict(SERVICES)
    access_ways = ["Se présenter"] if place.reception in ("walk_in", "both") else []
    if place.reception in ("appointment", "both"):
        if place.phone:
            access_ways.append("Téléphoner")
        if place.email:
            access_ways.append("Contacter par mail")
    confirmed = place.hours_confirmed_on or (
        place.last_published_at and timezone.localtime(place.last_published_at).date()
    )
    parent_path = place.path[: -place.steplen]
    return {
        "id": place.source_id or f"pasapas-lieu-{place.pk}",  # an imported place keeps its id
        "pivot": place.siret or UNKNOWN_PIVOT,
        "nom": place.title,
        "commune": place.commune,
        "code_postal": place.postcode,
        "code_insee": place.insee or None,
        "adresse": place.address,
        "complement_adresse": place.address_complement or None,
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
        "typologie": KIND_TYPOLOGIES.get(place.kind, OTHER_TYPOLOGY),
        "telephone": international_phone(place.phone, place.department) or None,
        "courriels": place.email or None,
        "site_web": place.get_full_url(request),
        "horaires": schedule.to_osm(plan, today),
        "presentation_resume": (place.intro or "")[:280] or None,
        "presentation_detail": schedule.describe_fr(plan),
        "source": "Pas à pas (FACE)",
        "itinerance": "Fixe",
        "structure_parente": territory_names.get(parent_path),
        "date_maj": confirmed.isoformat() if confirmed else today.isoformat(),
        "services": "|".join(services[s] for s in place.services or [] if s in services) or None,
        "publics_specifiquement_adresses": None,
        "prise_en_charge_specifique": None,
        "frais_a_charge": "Gratuit",
        "dispositif_programmes_nationaux": "France Services" if place.kind == "france_services" else None,
        "formations_labels": None,
        "autres_formations_labels": None,
        "modalites_acces": "|".join(access_ways) or None,
        "modalites_accompagnement": "Accompagnement individuel|Dans un atelier collectif"
        if place.pk in with_workshops
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


def rows_for_export(request, places, territory_names):
    """One record per place of `places` (the live public ones), with every field of the
    standard, in order; `territory_names` maps a club's page path to its name."""
    today = timezone.localdate()
    with_workshops = set()
    for places_with_workshops in hooks.get_hooks(WORKSHOP_PLACES_HOOK):
        with_workshops.update(places_with_workshops(today))
    return [place_record(place, request, territory_names, today, with_workshops) for place in places]
