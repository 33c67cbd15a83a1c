"""The « Activité » section: its URLs, its menu item and its dashboard panel (one click to enter)."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import access, views
from .models import ActivityRecord


@hooks.register("register_admin_urls")
def register_activity_urls():
    return [
        path("activite/", views.dashboard, name="activity_dashboard"),
        path("activite/saisir/", views.add_record, name="activity_add"),
        path("activite/journee/", views.day_sheet, name="activity_day"),
        path("activite/saisies/", views.record_list, name="activity_records"),
        path("activite/saisies/<int:pk>/corriger/", views.edit_record, name="activity_edit"),
        path("activite/saisies/<int:pk>/supprimer/", views.delete_record, name="activity_delete"),
        path("activite/rapport/", views.report, name="activity_report"),
        path("activite/export/chiffres.csv", views.export_figures, name="activity_export_figures"),
        path("activite/export/interventions.csv", views.export_records, name="activity_export_records"),
    ]


class ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_view(request.user)


@hooks.register("register_admin_menu_item")
def register_activity_menu_item():
    return ActivityMenuItem(
        "Activité", reverse("activity_dashboard"), name="activity", icon_name="table", order=250
    )


class EntryPanel(Component):
    """Dashboard panel: « Saisir une activité » in one click, for the staff of a club."""

    name = "activity_entry"
    template_name = "activity/panel.html"
    order = 40

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {
            "add_url": reverse("activity_add"),
            "day_url": reverse("activity_day"),
            "dashboard_url": reverse("activity_dashboard"),
        }


@hooks.register("construct_homepage_panels")
def add_entry_panel(request, panels):
    if access.can_record(request.user):
        panels.append(EntryPanel(request))


KEEPS_FIGURES = (
    "Ce club a {count} intervention(s) enregistrée(s) dans l'activité : sa page ne peut pas être "
    "supprimée, pour ne pas perdre ses chiffres. Dépubliez-la plutôt."
)
KEEPS_PLACE_FIGURES = (
    "Ce lieu a {count} intervention(s) enregistrée(s) dans l'activité : sa page ne peut pas être "
    "supprimée, pour que ses interventions gardent leur lieu. Dépubliez-la plutôt."
)


def records_under(pages, field="territory"):
    paths = Q(pk__in=[])
    for page in pages:
        paths |= Q(**{f"{field}__path__startswith": page.path})
    return ActivityRecord.objects.filter(paths).count()


def keeps_figures(pages):
    """The French refusal to delete `pages` (and what is under them) when activity records
    point at a club or a place among them, or None."""
    count = records_under(pages)
    if count:
        return KEEPS_FIGURES.format(count=count)
    count = records_under(pages, "place")
    if count:
        return KEEPS_PLACE_FIGURES.format(count=count)
    return None


@hooks.register("before_delete_page")
def keep_the_figures_of_a_club(request, page):
    """A club's or a place's activity records are never deleted or orphaned with its page."""
    refusal = keeps_figures([page])
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def keep_the_figures_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete":
        return None
    refusal = keeps_figures(objects)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_explore_root")
    return None
