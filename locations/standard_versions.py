"""Older versions (v0.x) of the national standard of places, converted to v1.0. No Django.

The correspondence follows the standard's own description of its changes between 0.1.1 and
1.0.1 (« descriptif-des-evolutions » of LaMednum/standard-mediation-num, the ANCT's schema):
`;` separators become `|`; the 15 old services are condensed into the 9 new ones; the old
`conditions_acces` becomes `frais_a_charge`; `publics_accueillis` is split into
`publics_specifiquement_adresses` and `prise_en_charge_specifique`; `labels_nationaux` into
`dispositif_programmes_nationaux` and `formations_labels` (the rest goes to
`autres_formations_labels`, the old `labels_autres`); `courriel` becomes `courriels`,
`accessibilite` becomes `fiche_acces_libre`; the old `modalites_accompagnement` values take
their new names. v1.0 files that still carry some of these old columns (the national map's own
exports do) have those columns converted the same way.
"""

from __future__ import annotations

V0, V1 = "0.x", "1.0"

OLD_SERVICES = {
    "Devenir autonome dans les démarches administratives": "Aide aux démarches administratives",
    "Réaliser des démarches administratives avec un accompagnement": "Aide aux démarches administratives",
    "Accompagner les démarches de santé": "Aide aux démarches administratives",
    "Etre accompagné dans les démarches administratives": "Aide aux démarches administratives",
    "Prendre en main un smartphone ou une tablette": "Maîtrise des outils numériques du quotidien",
    "Prendre en main un ordinateur": "Maîtrise des outils numériques du quotidien",
    "Utiliser le numérique au quotidien": "Maîtrise des outils numériques du quotidien",
    "Approfondir ma culture numérique": "Compréhension du monde numérique",
    "Promouvoir la citoyenneté numérique": "Compréhension du monde numérique",
    "Favoriser mon insertion professionnelle": "Insertion professionnelle via le numérique",
    "Créer et développer mon entreprise": "Insertion professionnelle via le numérique",
    "Accéder à une connexion internet": "Accès internet et matériel informatique",
    "Accéder à du matériel": "Accès internet et matériel informatique",
    "S'équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
    "S’équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
    "Créer avec le numérique": "Loisirs et créations numériques",
    "Soutenir la parentalité et l'éducation avec le numérique": "Parentalité et éducation avec le numérique",
}
OLD_ACCOMPANIMENTS = {
    "Seul": "En autonomie",
    "Avec de l'aide": "Accompagnement individuel",
    "Dans un atelier": "Dans un atelier collectif",
    "A ma place": "Accompagnement individuel",
    "À ma place": "Accompagnement individuel",
}
OLD_FEES = {
    "Gratuit": "Gratuit",
    "Gratuit sous condition": "Gratuit sous condition",
    "Payant": "Payant",
    "Adhésion": "Payant",
    "Accepte le Pass numérique": "Payant",
}
# publics_accueillis -> (field, value); "Adultes" addresses no specific public.
OLD_AUDIENCES = {
    "Jeunes (16-26 ans)": ("publics_specifiquement_adresses", "Jeunes"),
    "Jeunes": ("publics_specifiquement_adresses", "Jeunes"),
    "Étudiants": ("publics_specifiquement_adresses", "Étudiants"),
    "Familles/enfants": ("publics_specifiquement_adresses", "Familles et/ou enfants"),
    "Seniors (+ 65 ans)": ("publics_specifiquement_adresses", "Seniors"),
    "Femmes": ("publics_specifiquement_adresses", "Femmes"),
    "Surdité": ("prise_en_charge_specifique", "Surdité"),
    "Handicaps moteurs": ("prise_en_charge_specifique", "Handicaps moteurs"),
    "Handicaps mentaux": ("prise_en_charge_specifique", "Handicaps mentaux"),
    "Personnes en situation d'illettrisme": ("prise_en_charge_specifique", "Illettrisme"),
    "Public langues étrangères": ("prise_en_charge_specifique", "Langues étrangères (autres)"),
    "Déficience visuelle": ("prise_en_charge_specifique", "Déficience visuelle"),
}
OLD_LABELS = {
    "CNFS": ("dispositif_programmes_nationaux", "Conseillers numériques"),
    "Conseillers numériques": ("dispositif_programmes_nationaux", "Conseillers numériques"),
    "France Services": ("dispositif_programmes_nationaux", "France Services"),
    "Aidants Connect": ("dispositif_programmes_nationaux", "Aidants Connect"),
    "PIX": ("dispositif_programmes_nationaux", "Certification PIX"),
    "Grande école du numérique": ("dispositif_programmes_nationaux", "Grande école du numérique"),
    "Point d'accès numérique CAF": ("dispositif_programmes_nationaux", "Point d'accès numérique CAF"),
    "Promeneurs du net": ("dispositif_programmes_nationaux", "Promeneurs du net"),
    "Fabriques de Territoire": ("formations_labels", "Fabriques de Territoire"),
    "French Tech": ("autres_formations_labels", "French Tech"),
    "Mon Espace Santé": ("formations_labels", "Formé à « Mon Espace Santé »"),
    "SUD LABS": ("formations_labels", "SUD LABS (PACA)"),
}
# Old columns renamed as they are (their `;` lists become `|` lists).
RENAMED = {
    "courriel": "courriels",
    "accessibilite": "fiche_acces_libre",
    "labels_autres": "autres_formations_labels",
    "presentation_resumee": "presentation_resume",
}
OLD_COLUMNS = {*RENAMED, "conditions_acces", "publics_accueillis", "labels_nationaux"}
LISTS = ("services", "modalites_accompagnement", "typologie", "site_web", "modalites_acces")


