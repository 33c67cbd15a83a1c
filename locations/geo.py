"""Where a visitor says they are (a postcode, a commune name or a department), and how
near a place is to it: same commune, same intercommunalité (EPCI), same department, same
region, or further away.

Plain Python over official files shipped compressed in locations/data: the postcodes
(codes-postaux, MIT) and the administrative geography (@etalab/decoupage-administratif,
MIT), completed by cog-complements (the overseas collectivities and the communes merged since,
from the same package: see locations/data/build_cog_history.py). No database and no network:
the answer is ready in memory.
"""

import difflib
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "codes-postaux.tsv.gz"
ADMIN_FILE = Path(__file__).with_name("data") / "decoupage-administratif.tsv.gz"
CENTRES_FILE = Path(__file__).with_name("data") / "communes-centres.tsv.gz"
COMPLEMENTS_FILE = Path(__file__).with_name("data") / "cog-complements.tsv.gz"
MAX_INPUT_LENGTH = 80

# How near a place is to the area searched: the directory's sort key and group levels.
COMMUNE, EPCI, DEPARTMENT, REGION, ELSEWHERE = range(5)


class AreaError(ValueError):
    """The text does not name a known place; the message is for the visitor, in French, and
    `suggestion` the commune they probably meant ('' when none is close enough)."""

    def __init__(self, message, suggestion=""):
        super().__init__(message)
        self.suggestion = suggestion


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

    @cached_property
    def cities(self):
        """INSEE codes of the communes searched (Paris, Lyon, Marseille for their arrondissements)."""
        return frozenset(city_of(c.insee)[0] for c in self.communes)

    @cached_property
    def epcis(self):
        return frozenset(filter(None, (epci_of(c.insee) for c in self.communes)))

    @cached_property
    def regions(self):
        return frozenset(filter(None, (region_of(d) for d in self.departments)))

    @cached_property
    def short_name(self):
        """The commune the visitor means, for headings ("Autour de Lisieux"); '' for a department."""
        if not self.communes:
            return ""
        if self.label[:5].isdigit():  # a postcode: its largest commune ("14100" is Lisieux)
            main = max(self.communes, key=lambda c: geography().population.get(c.insee, 0))
            return city_of(main.insee)[1] or main.name
        return self.label

    @property
    def department_phrase(self):
        """'dans le Calvados', 'dans la Manche', 'à Paris'; several departments stay generic."""
        if len(self.departments) == 1:
            return department_in(next(iter(self.departments)))
        return "dans ces départements"

    def proximity(self, insee="", postcode=""):
        """COMMUNE, EPCI, DEPARTMENT, REGION or ELSEWHERE (0 to 4): how near a place is."""
        if not insee and postcode:
            communes = communes_by_postcode().get(postcode, ())
            if len(communes) == 1:
                insee = communes[0].insee
            elif postcode in self.postcodes:
                return COMMUNE
        if insee:
            if self.communes and city_of(insee)[0] in self.cities:
                return COMMUNE
            epci = epci_of(insee)
            if epci and epci in self.epcis:
                return EPCI
        department = place_department(insee, postcode)
        if department in self.departments:
            return DEPARTMENT
        region = region_of(department)
        return REGION if region and region in self.regions else ELSEWHERE

    def heading(self, level, city=""):
        """What a group of places at `level` is, in French: nothing far is called "near"."""
        if level == COMMUNE:
            return _at(city or self.short_name)
        if level == EPCI:
            return f"Autour {_of(self.short_name)}"
        if level == DEPARTMENT:
            if len(self.departments) == 1:
                return _capitalise(self.department_phrase)
            return "Dans le même département"
        if level == REGION:
            if len(self.regions) == 1:
                return f"Ailleurs {region_in(next(iter(self.regions)))}"
            return "Ailleurs dans la même région"
        return "Plus loin"

    def group(self, items, where, order):
        """Items in groups by nearness, each group with its heading; within a group, by `order`.

        `where(item)` gives (insee, postcode). Places in the searched communes are grouped per
        commune ("À Lisieux", "À Saint-Martin-de-la-Lieue")."""
        groups = {}
        for item in items:
            insee, postcode = where(item)
            level = self.proximity(insee, postcode)
            city = self._commune_name(insee) if level == COMMUNE else ""
            groups.setdefault((level, city), []).append(item)
        ordered = sorted(groups.items(), key=lambda entry: (entry[0][0], normalise(entry[0][1])))
        return [
            Group(level, self.heading(level, city), sorted(members, key=order))
            for (level, city), members in ordered
        ]

    def _commune_name(self, insee):
        commune = find_commune(insee) if insee else None
        return city_of(insee)[1] or (commune.name if commune else self.short_name)


