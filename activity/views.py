"""The « Activité » section of the admin: enter interventions, see the figures, print, export."""

from datetime import date
from functools import wraps

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages

from locations.models import LocationPage, TerritoryPage

from . import access, charts, entry, figures, spreadsheet
from . import vocabulary as v
from .models import ActivityRecord

RECENT = 8
PER_PAGE = 25
# Other apps add their figures of the same records (the diagnostic's « fragilités détectées »)
# without this app knowing them: fn(request, records, where) -> a Component or None, where is
# "dashboard", "report" or "export"; a panel's csv_rows() feed the figures' CSV.
FIGURE_PANELS_HOOK = "activity_figure_panels"


def denied(request):
    """A plain 403 (Wagtail would redirect to the dashboard): this section is not theirs."""
    response = admin_page(request, "activity/denied.html", "Accès refusé", icon="warning")
    response.status_code = 403
    return response


def requires(allowed):
    """A view decorator: a plain 403 page unless `allowed(user)` (or if the view refuses)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                return denied(request)
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied:
                return denied(request)

        return wrapper

    return decorator


viewer_required = requires(access.can_view)
recorder_required = requires(access.can_record)


def admin_page(request, template, title, icon="list-ul", **context):
    context.update(page_title=title, header_title=title, header_icon=icon)
    return render(request, template, context)


def recent_records(user):
    return (
        ActivityRecord.objects.filter(mediator=user)
        .select_related("place", "territory")
        .order_by("-created_at", "-pk")[:RECENT]
    )


# --- entry ----------------------------------------------------------------------------------------


@recorder_required
def add_record(request):
    form = entry.RecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        record = form.save_for(request.user)
        buttons = [messages.button(reverse("activity_edit", args=[record.pk]), "Corriger cette saisie")]
        # Other apps add theirs (the follow-up cohort: « Inscrire au suivi ») without activity
        # knowing them: a hook returns [(url, label)].
        for hook in hooks.get_hooks("activity_record_buttons"):
            buttons += [messages.button(url, label) for url, label in hook(request, record)]
        messages.success(request, f"Intervention enregistrée : {record}.", buttons=buttons)
        if "next" in request.POST:
            return redirect(reverse("activity_add"))
        return redirect(reverse("activity_dashboard"))
    return admin_page(
        request,
        "activity/record_form.html",
        "Saisir une activité",
        icon="plus",
        form=form,
        action=reverse("activity_add"),
        recent=recent_records(request.user),
    )


@recorder_required
def day_sheet(request):
    day = entry.DayForm(request.POST or None, user=request.user, prefix="jour")
    rows = entry.RowFormSet(request.POST or None, prefix="lignes")
    if request.method == "POST" and day.is_valid() and rows.is_valid():
        try:
            created = entry.save_day(day, rows, request.user)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                target = field if field in day.fields else None
                for problem in problems:
                    day.add_error(target, problem)
        else:
            if not created:
                day.add_error(None, "Indiquez au moins une intervention (un nombre sur une ligne).")
            else:
                messages.success(
                    request,
                    f"{len(created)} interventions enregistrées.",
                    buttons=[messages.button(reverse("activity_records"), "Corriger ces saisies")],
                )
                if "next" in request.POST:
                    return redirect(reverse("activity_day"))
                return redirect(reverse("activity_dashboard"))
    return admin_page(
        request,
        "activity/day_sheet.html",
        "Feuille de la journée",
        icon="date",
        day=day,
        rows=rows,
        recent=recent_records(request.user),
    )


# --- corrections ----------------------------------------------------------------------------------


def capitalised(text):
    return text[:1].upper() + text[1:]


def changeable(request, pk):
    """The record `pk`, if the user may correct or delete it; another club's: 403."""
    record = get_object_or_404(ActivityRecord.objects.select_related("place", "territory"), pk=pk)
    if not access.changeable_records(request.user).filter(pk=record.pk).exists():
        raise PermissionDenied
    return record


