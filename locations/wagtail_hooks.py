"""Club staff's admin: the confirm-hours button, the stale-hours report and dashboard panel."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from .admin_views import (
    CONFIRM_ACTION,
    StaleHoursPanel,
    StaleHoursReportView,
    confirm_hours,
    confirm_hours_url,
)
from .models import LocationPage

CONFIRM_LABEL = "Horaires confirmés aujourd'hui"


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [
        path("lieux/<int:page_id>/horaires-confirmes/", confirm_hours, name="locations_confirm_hours"),
        path("reports/horaires-a-confirmer/", StaleHoursReportView.as_view(), name="locations_stale_hours"),
        path(
            "reports/horaires-a-confirmer/results/",
            StaleHoursReportView.as_view(results_only=True),
            name="locations_stale_hours_results",
        ),
    ]


def confirm_button(page, user, next_url=None, priority=30):
    """A button that POSTs (with the CSRF token, via Wagtail's w-action controller)."""
    if page.specific_class is not LocationPage or not page.permissions_for_user(user).can_edit():
        return None
    attrs = {
        "data-controller": "w-action",
        "data-action": "w-action#post",
        "data-w-action-url-value": confirm_hours_url(page),
    }
    if next_url:
        attrs["data-w-action-next-value"] = next_url
    return Button(CONFIRM_LABEL, icon_name="date", attrs=attrs, priority=priority)


@hooks.register("register_page_listing_more_buttons")
def confirm_hours_listing_button(page, user, next_url=None):
    button = confirm_button(page, user, next_url)
    if button:
        yield button


@hooks.register("register_page_header_buttons")
def confirm_hours_header_button(page, user, view_name, next_url=None):
    button = confirm_button(page, user, next_url or reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if button:
        yield button


@hooks.register("register_log_actions")
def register_confirm_hours_action(actions):
    actions.register_action(CONFIRM_ACTION, "Confirmer les horaires", "Horaires confirmés")


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, {"change", "publish"})


@hooks.register("register_reports_menu_item")
def register_stale_hours_menu_item():
    return StaffMenuItem(
        "Horaires à confirmer",
        reverse("locations_stale_hours"),
        name="stale-hours",
        icon_name="time",
        order=1320,
    )


@hooks.register("construct_homepage_panels")
def add_stale_hours_panel(request, panels):
    panels.append(StaleHoursPanel(request))