@dataclass
class Group:
    """Places (or partners) at one level of nearness, and the French heading that says where."""

    level: int
    heading: str
    items: list = field(default_factory=list)

    @property
    def phrase(self):
        """The heading inside a sentence: 'Permanences à Lisieux', '… ailleurs en Normandie'."""
        return self.heading[:1].lower() + self.heading[1:]

    @property
    def near(self):
        """Inside the searched department: the only places we may call near."""
        return self.level <= DEPARTMENT


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _at(name):
    """'À Lisieux', 'Au Havre', 'Aux Andelys'."""
    if name.startswith("Le "):
        return f"Au {name[3:]}"
    if name.startswith("Les "):
        return f"Aux {name[4:]}"
    return f"À {name}"


def _of(name):
    """'de Lisieux', 'du Havre', 'des Andelys', "d'Avranches"."""
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name and normalise(name[:1]) in "aeiouy":
        return f"d'{name}"
    return f"de {name}"


@dataclass(frozen=True)
class Geography:
    regions: dict
    departments: dict
    epci_names: dict
    epci_of: dict
    city_of: dict
    population: dict


@lru_cache(maxsize=1)
def geography():
    """Regions, departments, EPCI and the commune -> EPCI table (decoupage-administratif)."""
    regions, departments_, epci_names, epcis, cities, population = {}, {}, {}, {}, {}, {}
    for kind, *cells in [*_rows(ADMIN_FILE), *_rows(COMPLEMENTS_FILE)]:
        if kind == "C":
            epcis[cells[0]] = cells[1]
            population[cells[0]] = int(cells[2] or 0)
            if len(cells) > 3:
                cities[cells[0]] = (cells[3], cells[4])
        elif kind == "E":
            epci_names[cells[0]] = cells[1]
        elif kind == "D":
            departments_[cells[0]] = (cells[1], cells[2], cells[3])
        elif kind == "R":
            regions[cells[0]] = (cells[1], cells[2])
    return Geography(regions, departments_, epci_names, epcis, cities, population)


