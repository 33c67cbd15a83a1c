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


class IndexedWords(models.Model):
    """The words one live public page or glossary term gives the site's vocabulary, with their
    counts: what to take back from `Word` when it changes, without re-reading every page."""

    source = models.CharField(max_length=40, unique=True)  # "page:12", "glossary:3"
    counts = models.JSONField(default=dict)

    class Meta:
        verbose_name = "Mots d'une page"

    def __str__(self):
        return self.source


class Word(models.Model):
    """A word of the site's vocabulary (folded), how often the live public pages use it, and its
    stem: spelling suggestions and the search's cache read this table, never the pages."""

    word = models.CharField(max_length=40, primary_key=True)
    count = models.PositiveIntegerField()
    stem = models.CharField(max_length=40)

    class Meta:
        verbose_name = "Mot du site"

    def __str__(self):
        return self.word