@recorder_required
def record_list(request):
    """« Dernières saisies »: the records the user may correct or delete, last entered first."""
    found = (
        access.changeable_records(request.user)
        .select_related("place", "territory", "mediator")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return admin_page(request, "activity/record_list.html", "Dernières saisies", icon="list-ul", page=page)


@recorder_required
def edit_record(request, pk):
    """« Corriger »: the entry form, pre-filled, with the same checks."""
    record = changeable(request, pk)
    description = record.description  # the form changes the instance while it checks it
    form = entry.RecordForm(
        request.POST or None, instance=record, user=request.user, initial={"club": record.territory_id}
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save_correction()
        if saved is None:
            messages.error(request, "Cette saisie a été supprimée entre-temps : rien n'a été corrigé.")
        else:
            messages.success(request, f"{capitalised(saved.description)} a été corrigée.")
        return redirect(reverse("activity_records"))
    return admin_page(
        request,
        "activity/record_form.html",
        "Corriger une saisie",
        icon="edit",
        form=form,
        action=reverse("activity_edit", args=[pk]),
        correcting=description,
    )


@recorder_required
def delete_record(request, pk):
    """« Supprimer »: a confirmation first (GET never deletes), then a POST deletes."""
    record = changeable(request, pk)
    description = record.description
    if request.method == "POST":
        record.delete()
        messages.success(request, f"{capitalised(description)} a été supprimée.")
        return redirect(reverse("activity_records"))
    return admin_page(
        request,
        "activity/confirm_delete.html",
        "Supprimer une saisie",
        icon="bin",
        question=f"Supprimer {description} ? Elle disparaîtra des chiffres.",
        action=reverse("activity_delete", args=[pk]),
    )


# --- figures --------------------------------------------------------------------------------------


class FilterForm(forms.Form):
    start = forms.DateField(label="Du", required=False, widget=entry.DateInput())
    end = forms.DateField(label="Au", required=False, widget=entry.DateInput())
    club = forms.ModelChoiceField(
        TerritoryPage.objects.none(), label="Club", required=False, empty_label="Tous"
    )
    place = forms.ModelChoiceField(
        LocationPage.objects.none(), label="Lieu", required=False, empty_label="Tous"
    )

    def __init__(self, *args, clubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["club"].queryset = clubs
        self.fields["place"].queryset = access.places_of(list(clubs))

    def values(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or date(today.year, 1, 1)
        end = data.get("end") or today
        return start, end, data.get("club"), data.get("place")


def chart_blocks(summary):
    """(title, svg, caption, header, rows) for each chart of the dashboard and the report."""
    blocks = []
    specs = [
        ("Interventions par thème", [(t.label, n, p) for t, n, p in summary["themes"]], "Thème"),
        ("Interventions par lieu", summary["places"], "Lieu"),
        ("Interventions par mois", summary["months"], "Mois"),
        ("Interventions par type", summary["kinds"], "Type"),
    ]
    for title, rows, header in specs:
        svg = charts.bar_chart(title, [(name, count) for name, count, _ in rows])
        blocks.append({"title": title, "svg": svg, "header": header, "rows": rows})
    return blocks


def figure_panels(request, found, where):
    panels = (make(request, found, where) for make in hooks.get_hooks(FIGURE_PANELS_HOOK))
    return [panel for panel in panels if panel is not None]


def filtered(request):
    clubs = access.viewable_clubs(request.user)
    form = FilterForm(request.GET or None, clubs=clubs)
    start, end, club, place = form.values()
    found = figures.records(clubs, start, end, club=club, place=place)
    return form, found, (start, end, club, place)


@viewer_required
def dashboard(request):
    form, found, (start, end, club, place) = filtered(request)
    summary = figures.summary(found)
    query = request.GET.urlencode()
    return admin_page(
        request,
        "activity/dashboard.html",
        "Activité",
        icon="table",
        form=form,
        start=start,
        end=end,
        summary=summary,
        blocks=chart_blocks(summary),
        panels=figure_panels(request, found, "dashboard"),
        can_record=access.can_record(request.user),
        query=query,
        year=end.year,
        report_club=club,
    )


FIRST_YEAR = 2000


@viewer_required
def report(request):
    """The annual report of a club (or of the network), printable on A4."""
    clubs = access.viewable_clubs(request.user)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("annee") or this_year)
    except ValueError:
        year = this_year
    if not FIRST_YEAR <= year <= this_year + 1:  # a year the report can speak of
        year = this_year
    wanted = request.GET.get("club", "")
    club = clubs.filter(pk=int(wanted)).first() if wanted.isdigit() and len(wanted) < 12 else None
    if wanted and club is None:
        raise PermissionDenied
    found = figures.records(clubs, date(year, 1, 1), date(year, 12, 31), club=club)
    summary = figures.summary(found)
    scope = club.title if club else ("le réseau" if clubs.count() > 1 else clubs.first().title)
    # Sections of other apps (the follow-up cohort's before/after figures), as safe HTML.
    sections = [
        hook(request, clubs=clubs, club=club, year=year)
        for hook in hooks.get_hooks("activity_report_sections")
    ]
    return render(
        request,
        "activity/report.html",
        {
            "year": year,
            "club": club,
            "scope": scope,
            "summary": summary,
            "blocks": chart_blocks(summary),
            "panels": figure_panels(request, found, "report"),
            "generated": timezone.localdate(),
            "sections": [section for section in sections if section],
        },
    )


def csv_response(text, filename):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@viewer_required
def export_figures(request):
    """The aggregated figures, one line per (section, label)."""
    _, found, (start, end, club, place) = filtered(request)
    summary = figures.summary(found)
    totals = summary["totals"]
    rows = [
        ("Total", "Interventions", totals["interventions"], ""),
        ("Total", "Personnes accompagnées", totals["people"], ""),
        ("Total", "Accompagnements individuels", totals["accompaniments"], ""),
        ("Total", "Démarches faites pour la personne", totals["done_for"], ""),
        ("Total", "Orientations", totals["orientations"], ""),
        ("Total", "Ateliers collectifs", totals["workshops"], ""),
        ("Total", "Participants aux ateliers", totals["workshop_people"], ""),
        ("Total", "Premières venues", totals["first_visits"], ""),
        ("Total", "Opérations bancaires (interventions)", summary["banking"]["interventions"], ""),
    ]
    rows += [("Thème", t.label, n, p) for t, n, p in summary["themes"]]
    rows += [("Lieu", name, n, p) for name, n, p in summary["places"]]
    rows += [("Mois", name, n, p) for name, n, p in summary["months"]]
    rows += [("Club", name, n, p) for name, n, p, _ in summary["clubs"]]
    for panel in figure_panels(request, found, "export"):
        rows += panel.csv_rows()
    text = spreadsheet.csv_text(["Rubrique", "Libellé", "Interventions", "Personnes"], rows)
    return csv_response(text, f"activite-chiffres-{start:%Y%m%d}-{end:%Y%m%d}.csv")


RECORD_HEADER = [
    "Date",
    "Club",
    "Lieu",
    "Commune (INSEE)",
    "Type de lieu (CRA)",
    "Type",
    "Type (CRA)",
    "Durée",
    "Durée en minutes (CRA)",
    "Thèmes",
    "Thématiques (CRA)",
    "Participants",
    "Tranche d'âge",
    "Première venue",
    "Orienté vers",
]


def record_rows(found):
    """The anonymous records, never the note: a lazy iteration for the CSV."""
    rows = found.order_by("date", "pk").values_list(
        "date",
        "territory__title",
        "place__title",
        "place__insee",
        "where",
        "kind",
        "duration",
        "themes",
        "participants",
        "age_band",
        "first_visit",
        "oriented_to__title",
    )
    for (
        when,
        club,
        place,
        insee,
        where,
        kind,
        duration,
        themes,
        participants,
        age,
        first,
        partner,
    ) in rows.iterator():
        codes = v.parse_themes(themes)
        yield [
            when.isoformat(),
            club,
            place or v.label(v.WHERE, where),
            insee or "",
            v.CRA_PLACE_TYPE.get(where, ""),
            v.label(v.KINDS, kind),
            v.CRA_TYPE.get(kind, ""),
            v.label(v.DURATIONS, duration),
            v.CRA_MINUTES.get(duration, ""),
            ", ".join(v.theme_label(code) for code in codes),
            ", ".join(v.cra_themes(codes)),
            participants or 1,
            v.label(v.AGE_BANDS, age),
            "oui" if first else "non",
            partner or "",
        ]


@viewer_required
def export_records(request):
    _, found, (start, end, club, place) = filtered(request)
    text = spreadsheet.csv_text(RECORD_HEADER, record_rows(found))
    return csv_response(text, f"activite-interventions-{start:%Y%m%d}-{end:%Y%m%d}.csv")
