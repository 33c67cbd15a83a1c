"""The « Suivi à six mois » section: its URLs, its menu item, its dashboard panel, and the
« Inscrire au suivi » button on a saved accompaniment (activity's extension point)."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from activity import vocabulary as activity_vocabulary

from . import access, admin_views, figures
from .models import CohortMember


@hooks.register("register_admin_urls")
def register_followup_urls():
    return [
        path("suivi/", admin_views.to_recontact, name="followup_list"),
        path("suivi/inscrire/", admin_views.enrol, name="followup_enrol"),
        path("suivi/<int:pk>/", admin_views.call, name="followup_call"),
        path("suivi/<int:pk>/fiche/", admin_views.slip, name="followup_slip"),
        path("suivi/<int:pk>/sans-reponse/", admin_views.no_answer, name="followup_no_answer"),
        path("suivi/<int:pk>/injoignable/", admin_views.unreachable, name="followup_unreachable"),
        path("suivi/<int:pk>/retrait/", admin_views.withdraw, name="followup_withdraw_by_mediator"),
        path("suivi/<int:pk>/lien/", admin_views.send_link, name="followup_send_link"),
        path("suivi/chiffres/", admin_views.figures_page, name="followup_figures"),
        path("suivi/chiffres/paires.csv", admin_views.export_pairs, name="followup_export_pairs"),
    ]


class FollowUpMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_follow(request.user) or access.can_see_figures(request.user)


@hooks.register("register_admin_menu_item")
def register_followup_menu_item():
    return FollowUpMenuItem(
        "Suivi à six mois", reverse("followup_list"), name="followup", icon_name="mail", order=260
    )


class ToRecontactPanel(Component):
    """Dashboard panel: how many people to call this week, how many overdue."""

    name = "followup_to_recontact"
    template_name = "followup/panel.html"
    order = 45

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        listed = list(
            access.members_of(self.request.user).to_recontact(today).values_list("due_on", flat=True)
        )
        return {
            "overdue": sum(1 for due in listed if due < today),
            "this_week": sum(1 for due in listed if due >= today),
            "list_url": reverse("followup_list"),
        }


@hooks.register("construct_homepage_panels")
def add_to_recontact_panel(request, panels):
    if access.can_follow(request.user):
        panels.append(ToRecontactPanel(request))


@hooks.register("activity_record_buttons")
def enrol_button(request, record):
    """After an individual accompaniment or a workshop is saved: enrol the person in one click."""
    if record.kind not in (activity_vocabulary.INDIVIDUAL, activity_vocabulary.WORKSHOP):
        return []
    if not access.contact_clubs(request.user).filter(pk=record.territory_id).exists():
        return []
    return [(f"{reverse('followup_enrol')}?intervention={record.pk}", "Inscrire au suivi à six mois")]


@hooks.register("activity_report_sections")
def report_section(request, clubs, club, year):
    """The annual report's « Suivi à six mois » section: people enrolled that year, anonymous."""
    members = CohortMember.objects.filter(territory__in=[club] if club else clubs, enrolled_on__year=year)
    result = figures.summary(members)
    if not result["enrolled"]:
        return ""
    return render_to_string(
        "followup/report_section.html", {"result": result, "svg": figures.chart(result), "year": year}
    )
