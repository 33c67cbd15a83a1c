"""The « Suivi à six mois » section of the admin: enrol, « À recontacter », the call, the slip.

Every view that reaches a member goes through access.members_of(user): the enrolling club's
staff only (another club's member is a 404, as if it did not exist). Pages that show a contact
are never cached (no-store) and their POST data is hidden from error reports.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from activity import access as activity_access
from activity.views import admin_page, denied, requires

from . import access, entry, figures, lifecycle, mail, rendering, tokens
from . import vocabulary as v
from .models import CohortMember

follower_required = requires(access.can_follow)
figures_required = requires(access.can_see_figures)
UPCOMING_DAYS = 28
RECENT_DAYS = 14  # the accompaniments an enrolment may follow
PER_PAGE = 25  # as activity's lists: a page a mediator works through in a morning


def member_of(request, pk):
    return get_object_or_404(
        access.members_of(request.user).select_related("territory").prefetch_related("assessments"), pk=pk
    )


@never_cache
def to_recontact(request):
    """« À recontacter »: overdue first, then due this week; the next four weeks counted. The
    Fondation (figures only) lands on the figures."""
    if not access.can_follow(request.user):
        if access.can_see_figures(request.user):
            return redirect(reverse("followup_figures"))
        return denied(request)
    today = timezone.localdate()
    members = access.members_of(request.user)
    listed = members.to_recontact(today).select_related("territory")
    end, horizon = v.week_end(today), today + timedelta(days=UPCOMING_DAYS)
    counts = members.active().aggregate(
        active=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        this_week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=end)),
        upcoming=Count("pk", filter=Q(due_on__gt=end, due_on__lte=horizon)),
    )
    # Overdue first: a page never holds more than PER_PAGE people, however late the calls are.
    paginator = Paginator(listed, PER_PAGE)
    paginator.count = counts["overdue"] + counts["this_week"]  # known already: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page)
    return admin_page(
        request,
        "followup/to_recontact.html",
        "À recontacter",
        icon="mail",
        page=page,
        overdue=[m for m in rows if m.due_on < today],
        this_week=[m for m in rows if m.due_on >= today],
        counts=counts,
        upcoming_days=UPCOMING_DAYS,
        several_clubs=access.contact_clubs(request.user).count() > 1,
        max_attempts=v.MAX_ATTEMPTS,
        today=today,
    )


@never_cache
@sensitive_post_parameters("contact", "nickname")
@follower_required
def enrol(request):
    """From an accompaniment (?intervention=<id>) or on its own: consent, contact, baseline."""
    clubs = list(access.contact_clubs(request.user))
    records = activity_access.changeable_records(request.user).filter(territory__in=clubs)
    wanted = request.GET.get("intervention") or request.POST.get("intervention")
    record = entry.enrolment_record(records, wanted)
    recent = records.filter(
        kind__in=[v.INDIVIDUAL, v.WORKSHOP], date__gte=timezone.localdate() - timedelta(days=RECENT_DAYS)
    ).select_related("territory", "place")
    form = entry.EnrolForm(
        request.POST or None, clubs=access.contact_clubs(request.user), record=record, recent_records=recent
    )
    if request.method == "POST" and form.is_valid():
        member = lifecycle.enrol(
            territory=form.territory(),
            kind=form.kind_value(),
            contact=form.cleaned_data["contact"],
            channel=form.cleaned_data["channel"],
            nickname=form.cleaned_data["nickname"],
            language=form.cleaned_data["language"],
            answers=form.answers(),
            equipment=form.equipment(),
            user=request.user,
            record=form.chosen_record(),
        )
        messages.success(
            request,
            f"Inscription enregistrée : suivi n° {member.pk}, à rappeler vers le {member.due_on:%d/%m/%Y}. "
            "Imprimez la fiche et donnez-la à la personne.",
        )
        return redirect(reverse("followup_slip", args=[member.pk]))
    today = timezone.localdate()
    club = record.territory if record else (clubs[0] if len(clubs) == 1 else None)
    return admin_page(
        request,
        "followup/enrol.html",
        "Inscrire au suivi à six mois",
        icon="user",
        form=form,
        record=record,
        notice=rendering.notice_for(club, "fr", today),
        # Read in the person's language when it is not French (the slip prints it too).
        translations=[
            (label, code, "rtl" if code in v.RTL else "ltr", rendering.notice_for(club, code, today))
            for code, label in v.LANGUAGES
            if code != "fr"
        ],
        notice_version=v.NOTICE_VERSION,
    )


@never_cache
@follower_required
def slip(request, pk):
    """The half-A4 slip the person keeps: follow-up date, the notice, how to withdraw."""
    member = member_of(request, pk)
    if member.is_erased:
        messages.error(
            request, "Ce suivi est clos : ses coordonnées sont effacées, sa fiche n'a plus d'objet."
        )
        return redirect(reverse("followup_list"))
    link = rendering.absolute(reverse("followup_withdraw", args=[tokens.make(member, tokens.WITHDRAW)]))
    return render(request, "followup/slip.html", rendering.slip_context(member, link))


@never_cache
@sensitive_post_parameters()
@follower_required
def call(request, pk):
    """The follow-up screen: the only page that shows the contact; the answers of the call."""
    member = member_of(request, pk)
    if member.is_erased:
        return admin_page(
            request, "followup/closed.html", f"Suivi n° {member.pk}", icon="user", member=member
        )
    form = entry.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = lifecycle.record_follow_up(
            member,
            **form.follow_up(),
            today=timezone.localdate(),
        )
        if done is None:
            messages.error(request, "Ce suivi a été clos entre-temps : rien n'a été enregistré.")
        else:
            messages.success(
                request,
                f"Suivi n° {member.pk} enregistré. Ses coordonnées sont effacées ; les réponses restent.",
            )
        return redirect(reverse("followup_list"))
    contact = member.contact
    return admin_page(
        request,
        "followup/call.html",
        f"Suivi n° {member.pk}",
        icon="user",
        member=member,
        contact=contact,
        form=form,
        can_close_unreachable=lifecycle.can_close_unreachable(member),
        max_attempts=v.MAX_ATTEMPTS,
        baseline=rendering.answer_lines(member.baseline()),
        can_send_link=contact.channel == v.EMAIL,
    )


def closed_message(request):
    messages.error(request, "Ce suivi a été clos entre-temps : rien n'a été modifié.")


@require_POST
@follower_required
def no_answer(request, pk):
    member = member_of(request, pk)
    updated = lifecycle.record_attempt(member, timezone.localdate())
    if updated is None:
        closed_message(request)
        return redirect(reverse("followup_list"))
    messages.success(request, f"Appel sans réponse noté ({updated.attempts} sur {v.MAX_ATTEMPTS}).")
    return redirect(reverse("followup_call", args=[pk]))


@require_POST
@follower_required
def unreachable(request, pk):
    member = member_of(request, pk)
    if lifecycle.mark_unreachable(member, timezone.localdate()) is None:
        messages.error(
            request, f"« Injoignable » n'est possible qu'après {v.MAX_ATTEMPTS} appels sans réponse."
        )
        return redirect(reverse("followup_call", args=[pk]))
    messages.success(request, f"Suivi n° {pk} clos : injoignable. Ses coordonnées sont effacées.")
    return redirect(reverse("followup_list"))


@require_POST
@follower_required
def withdraw(request, pk):
    """The person changed their mind: one click, erased at once."""
    member = member_of(request, pk)
    if lifecycle.withdraw(member, timezone.localdate()) is None:
        closed_message(request)
    else:
        messages.success(request, f"Retrait noté : les coordonnées du suivi n° {pk} sont effacées.")
    return redirect(reverse("followup_list"))


@require_POST
@follower_required
def send_link(request, pk):
    """The self-service link by e-mail, in the person's language (one use, 30 days)."""
    member = member_of(request, pk)
    if member.is_erased or member.contact.channel != v.EMAIL:
        messages.error(request, "Pas d'adresse de courriel pour ce suivi : appelez la personne.")
        return redirect(reverse("followup_list"))
    link = rendering.absolute(reverse("followup_answer", args=[tokens.make(member, tokens.ANSWER)]))
    mail.send_answer_link(member, link)
    lifecycle.mark_link_sent(member, timezone.localdate())
    messages.success(request, f"Lien envoyé pour le suivi n° {pk} (valable {v.ANSWER_LINK_DAYS} jours).")
    return redirect(reverse("followup_call", args=[pk]))


# --- anonymous figures ----------------------------------------------------------------------------


def figure_scope(request):
    """(members, club or None) among the clubs the user may see the figures of."""
    clubs = access.figure_clubs(request.user)
    wanted = request.GET.get("club", "")
    club = clubs.filter(pk=int(wanted)).first() if wanted.isdigit() and len(wanted) < 12 else None
    if wanted and club is None:
        raise PermissionDenied
    members = CohortMember.objects.filter(territory__in=[club] if club else clubs)
    return members, club, clubs


@figures_required
def figures_page(request):
    members, club, clubs = figure_scope(request)
    result = figures.summary(members)
    return admin_page(
        request,
        "followup/figures.html",
        "Suivi à six mois : les chiffres",
        icon="table",
        result=result,
        svg=figures.chart(result),
        club=club,
        clubs=clubs,
        can_follow=access.can_follow(request.user),
        query=request.GET.urlencode(),
    )


@figures_required
def export_pairs(request):
    members, club, _ = figure_scope(request)
    response = HttpResponse(figures.pairs_csv(members), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="suivi-six-mois-paires.csv"'
    return response
