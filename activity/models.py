"""An anonymous activity record: one intervention of a mediator, as the funders count them.

No name, no contact, no free text about a person: the short note warns and is never exported.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from locations.models import LocationPage, TerritoryPage
from partners.models import PartnerPage

from . import vocabulary as v
from .personal_data import has_personal_data

NOTE_HELP = (
    "Facultatif, 200 caractères. Jamais de nom, d'adresse, de téléphone ni de courriel : "
    "la note reste dans le portail et n'est jamais exportée."
)


class ActivityRecord(models.Model):
    date = models.DateField("Date")
    territory = models.ForeignKey(
        TerritoryPage,
        on_delete=models.PROTECT,  # a club's figures are never lost with its page
        related_name="activity_records",
        verbose_name="Club",
    )
    where = models.CharField("Où", max_length=20, choices=v.WHERE, default=v.AT_PLACE)
    place = models.ForeignKey(
        LocationPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_records",
        verbose_name="Lieu",
    )
    kind = models.CharField("Type", max_length=20, choices=v.KINDS, default=v.INDIVIDUAL)
    duration = models.CharField("Durée", max_length=10, choices=v.DURATIONS, default=v.DEFAULT_DURATION)
    themes = models.CharField(
        "Thèmes", max_length=400, blank=True, help_text="Codes séparés par des espaces."
    )
    participants = models.PositiveSmallIntegerField(
        "Nombre de participants", null=True, blank=True, help_text="Pour un atelier collectif."
    )
    age_band = models.CharField("Âge", max_length=20, choices=v.AGE_BANDS, default=v.UNKNOWN_AGE)
    first_visit = models.BooleanField("Première venue", default=False)
    oriented_to = models.ForeignKey(
        PartnerPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Orienté vers",
    )
    note = models.CharField("Note (jamais exportée)", max_length=200, blank=True, help_text=NOTE_HELP)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="activity_records",
        verbose_name="Médiateur",
    )
    created_at = models.DateTimeField("Saisi le", auto_now_add=True)
    # Made up by load_demo: the only records the demo may delete (a real record whose
    # mediator's account was deleted has no mediator, and is still real).
    is_demo = models.BooleanField("Démonstration", default=False, editable=False)

    class Meta:
        verbose_name = "Intervention"
        verbose_name_plural = "Interventions"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["territory", "date"]), models.Index(fields=["date"])]
        permissions = [("view_all_activity", "Voir l'activité de tous les clubs (lecture seule)")]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    @property
    def theme_labels(self):
        return [v.theme_label(code) for code in self.theme_codes]

    @property
    def description(self):
        """« l'intervention du 12/03/2026 à Lisieux (accompagnement individuel, faire un virement) »."""
        where = f"à {self.place.title}" if self.place_id else v.label(v.WHERE, self.where).lower()
        details = [self.get_kind_display(), *self.theme_labels]
        details = ", ".join(text[:1].lower() + text[1:] for text in details)
        return f"l'intervention du {self.date:%d/%m/%Y} {where} ({details})"

    @property
    def people(self):
        return self.participants or 1

    @property
    def theme_codes(self):
        return v.parse_themes(self.themes)

    def _saved_date(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("date", flat=True).first()

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.date and self.date > today:
            errors["date"] = "La date est dans le futur : saisissez une intervention qui a eu lieu."
        elif (
            self.date
            and self.date < today - timedelta(days=v.MAX_DAYS_BACK)
            and self.date != self._saved_date()
        ):
            # An old record can still be corrected: only a new date is checked against a year back.
            errors["date"] = "La date a plus d'un an : vérifiez l'année."
        if self.where == v.AT_PLACE and self.place_id is None:
            errors["place"] = "Choisissez le lieu de la permanence, ou « à distance » / « hors permanence »."
        if self.place_id is not None and self.territory_id is not None:
            if not self.place.path.startswith(self.territory.path):
                errors["place"] = "Ce lieu n'appartient pas à ce club."
        if self.kind == v.WORKSHOP:
            if self.participants is None:
                errors["participants"] = "Indiquez le nombre de participants de l'atelier."
            elif not v.MIN_PARTICIPANTS <= self.participants <= v.MAX_PARTICIPANTS:
                errors["participants"] = (
                    f"Un atelier compte de {v.MIN_PARTICIPANTS} à {v.MAX_PARTICIPANTS} participants : "
                    "vérifiez le nombre."
                )
        elif self.participants not in (None, 1):
            errors["participants"] = "Le nombre de participants ne concerne que les ateliers collectifs."
        if not v.parse_themes(self.themes):
            errors["themes"] = "Choisissez au moins un thème."
        if has_personal_data(self.note):
            errors["note"] = "La note ne doit contenir ni courriel ni numéro de téléphone."
        if errors:
            raise ValidationError(errors)
