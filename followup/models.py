"""The six-month follow-up cohort: the portal's only personal data, kept apart and erased on time.

- CohortMember: the enrolment, without anything personal (club, dates, language, consent, status);
  it stays after erasure so that the anonymous figures keep their club and their months.
- Contact: the number or address and an optional first name, encrypted at rest (fields.py), one
  row per member, deleted at erasure. Never indexed for search, never exported, never logged.
- Assessment: the answers at T0 and T+6 (anonymous), kept after erasure.
"""

import secrets

from django.conf import settings
from django.db import models

from activity.models import ActivityRecord
from locations.models import TerritoryPage

from . import vocabulary as v
from .fields import EncryptedTextField


def new_link_secret():
    return secrets.token_urlsafe(16)


class CohortMemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=v.ACTIVE, erased_at__isnull=True)

    def to_recontact(self, today):
        """Active members due by the end of this week (overdue first), the « À recontacter » list."""
        return self.active().filter(due_on__lte=v.week_end(today)).order_by("due_on", "pk")

    def to_erase(self, today):
        """Members whose contact must go: closed ones not erased yet, and any at T+7 months."""
        return self.filter(erased_at__isnull=True).filter(
            models.Q(erase_on__lte=today) | ~models.Q(status=v.ACTIVE)
        )


class CohortMember(models.Model):
    territory = models.ForeignKey(
        TerritoryPage, on_delete=models.PROTECT, related_name="cohort_members", verbose_name="Club"
    )
    # The accompaniment of the enrolment; forgotten at erasure (its note or date could point back).
    record = models.ForeignKey(
        ActivityRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Intervention",
    )
    kind = models.CharField(
        "Accompagnement", max_length=20, choices=v.ACCOMPANIMENTS, default=v.ACCOMPANIMENTS[0][0]
    )
    enrolled_on = models.DateField("Inscrit le")
    due_on = models.DateField("Suivi prévu le")
    erase_on = models.DateField("Effacement au plus tard le")
    language = models.CharField("Langue", max_length=2, choices=v.LANGUAGES, default="fr")
    consented_at = models.DateTimeField("Consentement recueilli le")
    notice_version = models.CharField("Version de la notice lue", max_length=20)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Inscrit par",
    )
    status = models.CharField("État", max_length=20, choices=v.STATUSES, default=v.ACTIVE)
    attempts = models.PositiveSmallIntegerField("Appels sans réponse", default=0)
    last_attempt_on = models.DateField("Dernier appel", null=True, blank=True)
    answer_link_sent_on = models.DateField("Lien de réponse envoyé le", null=True, blank=True)
    closed_on = models.DateField("Clos le", null=True, blank=True)
    erased_at = models.DateTimeField("Coordonnées effacées le", null=True, blank=True)
    # Part of every link given to the person (slip, e-mail); emptied at erasure: the links die.
    link_secret = models.CharField(max_length=32, default=new_link_secret, editable=False)
    # Made up by load_demo (development only).
    is_demo = models.BooleanField(default=False, editable=False)

    objects = CohortMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "Personne suivie"
        verbose_name_plural = "Personnes suivies"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["territory", "status", "due_on"]),
            models.Index(fields=["erased_at", "erase_on"]),
        ]

    def __str__(self):
        return f"Suivi n° {self.pk}"

    @property
    def is_erased(self):
        return self.erased_at is not None

    def baseline(self):
        return next((a for a in self.assessments.all() if a.moment == v.BASELINE), None)

    def six_months(self):
        return next((a for a in self.assessments.all() if a.moment == v.SIX_MONTHS), None)


class Contact(models.Model):
    member = models.OneToOneField(
        CohortMember, on_delete=models.CASCADE, primary_key=True, related_name="contact"
    )
    channel = models.CharField("Moyen", max_length=20, choices=v.CHANNELS)
    value = EncryptedTextField("Numéro ou adresse")
    nickname = EncryptedTextField("Prénom ou surnom", blank=True)

    class Meta:
        verbose_name = "Coordonnées (chiffrées)"
        verbose_name_plural = "Coordonnées (chiffrées)"

    def __str__(self):
        return f"Coordonnées du suivi n° {self.member_id}"

    def __repr__(self):
        return f"<Contact of member {self.member_id}>"


class Assessment(models.Model):
    """The answers of one moment: {operation: level}, {equipment: bool}, and at T+6 whether the
    person needed help since, and from whom."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="assessments")
    moment = models.CharField("Moment", max_length=4, choices=v.MOMENTS)
    answered_on = models.DateField("Date")
    how = models.CharField("Comment", max_length=20, choices=v.HOW)
    answers = models.JSONField("Opérations", default=dict)
    equipment = models.JSONField("Équipement", default=dict)
    needed_help = models.BooleanField("Besoin d'aide depuis", null=True, blank=True)
    help_sources = models.CharField("Vers qui", max_length=200, blank=True)

    class Meta:
        verbose_name = "Réponses"
        verbose_name_plural = "Réponses"
        constraints = [models.UniqueConstraint(fields=["member", "moment"], name="one_assessment_per_moment")]

    def __str__(self):
        return f"{self.get_moment_display()} (suivi n° {self.member_id})"

    @property
    def help_source_codes(self):
        return v.parse_codes(self.help_sources, v.HELP_SOURCE_CODES)
