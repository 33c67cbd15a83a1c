from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from home.models import BasePage

from . import geo


class LocationIndexPage(BasePage):
    """/lieux/: the directory of every place where a mediator holds a permanence."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["locations.TerritoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "Annuaire des lieux"


class TerritoryPage(BasePage):
    """One club and its territory. Its places and local partners live under it, so that
    Wagtail's page permissions give the club's staff this subtree and nothing else."""

    departments = models.CharField(
        "Départements",
        max_length=60,
        help_text="Numéros des départements couverts, séparés par des virgules (ex. : 14, 50).",
    )
    email = models.EmailField("Courriel du club", blank=True)
    phone = models.CharField("Téléphone du club", max_length=30, blank=True)
    website = models.URLField("Site du club", blank=True)

    parent_page_types = ["locations.LocationIndexPage"]

    content_panels = BasePage.content_panels + [
        FieldPanel("departments"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")], heading="Contact"),
    ]
    search_fields = BasePage.search_fields + [index.FilterField("departments")]

    class Meta:
        verbose_name = "Territoire (club)"
        verbose_name_plural = "Territoires (clubs)"

    @property
    def department_codes(self):
        return [code.strip().upper() for code in self.departments.split(",") if code.strip()]

    def clean(self):
        super().clean()
        unknown = [code for code in self.department_codes if code not in geo.departments()]
        if not self.department_codes or unknown:
            raise ValidationError(
                {"departments": f"Départements inconnus : {', '.join(unknown) or 'aucun indiqué'}."}
            )
