"""Kinds of result a visitor sees, in the order they are most often looking for."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultGroup:
    code: str
    label: str
    models: tuple[str, ...]  # "app_label.modelname", lower case


GROUPS = (
    ResultGroup(
        "guides",
        "Guides",
        (
            "guides.guidepage",
            "guides.guideindexpage",
            "guides.learningpathpage",
            "guides.learningpathindexpage",
        ),
    ),
    ResultGroup(
        "lieux", "Lieux", ("locations.locationpage", "locations.territorypage", "locations.locationindexpage")
    ),
    ResultGroup(
        "partenaires",
        "Partenaires et aides",
        ("partners.partnerpage", "partners.partnerindexpage", "partners.orientationpage"),
    ),
    ResultGroup("glossaire", "Glossaire", ("guides.glossaryterm", "guides.glossarypage")),
)
OTHER = ResultGroup("autres", "Autres pages", ())
BY_CODE = {group.code: group for group in (*GROUPS, OTHER)}


def group_of(model_label):
    for group in GROUPS:
        if model_label in group.models:
            return group
    return OTHER
