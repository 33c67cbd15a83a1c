"""A national-size file of places in the national standard, for `make bench-national`.

python bench/national.py 20000 lieux.csv  ->  20,000 places spread over the real communes of
DEPARTMENTS (locations/data), with varied OSM hours, services and kinds. Deterministic (seeded):
two runs give the same file. Never used by the tests.
"""

import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from locations import geo, vocabulary  # noqa: E402 - pure modules, no Django needed

SCHEMA = ROOT / "locations" / "data" / "lieux-mediation-numerique.schema.json"
FIELDS = [field["name"] for field in json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]]

# Fifteen departments of every kind (rural, urban, overseas): "14, 50, …" fits a territory's field.
DEPARTMENTS = ["14", "50", "61", "76", "27", "75", "69", "13", "33", "59", "35", "2A", "63", "971", "974"]
HOURS = [
    "Mo-Fr 09:00-12:00,14:00-17:00",
    "Tu,Th 14:00-17:30",
    "Mo 09:00-12:00; We 14:00-18:00; Sa 09:00-12:00",
    "We 09:00-12:00",
    "Mo-Fr 08:30-12:30; PH off",
    "Tu 14:00-17:00; Fr 09:00-12:00",
    "Mo[1] 14:00-16:00",
    "Th[2,4] 09:30-11:30",
    "Mo-Sa 10:00-18:00; 2026 Aug 03-2026 Aug 21 off",
    "Sa 09:00-12:00",
    "",  # no hours known: imported without slots
]
SERVICES = [label for _slug, label in vocabulary.SERVICES]
TYPOLOGIES = ["MAIRIE", "BIB", "CCAS", "ASSO", "TIERS_LIEUX", "CS", "PIMMS"]
STREETS = ["rue de la Mairie", "place de l'Église", "avenue de la Gare", "rue des Écoles", "grande rue"]
NAMES = ["Espace numérique", "Mairie", "Médiathèque", "France Services", "Centre social", "Point d'accès"]


def communes():
    wanted = set(DEPARTMENTS)
    return [c for c in geo._communes() if c.department in wanted]


def record(n, commune, rng):
    postcode = rng.choice(commune.postcodes)
    national = rng.random() < 0.15
    return {
        "id": f"bench-{n}",
        "pivot": f"{rng.randrange(10**13, 10**14)}",
        "nom": f"{rng.choice(NAMES)} {commune.name} n°{n}",
        "commune": commune.name,
        "code_postal": postcode,
        "code_insee": commune.insee,
        "adresse": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        "complement_adresse": "",
        "latitude": f"{rng.uniform(42.5, 50.5):.5f}",
        "longitude": f"{rng.uniform(-4.5, 7.5):.5f}",
        "typologie": rng.choice(TYPOLOGIES),
        "telephone": f"+332{rng.randrange(10**7, 10**8)}",
        "courriels": f"contact{n}@exemple.fr",
        "horaires": rng.choice(HOURS),
        "presentation_resume": "Aide pour les démarches en ligne et l'usage du numérique.",
        "date_maj": "2026-09-01",
        "services": "|".join(rng.sample(SERVICES, rng.randint(1, 3))),
        "dispositif_programmes_nationaux": "France Services" if national else "",
        "modalites_acces": rng.choice(["Se présenter", "Téléphoner", "Se présenter|Téléphoner"]),
        "frais_a_charge": "Gratuit",
    }


def write(count, path):
    rng = random.Random(2026)  # noqa: S311 - test data, not secrets
    pool = communes()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for n in range(1, count + 1):
            writer.writerow(record(n, pool[(n * 7919) % len(pool)], rng))


if __name__ == "__main__":
    write(int(sys.argv[1]), sys.argv[2])
