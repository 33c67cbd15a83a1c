"""Club staff's admin: « Horaires confirmés aujourd'hui », and the places whose hours are stale."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.log_actions import log

from .models import LocationPage, TerritoryPage
from .schedule import date_fr
from .staff import editable_places
from .status import place_status

STALE_AFTER_DAYS = 90
CONFIRM_ACTION = "locations.confirm_hours"
PANEL_LIMIT = 10


# --- confirm the hours of a place today ----------------------------------------------------


def confirm_hours_url(page):
    return reverse("locations_confirm_hours", args=[page.pk])


def _safe_next(request, page):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_explore", args=[page.get_parent().pk])


@require_POST
def confirm_hours(request, page_id):
    """Set hours_confirmed_on to today in a new revision; publish it if the user may."""
    page = get_object_or_404(LocationPage, pk=page_id)
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    if permissions.page_locked():
        messages.error(request, f"« {page.title} » est verrouillé par une autre personne : rien n'a changé.")
        return redirect(_safe_next(request, page))
    today = timezone.localdate()
    # Build on the latest revision, so that a draft in progress is kept, not overwritten.
    draft = page.get_latest_revision_as_object()
    pending_draft = page.has_unpublished_changes
    draft.hours_confirmed_on = today
    with transaction.atomic():
        revision = draft.save_revision(user=request.user, log_action=True)
        log(instance=page, action=CONFIRM_ACTION, user=request.user, revision=revision)
        publish = permissions.can_publish() and not pending_draft and not page.workflow_in_progress
        if publish:
            revision.publish(user=request.user)
    when = date_fr(today)
    if publish:
        messages.success(request, f"Horaires de « {page.title} » confirmés aujourd'hui ({when}) et publiés.")
    else:
        messages.success(
            request,
            f"Horaires de « {page.title} » confirmés aujourd'hui ({when}). "
            "La modification est enregistrée en brouillon : elle sera visible après publication.",
        )
    return redirect(_safe_next(request, page))


# --- places whose hours nobody confirmed for months -----------------------------------------


def stale_places(user, today=None):
    """Places `user` may edit whose hours were never confirmed or not for 90 days, oldest first."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=STALE_AFTER_DAYS)
    return (
        editable_places(user)
        .filter(Q(hours_confirmed_on__isnull=True) | Q(hours_confirmed_on__lt=limit))
        .order_by(F("hours_confirmed_on").asc(nulls_first=True), "title", "pk")
    )


def with_territories(places):
    """Attach `territory_title` to each place with one query for all their territories."""
    places = list(places)
    paths = {place.path[: -place.steplen] for place in places}
    titles = dict(TerritoryPage.objects.filter(path__in=paths).values_list("path", "title"))
    for place in places:
        place.territory_title = titles.get(place.path[: -place.steplen], "")
    return places


class StaleHoursPanel(Component):
    """Dashboard panel: the first places of the report, with the one-click confirmation."""

    name = "stale_hours"
    template_name = "locations/admin/stale_hours_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        places = stale_places(self.request.user)
        shown = with_territories(places[: PANEL_LIMIT + 1])
        context.update(
            {
                "places": shown[:PANEL_LIMIT],
                "more": len(shown) > PANEL_LIMIT,
                "report_url": reverse("locations_stale_hours"),
                "next_url": reverse("wagtailadmin_home"),
                "stale_after_days": STALE_AFTER_DAYS,
            }
        )
        return context

    def render_html(self, parent_context=None):
        parent_context = parent_context or {}
        context = self.get_context_data(parent_context)
        if not context["places"]:
            return ""
        return render_to_string(self.template_name, context, request=self.request)


def my_places(user, today=None):
    """Places `user` may edit: never confirmed first, then the oldest confirmation, then by name."""
    return editable_places(user).order_by(F("hours_confirmed_on").asc(nulls_first=True), "title", "pk")


class MyPlacesPanel(StaleHoursPanel):
    """Dashboard panel « Mes lieux » for club staff: each place with its next sessions, the
    date its hours were last checked (stale ones first and marked), edit and confirm buttons."""

    name = "my_places"
    template_name = "locations/admin/my_places_panel.html"
    order = 40
    limit = 30

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        limit = today - timedelta(days=STALE_AFTER_DAYS)
        places = my_places(self.request.user).prefetch_related("slots", "closures")
        shown = with_territories(places[: self.limit + 1])
        for place in shown[: self.limit]:
            place.next_sessions = place_status(place)["next_sessions"]
            place.is_stale = place.hours_confirmed_on is None or place.hours_confirmed_on < limit
        return {
            "places": shown[: self.limit],
            "more": len(shown) > self.limit,
            "report_url": reverse("locations_stale_hours"),
            "next_url": reverse("wagtailadmin_home"),
            "stale_after_days": STALE_AFTER_DAYS,
        }


class StaleHoursReportView(PageReportView):
    """Reports › Horaires à confirmer: the places the user may edit, oldest confirmation first."""

    page_title = "Horaires à confirmer"
    header_icon = "time"
    results_template_name = "locations/admin/stale_hours_results.html"
    index_url_name = "locations_stale_hours"
    index_results_url_name = "locations_stale_hours_results"
    any_permission_required = ["change", "publish"]
    list_export = ["title", "territory_title", "hours_confirmed_on"]
    export_headings = {
        "title": "Lieu",
        "territory_title": "Club",
        "hours_confirmed_on": "Horaires confirmés le",
    }

    def get_queryset(self):
        self.queryset = stale_places(self.request.user)
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        return with_territories(object_list)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["stale_after_days"] = STALE_AFTER_DAYS
        context["next_url"] = reverse(self.index_url_name)
        return context