def _rows(path):
    """The tab-separated rows of one of our compact data files, comments left out."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]


def epci_of(insee):
    return geography().epci_of.get(insee, "")


def city_of(insee):
    """(INSEE code, name) of the commune of an arrondissement; (insee, '') for a commune."""
    return geography().city_of.get(insee, (insee, ""))


def region_of(department):
    entry = geography().departments.get(department)
    return entry[0] if entry else ""


def department_name(department):
    entry = geography().departments.get(department)
    return entry[1] if entry else department


def department_in(department):
    entry = geography().departments.get(department)
    return entry[2] if entry else f"dans le département {department}"


def region_name(region):
    entry = geography().regions.get(region)
    return entry[0] if entry else ""


def region_in(region):
    entry = geography().regions.get(region)
    return entry[1] if entry else "dans la même région"


def department_of(insee):
    """Department code of an INSEE commune code: '14', '2A', '971', '988'."""
    return insee[:3] if insee.startswith(("97", "98")) else insee[:2]


def place_department(insee="", postcode=""):
    """Department code of a place: from its INSEE code, else from its postcode."""
    return department_of(insee) if insee else department_of_postcode(postcode)


def department_of_postcode(postcode):
    if not postcode:
        return ""
    communes = communes_by_postcode().get(postcode)
    if communes:
        return communes[0].department
    return postcode[:3] if postcode.startswith(("97", "98")) else postcode[:2]


def normalise(text):
    """Lower case, no accents, hyphens and apostrophes as spaces, 'st' as 'saint'."""
    # Apostrophes first: the typographic one (« Tain L’Hermitage ») is not ASCII.
    text = text.replace("’", " ").replace("'", " ").replace("-", " ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in text.split()]
    return " ".join(words)


@lru_cache(maxsize=1)
def _communes():
    rows = {}
    overseas = [cells[1:] for cells in _rows(COMPLEMENTS_FILE) if cells[0] == "P"]
    for postcode, insee, name in [*_rows(DATA_FILE), *overseas]:
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


@lru_cache(maxsize=1)
def _communes_by_insee():
    return {commune.insee: commune for commune in _communes()}


def find_commune(insee):
    return _communes_by_insee().get(insee)


def commune_at(communes, name):
    """The commune called `name` among `communes` (those of one postcode); the only one when
    the postcode has a single commune; None when the name matches none of several."""
    named = [commune for commune in communes if normalise(commune.name) == normalise(name)]
    match = named or (communes if len(communes) == 1 else [])
    return match[0] if match else None


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
        largest = sorted(communes, key=lambda c: -geography().population.get(c.insee, 0))
        return Area(
            label=f"{compact} ({', '.join(c.name for c in largest[:3])})",
            departments=frozenset(c.department for c in communes),
            communes=tuple(communes),
        )
    if compact in departments():
        return Area(label=department_name(compact), departments=frozenset({compact}))
    if compact.isdigit():
        raise AreaError(
            f"« {text} » n'est ni un code postal (5 chiffres) ni un numéro de département (2 ou 3 chiffres)."
        )
    communes = communes_by_name().get(normalise(text))
    if not communes:
        raise AreaError(
            f"Nous ne trouvons pas la commune « {text} ». Vérifiez l'orthographe, ou écrivez le code postal.",
            suggestion=suggest_commune(text),
        )
    return Area(
        label=communes[0].name if len({c.name for c in communes}) == 1 else text.strip().title(),
        departments=frozenset(c.department for c in communes),
        communes=tuple(communes),
    )


@lru_cache(maxsize=1)
def _names_by_length():
    by_length = {}
    for name in communes_by_name():
        by_length.setdefault(len(name), []).append(name)
    return by_length


SUGGESTION_CUTOFF = 0.8


def suggest_commune(text):
    """The official commune name closest to a misspelt one (« lisieu » → « Lisieux »): names
    compared without accents, hyphens or the Saint/St difference; among equally close names,
    the most populated commune. '' when nothing is close enough."""
    key = normalise(text)
    if len(key) < 3:
        return ""
    by_length = _names_by_length()
    candidates = [name for size in range(len(key) - 2, len(key) + 3) for name in by_length.get(size, ())]
    matcher = difflib.SequenceMatcher(b=key, autojunk=False)
    best, best_score = [], SUGGESTION_CUTOFF
    for name in candidates:
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = [name], score
        elif score == best_score:
            best.append(name)
    if not best:
        return ""
    population = geography().population
    communes = [c for name in best for c in communes_by_name()[name]]
    chosen = max(communes, key=lambda c: population.get(c.insee, 0))
    return city_of(chosen.insee)[1] or chosen.name


def distance_key(latitude, longitude, origin):
    """How far (latitude, longitude) is from `origin`, as a sort key: the squared equirectangular
    distance in degrees, exact enough to order places within a country; unknown positions
    (or no origin) last. The database computes the same (locations.rendering.distance_order)."""
    if origin is None:
        return 0.0
    if latitude is None or longitude is None:
        return UNLOCATED
    north = float(latitude) - origin[0]
    east = (float(longitude) - origin[1]) * origin[2]
    return north * north + east * east


UNLOCATED = 1e9  # beyond any distance on Earth in squared degrees


def origin(latitude, longitude):
    """A search's centre as distance_key reads it: (latitude, longitude, cos(latitude))."""
    if latitude is None or longitude is None:
        return None
    return (float(latitude), float(longitude), math.cos(math.radians(float(latitude))))


