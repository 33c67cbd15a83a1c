from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.search_promotions.models import Query
from wagtail.snippets.models import register_snippet


@register_snippet
class SynonymGroup(models.Model):
    """Words that mean the same thing for a visitor: RIB = relevé d'identité bancaire."""

    term = models.CharField("Terme principal", max_length=80, unique=True)
    equivalents = models.TextField(
        "Équivalents",
        help_text="Un équivalent par ligne : sigle, nom complet, ancien nom, mot courant.",
    )

    panels = [FieldPanel("term"), FieldPanel("equivalents")]

    class Meta:
        verbose_name = "Synonymes de recherche"
        verbose_name_plural = "Synonymes de recherche"
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def phrases(self):
        return [self.term] + [line.strip() for line in self.equivalents.splitlines() if line.strip()]


class SearchOutcome(models.Model):
    """How many results a query gave the last time, so editors can see what finds nothing."""

    query = models.OneToOneField(Query, on_delete=models.CASCADE, related_name="outcome")
    result_count = models.PositiveIntegerField("Nombre de résultats")
    last_searched_on = models.DateField("Dernière recherche", auto_now=True)

    class Meta:
        verbose_name = "Résultat de recherche"

    def __str__(self):
        return f"{self.query} : {self.result_count}"