def _values(text, separator=";"):
    return [value.strip() for value in (text or "").replace("|", separator).split(separator) if value.strip()]


def _label(value):
    """'Seul : j'ai accès à du matériel…' -> 'Seul': the old vocabularies' values before « : »."""
    return value.split(" : ", 1)[0].strip()


def is_old(record):
    """Does the record carry the v0.x vocabulary (old services or old columns)?"""
    return bool(OLD_COLUMNS & {key for key, value in record.items() if value}) or any(
        value in OLD_SERVICES for value in _values(record.get("services", ""))
    )


def upgrade(record):
    """(record in v1.0, version read): a v0.x record (or a v1.0 one carrying old columns)
    converted; a v1.0 record is returned as it came."""
    if not is_old(record):
        return record, V1
    converted = {key: value for key, value in record.items() if key not in OLD_COLUMNS}
    version = V0 if any(v in OLD_SERVICES for v in _values(record.get("services", ""))) else V1
    for old, new in RENAMED.items():
        if record.get(old) and not record.get(new):
            converted[new] = "|".join(_values(record[old]))
    for name in LISTS:
        if ";" in (record.get(name) or ""):
            converted[name] = "|".join(_values(record[name]))
    services = _values(record.get("services", ""))
    if any(value in OLD_SERVICES for value in services):
        converted["services"] = _join(OLD_SERVICES.get(value, value) for value in services)
    accompaniments = _values(record.get("modalites_accompagnement", ""))
    if any(_label(value) in OLD_ACCOMPANIMENTS for value in accompaniments):
        converted["modalites_accompagnement"] = _join(
            OLD_ACCOMPANIMENTS.get(_label(value), value) for value in accompaniments
        )
    if record.get("conditions_acces") and not record.get("frais_a_charge"):
        fees = [OLD_FEES.get(_label(value)) for value in _values(record["conditions_acces"])]
        converted["frais_a_charge"] = _join(fee for fee in fees if fee)
    split = {}
    if record.get("publics_accueillis"):
        for value in _values(record["publics_accueillis"]):
            target = OLD_AUDIENCES.get(value) or OLD_AUDIENCES.get(_label(value))
            if target:
                split.setdefault(target[0], []).append(target[1])
    if record.get("labels_nationaux"):
        for value in _values(record["labels_nationaux"]):
            name, label = OLD_LABELS.get(value, ("autres_formations_labels", value))
            split.setdefault(name, []).append(label)
    for name, values in split.items():
        if name == "autres_formations_labels" and converted.get(name):
            values = [*_values(converted[name], "|"), *values]
        if name == "autres_formations_labels" or not record.get(name):
            converted[name] = _join(values)
    return converted, version


def _join(values):
    return "|".join(dict.fromkeys(value for value in values if value))
