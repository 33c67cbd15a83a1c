"""Where a visitor says they are: a postcode, a commune name or a department.

Plain Python over the official postcode file (codes-postaux, MIT, shipped compressed in
locations/data). No database and no network: the answer is ready in memory.
"""

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "codes-postaux.tsv.gz"
MAX_INPUT_LENGTH = 80


class AreaError(ValueError):
    """The text does not name a known place; the message is for the visitor, in French."""


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    postcodes: tuple[str, ...]

    @property
    def department(self):
        return department_of(self.insee)


@dataclass(frozen=True)
class Area:
    """What the visitor asked for: some communes, or a whole department."""

    label: str
    departments: frozenset[str]
    communes: tuple[Commune, ...] = ()

    @property
    def insee_codes(self):
        return frozenset(c.insee for c in self.communes)

    @property
    def postcodes(self):
        return frozenset(p for c in self.communes for p in c.postcodes)

    def proximity(self, insee="", postcode=""):
        """0 same commune, 1 same department, 2 elsewhere: the directory's sort key."""
        if (insee and insee in self.insee_codes) or (postcode and postcode in self.postcodes):
            return 0
        department = department_of(insee) if insee else department_of_postcode(postcode)
        return 1 if department in self.departments else 2


def department_of(insee):
    """Department code of an INSEE commune code: '14', '2A', '971'."""
    return insee[:3] if insee.startswith("97") else insee[:2]


def department_of_postcode(postcode):
    if not postcode:
        return ""
    communes = communes_by_postcode().get(postcode)
    if communes:
        return communes[0].department
    return postcode[:3] if postcode.startswith("97") else postcode[:2]


def normalise(text):
    """Lower case, no accents, hyphens and apostrophes as spaces, 'st' as 'saint'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("-", " ").replace("'", " ").replace("’", " ")
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split()]
    return " ".join(words)


@lru_cache(maxsize=1)
def _communes():
    rows = {}
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            postcode, insee, name = line.rstrip("\n").split("\t")
            name_codes = rows.setdefault(insee, [name, []])
            name_codes[1].append(postcode)
    return tuple(Commune(insee, name, tuple(sorted(codes))) for insee, (name, codes) in rows.items())


@lru_cache(maxsize=1)
def communes_by_postcode():
    index = {}
    for commune in _communes():
        for postcode in commune.postcodes:
            index.setdefault(postcode, []).append(commune)
    return index


ARRONDISSEMENT = re.compile(r"^(.*) \d+(?:er|e) arrondissement$")


@lru_cache(maxsize=1)
def communes_by_name():
    index = {}
    for commune in _communes():
        name = normalise(commune.name)
        index.setdefault(name, []).append(commune)
        # "Marseille 3e Arrondissement" is also found as plain "Marseille" (Paris, Lyon too).
        city = ARRONDISSEMENT.match(name)
        if city:
            index.setdefault(city.group(1), []).append(commune)
    return index


@lru_cache(maxsize=1)
def departments():
    return frozenset(c.department for c in _communes())


def find_commune(insee):
    for commune in _communes():
        if commune.insee == insee:
            return commune
    return None


def resolve_area(text):
    """Turn what the visitor typed into an Area, or raise AreaError with a French message."""
    text = (text or "").strip()
    if not text:
        raise AreaError("Indiquez une commune, un code postal ou un numéro de département.")
    if len(text) > MAX_INPUT_LENGTH:
        raise AreaError("Ce lieu est trop long. Écrivez seulement le nom de la commune ou le code postal.")
    compact = text.replace(" ", "").upper()
    if compact.isdigit() and len(compact) == 5:
        communes = communes_by_postcode().get(compact)
        if not communes:
            raise AreaError(f"Le code postal {compact} n'existe pas. Vérifiez les 5 chiffres.")
        return Area(
            label=f"{compact} ({', '.join(c.name for c in communes[:3])})",
            departments=frozenset(c.department for c in communes),
            communes=tuple(communes),
        )
    if compact in departments():
        return Area(label=f"département {compact}", departments=frozenset({compact}))
    if compact.isdigit():
        raise AreaError(
            f"« {text} » n'est ni un code postal (5 chiffres) ni un numéro de département (2 ou 3 chiffres)."
        )
    communes = communes_by_name().get(normalise(text))
    if not communes:
        raise AreaError(
            f"Nous ne trouvons pas la commune « {text} ». Vérifiez l'orthographe, ou écrivez le code postal."
        )
    return Area(
        label=communes[0].name if len({c.name for c in communes}) == 1 else text.strip().title(),
        departments=frozenset(c.department for c in communes),
        communes=tuple(communes),
    )
