"""/ou-en-etes-vous/: the digital-fragility diagnostic, one public page; and the profiles that
mediators record with an accompaniment (DetectedProfile).

A visitor's answers travel in the query string of a plain GET form and are never written
anywhere: the page with answers is kept out of the shared page cache (its parameters are not in
`page_cache_params`). Only club staff, in the admin, store a profile: categories, not answers."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path as route
from wagtail.models import Locale

from activity.models import ActivityRecord
from home.models import RoutableBasePage
from locations.poster import qr_data_uri

from .questions import (
    ANSWERS,
    AREAS,
    BANKING,
    EQUIPMENT,
    EVERYDAY,
    PROCEDURES,
    QUESTIONS,
    questions_of,
    read_answers,
)
from .recommend import recommend
from .scoring import LEVELS, NO_PROFILE, PROFILES, PROFILES_BY_CODE, point_bands, score


class DiagnosticPage(RoutableBasePage):
    """The questions and, once answered, the result; `questionnaire/`: the paper version."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Diagnostic numérique (où en êtes-vous ?)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        answers = read_answers(request.GET)
        result = score(answers)
        context.update(
            answers=answers,
            answer_choices=ANSWERS,
            areas=[
                {"area": area, "questions": [(q, answers.get(q.code, "")) for q in questions_of(area.code)]}
                for area in AREAS
            ],
            question_count=len(QUESTIONS),
            result=result,
            levels=range(1, LEVELS + 1),
            ou=request.GET.get("ou", "")[:80],
            paper_url=self.french().url + self.french().reverse_subpage("paper"),
        )
        if result.answered:
            context["recommendations"] = recommend(result, context["ou"], request)
            # This very result, to scan with a phone from a public PC: nothing is kept on our side.
            context["result_qr"] = qr_data_uri(self.get_full_url(request) + "?" + request.GET.urlencode())
        return context

    def french(self):
        """The French version (this page, or the source of a translation): the paper version
        is for mediators, in French only."""
        if not hasattr(self, "_french"):
            found = self.get_translation_or_none(Locale.get_default())
            self._french = found.specific if found is not None else self
        return self._french

    @route("questionnaire/", name="paper")
    def paper(self, request):
        """The questionnaire on A4 for mediators: tick boxes, and the scoring on the back."""
        if self.french().pk != self.pk:
            return redirect(self.french().url + self.reverse_subpage("paper"))
        areas = [{"area": area, "questions": questions_of(area.code)} for area in AREAS]
        max_points = 2 * len(questions_of(AREAS[0].code))
        context = self.get_context(request)
        context.update(paper_areas=areas, bands=point_bands(max_points), max_points=max_points)
        return TemplateResponse(request, "diagnostic/questionnaire.html", context)


# --- mediator mode: the profile of an accompaniment, never the person --------------------------

PROFILE_CHOICES = [(profile.code, profile.label) for profile in (*PROFILES, NO_PROFILE)]
# The model's field for each area: the figures and the form loop over AREAS.
AREA_FIELDS = {EQUIPMENT: "equipment", EVERYDAY: "everyday", PROCEDURES: "procedures", BANKING: "banking"}


class DetectedProfile(models.Model):
    """The profile found when a mediator ran the diagnostic with a person, kept with the
    activity record of that accompaniment: a profile code per area and two yes/no, nothing
    else (no answer, no name). It goes with its record (deleted with it)."""

    record = models.OneToOneField(
        ActivityRecord,
        on_delete=models.CASCADE,
        related_name="detected_profile",
        verbose_name="Intervention",
    )
    equipment = models.CharField("Équipement et connexion", max_length=20, choices=PROFILE_CHOICES)
    everyday = models.CharField("Usages de tous les jours", max_length=20, choices=PROFILE_CHOICES)
    procedures = models.CharField("Démarches en ligne", max_length=20, choices=PROFILE_CHOICES)
    banking = models.CharField("Banque en ligne et sécurité", max_length=20, choices=PROFILE_CHOICES)
    no_device = models.BooleanField("Sans appareil", default=False)
    no_home_internet = models.BooleanField("Sans internet à la maison", default=False)

    class Meta:
        verbose_name = "Profil détecté"
        verbose_name_plural = "Profils détectés"

    def __str__(self):
        return f"Profil détecté ({self.record})"

    @classmethod
    def from_result(cls, record, result):
        """The unsaved profile of a scoring.Result for `record`."""
        fields = {AREA_FIELDS[item.area.code]: item.profile.code for item in result.areas}
        return cls(
            record=record, no_device=result.no_device, no_home_internet=result.no_home_internet, **fields
        )

    def profile(self, area_code):
        return PROFILES_BY_CODE[getattr(self, AREA_FIELDS[area_code])]
