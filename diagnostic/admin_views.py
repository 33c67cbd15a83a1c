"""Mediator mode: the diagnostic asked during an accompaniment, recorded with its activity record.

The staff of a club fill in the same twelve questions with the person and the usual entry form
of the intervention (activity.entry.RecordForm: their own clubs and places only). One
transaction saves the record and its DetectedProfile: the profile by area, not the answers,
never the person. The answers go on, in the address only, to the public result page: what the
person can do next, to print for them."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin import messages

from activity import access, entry
from activity.models import ActivityRecord
from activity.views import admin_page, requires

from .forms import AnswersForm
from .models import DetectedProfile, DiagnosticPage
from .questions import AREAS, QUESTIONS_BY_CODE, read_answers
from .scoring import LEVELS, score

recorder_required = requires(access.can_record)


def answers_query(answers):
    return urlencode({QUESTIONS_BY_CODE[code].field: value for code, value in answers.items()})


@recorder_required
def run_with_person(request):
    answers = AnswersForm(request.POST or None)
    form = entry.RecordForm(request.POST or None, user=request.user)
    # Both forms are checked (`&`, not `and`): every error is shown at once, nothing is lost.
    if request.method == "POST" and answers.is_valid() & form.is_valid():
        given = answers.answers()
        with transaction.atomic():
            record = form.save_for(request.user)
            DetectedProfile.from_result(record, score(given)).save()
        messages.success(request, f"Diagnostic enregistré avec {record.description}.")
        return redirect(f"{reverse('diagnostic_recorded', args=[record.pk])}?{answers_query(given)}")
    return admin_page(
        request,
        "diagnostic/admin/mediator_form.html",
        "Diagnostic avec une personne",
        icon="tasks",
        answers=answers,
        form=form,
    )


@recorder_required
def recorded(request, pk):
    """The profile recorded with a record of the user's clubs (another club's: 403)."""
    record = get_object_or_404(ActivityRecord.objects.select_related("detected_profile"), pk=pk)
    if not access.changeable_records(request.user).filter(pk=record.pk).exists():
        raise PermissionDenied
    profile = getattr(record, "detected_profile", None)
    if profile is None:
        raise Http404("Cette intervention n'a pas de diagnostic.")
    # The answers, if the address still has them (they were never stored): the public result.
    given = read_answers(request.GET)
    public = DiagnosticPage.objects.live().public().filter(locale__language_code="fr").first()
    advice_url = None
    if public is not None and score(given).answered:
        advice_url = f"{public.get_url(request)}?{answers_query(given)}#resultat"
    return admin_page(
        request,
        "diagnostic/admin/recorded.html",
        "Diagnostic enregistré",
        icon="tasks",
        record=record,
        areas=[(area, profile.profile(area.code)) for area in AREAS],
        profile=profile,
        levels=range(1, LEVELS + 1),
        advice_url=advice_url,
    )
