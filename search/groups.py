"""Kinds of result a visitor sees, in the order they are most often looking for."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ResultGroup:
    code: str
    label: str  # translated when shown (gettext_lazy)
    models: tuple[str, ...]  # "app_label.modelname", lower case


GROUPS = (
    ResultGroup(
        "guides",
        _("Guides"),
        (
            "guides.guidepage",
            "guides.guideindexpage",
            "guides.learningpathpage",
            "guides.learningpathindexpage",
        ),
    ),
    ResultGroup(
        "lieux",
        _("Lieux"),
        ("locations.locationpage", "locations.territorypage", "locations.locationindexpage"),
    ),
    ResultGroup("ateliers", _("Ateliers"), ("workshops.workshoppage", "workshops.workshopindexpage")),
    ResultGroup(
        "partenaires",
        _("Partenaires et aides"),
        ("partners.partnerpage", "partners.partnerindexpage", "partners.orientationpage"),
    ),
    ResultGroup("glossaire", _("Glossaire"), ("guides.glossaryterm", "guides.glossarypage")),
)
OTHER = ResultGroup("autres", _("Autres pages"), ())
BY_CODE = {group.code: group for group in (*GROUPS, OTHER)}


def group_of(model_label):
    for group in GROUPS:
        if model_label in group.models:
            return group
    return OTHER