@lru_cache(maxsize=1)
def _centres():
    """({INSEE code: (lat, lon)}, {department: (lat, lon)}) from communes-centres.tsv.gz."""
    communes, departments_ = {}, {}
    with gzip.open(CENTRES_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            kind, code, latitude, longitude = line.rstrip("\n").split("\t")
            (departments_ if kind == "D" else communes)[code] = (float(latitude), float(longitude))
    return communes, departments_


def commune_centre(insee="", postcode=""):
    """Where a commune is (its position, else its department's centre); None when unknown."""
    communes, departments_ = _centres()
    if not insee and postcode:
        insee = area_commune(postcode)
    if insee and insee in communes:
        return communes[insee]
    return departments_.get(place_department(insee, postcode))


def place_position(latitude, longitude, insee="", postcode=""):
    """A place's own coordinates, else its commune's centre: what "nearest" measures."""
    if latitude is not None and longitude is not None:
        return float(latitude), float(longitude)
    return commune_centre(insee, postcode)


def area_origin(area):
    """The centre of a search, for distance_key: its communes' mean position, or its
    department's centre; None when neither is known."""
    if area.communes:
        points = [commune_centre(c.insee) for c in area.communes]
    else:
        points = [_centres()[1].get(d) for d in sorted(area.departments)]
    points = [p for p in points if p]
    if not points:
        return None
    return origin(sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def area_codes(insee="", postcode=""):
    """(EPCI, department, region) codes of a place at `insee` (or, without it, `postcode`):
    the columns the directory filters and groups on in the database."""
    if not insee and postcode:
        communes = communes_by_postcode().get(postcode, ())
        insee = communes[0].insee if len(communes) == 1 else ""
    department = place_department(insee, postcode)
    return epci_of(insee) if insee else "", department, region_of(department)


@lru_cache(maxsize=1)
def _city_members():
    members = {}
    for insee, (city, _name) in geography().city_of.items():
        members.setdefault(city, set()).add(insee)
    return members


def city_members(city):
    """INSEE codes that belong to the city `city`: itself and its arrondissements (Paris, Lyon, Marseille)."""
    return frozenset({city, *_city_members().get(city, ())})


def canonical_text(area):
    """What to type to find `area` again, the same for every spelling of it: a postcode, a
    department code or a commune's name."""
    if not area.communes:
        return min(area.departments)
    if area.label[:5].isdigit():
        return area.label[:5]
    return area.label


def preload():
    """Read every table now rather than on a worker's first search: a served process calls
    this at start (portal/wsgi.py), so that no visitor waits for the files to be parsed
    (a few hundred ms, once per process)."""
    geography()
    communes_by_postcode()
    communes_by_name()
    departments()
    _communes_by_insee()
    _city_members()
    _names_by_length()
    _centres()


def area_commune(postcode):
    """The INSEE code of the only commune of `postcode`; '' when it has none or several."""
    communes = communes_by_postcode().get(postcode or "", ())
    return communes[0].insee if len(communes) == 1 else ""


# --- the commune of a row of the national files ----------------------------------------------


@lru_cache(maxsize=1)
def _history():
    """({old INSEE code: current code}, {normalised old name: [(old code, current code)]}): the
    communes merged since, from the official geographic code's history (cog-complements)."""
    codes, names = {}, {}
    for kind, *cells in _rows(COMPLEMENTS_FILE):
        if kind == "H":
            old, name, current = cells
            codes.setdefault(old, current)
            if name:
                names.setdefault(normalise(name), []).append((old, current))
    return codes, names


def current_insee(insee):
    """The INSEE code a commune has today: itself, or the commune it was merged into."""
    if find_commune(insee):
        return insee
    return _history()[0].get(insee, "")


def postcode_departments(postcode):
    """The departments a postcode may belong to, from its first digits (CEDEX codes included)."""
    if postcode.startswith(("97", "98")):
        return {postcode[:3]}
    if postcode.startswith("20"):
        return {"2A", "2B"}
    return {postcode[:2]}


@dataclass(frozen=True)
class Resolution:
    """The commune a row of a national file is in (None when it stays unknown), and what was
    done to find it (a French note for the import report, '' when the row said it plainly)."""

    commune: Commune | None
    note: str = ""


def _is_named(commune, key):
    """Is `commune` called `key` (normalised)? An arrondissement answers to its city's name too."""
    return key in (normalise(commune.name), normalise(city_of(commune.insee)[1]))


def resolve_commune(postcode, name, insee=""):
    """Where a place of a national file is, resolved as the national tools do: its INSEE code
    (a merged commune's code, or a city with arrondissements such as 13055, resolved to today's
    commune), else its name among its postcode's communes (arrondissements answer to their
    city's name, a merged commune to its old name), else its name in the postcode's department
    (a CEDEX code, or a wrong postcode). A Resolution; its commune is None when the row stays
    ambiguous (the importer keeps it, with the note)."""
    candidates = communes_by_postcode().get(postcode, [])
    insee_note = ""
    if insee:
        commune, note = _by_insee(insee, postcode)
        if commune and commune.department not in postcode_departments(postcode):
            # 63236 (Mont-Dore, Puy-de-Dôme) for a place at 98800 Nouméa: the postcode and the
            # name agree, the code does not.
            insee_note = (
                f"code INSEE {insee} ({commune.name}) d'un autre département que le code postal : ignoré"
            )
        elif (
            commune
            and candidates
            and postcode not in commune.postcodes
            and _by_name(postcode, name, candidates)[1] == ""
        ):
            # The postcode and the name agree on another commune of the same department.
            insee_note = (
                f"code INSEE {insee} ({commune.name}) contraire au code postal et à la commune : ignoré"
            )
        elif commune:
            if candidates and postcode not in commune.postcodes:
                note = _join(
                    note, f"le code postal {postcode} n'est pas celui de {commune.name} (INSEE {insee})"
                )
            elif not candidates:
                note = _join(note, f"code postal {postcode} inconnu (CEDEX ?) : commune prise du code INSEE")
            return Resolution(commune, note)
    commune, note = _by_name(postcode, name, candidates)
    return Resolution(commune, _join(insee_note, note))


def _by_name(postcode, name, candidates):
    """(commune or None, note) of a commune's name and postcode."""
    key = normalise(name)
    named = [commune for commune in candidates if _is_named(commune, key)]
    if named and len({city_of(c.insee)[0] for c in named}) == 1:
        return named[0], ""
    departments_ = postcode_departments(postcode)
    merged = [current for _old, current in _history()[1].get(key, ())]
    merged = [find_commune(code) for code in dict.fromkeys(merged) if find_commune(code)]
    for found in (
        [c for c in merged if c in candidates],
        [c for c in merged if c.department in departments_],
    ):
        if len(found) == 1:
            return found[0], f"« {name} » a fusionné dans {found[0].name} (INSEE {found[0].insee})"
    same_name = [c for c in communes_by_name().get(key, ()) if c.department in departments_]
    if same_name and len({city_of(c.insee)[0] for c in same_name}) == 1:
        if candidates:
            return (
                same_name[0],
                f"le code postal {postcode} n'est pas celui de {same_name[0].name} : "
                "commune trouvée par son nom",
            )
        return same_name[0], f"code postal {postcode} inconnu (CEDEX ?) : commune trouvée par son nom"
    if len(candidates) == 1:
        return candidates[
            0
        ], f"commune « {name} » lue comme {candidates[0].name}, seule commune du {postcode}"
    if not candidates:
        return None, f"code postal {postcode} inconnu et commune « {name} » introuvable : à vérifier"
    names = ", ".join(sorted(c.name for c in candidates))
    return (
        None,
        f"commune « {name} » introuvable parmi celles du code postal {postcode} ({names}) : à vérifier",
    )


def _by_insee(insee, postcode):
    """(commune, note) of an INSEE code: today's commune, or an arrondissement of the city."""
    commune = find_commune(insee)
    if commune:
        return commune, ""
    arrondissements = [find_commune(code) for code in sorted(city_members(insee) - {insee})]
    if arrondissements:
        with_postcode = [c for c in arrondissements if postcode in c.postcodes]
        return (with_postcode or arrondissements)[0], ""
    current = _history()[0].get(insee)
    if current and find_commune(current):
        commune = find_commune(current)
        return (
            commune,
            f"le code INSEE {insee} est celui d'une commune fusionnée dans {commune.name} ({commune.insee})",
        )
    return None, ""


def _join(*notes):
    return " ; ".join(note for note in notes if note)
