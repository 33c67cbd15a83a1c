"""Demo search synonyms, from search/demo/synonyms.toml: a term, and what people also type."""

import tomllib
from pathlib import Path

from .models import SynonymGroup

DATA = Path(__file__).resolve().parent / "demo" / "synonyms.toml"


def synonyms():
    with open(DATA, "rb") as data:
        return tomllib.load(data)["synonyms"]


def load(home):
    created = 0
    for term, equivalents in synonyms().items():
        created += SynonymGroup.objects.get_or_create(
            term=term, defaults={"equivalents": "\n".join(equivalents)}
        )[1]
    return created


def reset(home):
    return SynonymGroup.objects.filter(term__in=list(synonyms())).delete()[0]
