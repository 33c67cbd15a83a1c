"""Club staff's admin: the confirm-hours button, the stale-hours report and dashboard panel,
and the guards of locations.admin_guard (what staff may never do, what they may not see)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import admin_guard, staff
from .admin_views import (
    CONFIRM_ACTION,
    MyPlacesPanel,
    StaleHoursPanel,
    StaleHoursReportView,
    confirm_hours,
    confirm_hours_url,
)
from .models import LocationPage, TerritoryPage, territory_of

CONFIRM_LABEL = "Horaires confirmés aujourd'hui"
PUBLISHED_HOURS_MESSAGE = (
    "Les nouveaux horaires sont visibles tout de suite sur la page du lieu et son affiche."
)


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
    # Club staff see all their places (stale ones first); administrators, the stale ones.
    if admin_guard.is_administrator(request.user):
        panels.append(StaleHoursPanel(request))
    else:
        panels.append(MyPlacesPanel(request))


def is_club_page(page, parent_page=None):
    """A club's territory or a page under it (a place, a partner), new or existing."""
    target = page if page is not None and page.pk else parent_page
    return target is not None and target.pk is not None and territory_of(target) is not None


@hooks.register("construct_page_action_menu")
def publish_first(menu_items, request, context):
    """On a club's pages, « Publier » is the main button for those who may publish."""
    if not is_club_page(context.get("page"), context.get("parent_page")):
        return
    publish = [item for item in menu_items if item.name == "action-publish"]
    if publish:
        menu_items.remove(publish[0])
        menu_items.insert(0, publish[0])


@hooks.register("after_publish_page")
def say_what_the_public_sees(request, page):
    if page.specific_class is LocationPage:
        messages.success(request, PUBLISHED_HOURS_MESSAGE)


# --- Guards: what club staff may never do, and what they may not see (locations.admin_guard).

admin_guard.hide_other_club_staff_in_user_filters()


@hooks.register("before_delete_page")
def guard_delete(request, page):
    response = admin_guard.guard_page_action(request, page, admin_guard.DELETE)
    if response is None and request.method == "POST" and page.specific_class is TerritoryPage:
        # An administrator deletes a club: its group is kept (locations.signals), say so after.
        request._club_staff_group = staff.staff_group_of(page)
    return response


@hooks.register("after_delete_page")
def report_kept_group(request, page):
    group = getattr(request, "_club_staff_group", None)
    if group is not None:
        group.refresh_from_db()
        messages.warning(
            request,
            f"Le groupe « {group.name} » a été conservé, sans droits sur les pages : "
            "ses membres gardent leur compte. Supprimez-le depuis Paramètres > Groupes s'il ne sert plus.",
            buttons=[messages.button(reverse("wagtailusers_groups:edit", args=[group.pk]), "Voir le groupe")],
        )


@hooks.register("before_unpublish_page")
def guard_unpublish(request, page):
    return admin_guard.guard_page_action(request, page, admin_guard.UNPUBLISH)


@hooks.register("before_move_page")
def guard_move(request, page, destination):
    return admin_guard.guard_page_action(request, page, admin_guard.MOVE)


@hooks.register("before_copy_page")
def guard_copy(request, page):
    return admin_guard.guard_page_action(request, page, admin_guard.COPY)


@hooks.register("before_bulk_action")
def guard_bulk_action(request, action_type, objects, action_class_instance):
    return admin_guard.guard_bulk_action(request, action_type, objects)


@hooks.register("construct_page_chooser_queryset")
def hide_other_clubs_from_chooser(pages, request):
    return admin_guard.without_other_clubs(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def hide_other_clubs_from_explorer(parent_page, pages, request):
    return admin_guard.without_other_clubs(pages, request.user)


@hooks.register("construct_reports_menu")
def hide_administrator_reports(request, menu_items):
    if not admin_guard.is_administrator(request.user):
        menu_items[:] = [
            item for item in menu_items if item.name not in admin_guard.ADMINISTRATOR_REPORT_MENU_ITEMS
        ]


@hooks.register("construct_page_action_menu")
def hide_forbidden_menu_items(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk and admin_guard.refusal(request.user, page, admin_guard.UNPUBLISH):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


@hooks.register("construct_page_listing_buttons")
def hide_forbidden_buttons(buttons, page, user, context=None):
    forbidden = admin_guard.forbidden_urls(user, page)
    if forbidden:
        admin_guard.drop_buttons(buttons, forbidden)
