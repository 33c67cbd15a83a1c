"""What club staff may never do in the admin, and what they may not see of other clubs.

Wagtail's own permissions let a group with "change" delete leaf pages, "publish" unpublish a
whole subtree and set privacy. For club staff (anyone but a superuser) the club's pages are
held here instead:

- the territory page: no delete, move, unpublish, copy or privacy change;
- its places and partners: unpublish and republish are fine, delete and privacy are not;
- other clubs' territories and pages are hidden from choosers, bulk actions and reports.

Superusers (the portal's administrators) keep every right. Each refusal is a French message
(a redirect with the message, or a 403 for the admin's modal requests) and a logged warning.
The rules live here; locations.wagtail_hooks wires them to Wagtail's hooks and the
AdminGuardMiddleware below guards the admin views that have no hook.
"""

import logging

from django.db.models import Q
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import TerritoryPage

logger = logging.getLogger(__name__)

DELETE = "delete"
MOVE = "move"
UNPUBLISH = "unpublish"
COPY = "copy"
PRIVACY = "privacy"

# What club staff may never do to their territory page, and to the pages under it.
TERRITORY_FORBIDDEN = frozenset({DELETE, MOVE, UNPUBLISH, COPY, PRIVACY})
CLUB_PAGE_FORBIDDEN = frozenset({DELETE, PRIVACY})

TERRITORY_MESSAGES = {
    DELETE: "Seule l'administration du portail peut supprimer le club « {title} ».",
    MOVE: "Seule l'administration du portail peut déplacer le club « {title} ».",
    UNPUBLISH: "Seule l'administration du portail peut dépublier le club « {title} ».",
    COPY: "Seule l'administration du portail peut copier le club « {title} ».",
    PRIVACY: "Seule l'administration du portail peut restreindre l'accès au club « {title} ».",
}
CLUB_PAGE_MESSAGES = {
    DELETE: "« {title} » ne peut pas être supprimé par l'équipe du club : dépubliez-le, "
    "ou demandez sa suppression à l'administration du portail.",
    PRIVACY: "Seule l'administration du portail peut restreindre l'accès à « {title} ».",
}
HIDDEN_MESSAGE = "Cette page appartient à un autre club."
REPORT_MESSAGE = "Ce rapport est réservé à l'administration du portail."

# Bulk action types (wagtail.admin.views.pages.bulk_actions) and the rule each one meets.
BULK_ACTIONS = {"delete": DELETE, "move": MOVE, "unpublish": UNPUBLISH}

# Admin views guarded by AdminGuardMiddleware before Wagtail's own checks (which would answer
# with a generic message) or where Wagtail has no hook: URL name → (page kwarg, action).
# The before_* hooks in locations.wagtail_hooks hold the same rules inside the views.
PAGE_VIEWS = {
    "wagtailadmin_pages:delete": ("page_id", DELETE),
    "wagtailadmin_pages:set_privacy": ("page_id", PRIVACY),
    "wagtailadmin_pages:move": ("page_to_move_id", MOVE),
    "wagtailadmin_pages:move_confirm": ("page_to_move_id", MOVE),
    "wagtailadmin_pages:unpublish": ("page_id", UNPUBLISH),
    "wagtailadmin_pages:copy": ("page_id", COPY),
}
CHOOSER_VIEWS = {"wagtailadmin_choose_page_child": "parent_page_id"}
ADMINISTRATOR_REPORTS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}
ADMINISTRATOR_REPORT_MENU_ITEMS = {"page-types-usage"}

page_policy = PagePermissionPolicy()


def is_administrator(user):
    return user.is_active and user.is_superuser


def territory_of(page):
    """The club territory `page` is or belongs to, or None outside the directory's clubs."""
    if page.specific_class is TerritoryPage:
        return page
    return TerritoryPage.objects.ancestor_of(page).first()


def forbidden_actions(user, page):
    """The guarded actions `user` may not take on `page` (none for administrators)."""
    if is_administrator(user):
        return frozenset()
    territory = territory_of(page)
    if territory is None:
        return frozenset()
    return TERRITORY_FORBIDDEN if territory.pk == page.pk else CLUB_PAGE_FORBIDDEN


def refusal(user, page, action):
    """The French message refusing `action` on `page` to `user`, or None when it is allowed."""
    if action not in forbidden_actions(user, page):
        return None
    is_territory = page.specific_class is TerritoryPage
    return (TERRITORY_MESSAGES if is_territory else CLUB_PAGE_MESSAGES)[action].format(title=page.title)


def own_paths(user):
    """Tree paths of the pages `user`'s groups hold permissions on."""
    return [perm.page.path for perm in page_policy.get_cached_permissions_for_user(user)]


def other_club_territories(user):
    """Territories `user` holds no permission in (none for administrators)."""
    if is_administrator(user):
        return TerritoryPage.objects.none()
    paths = own_paths(user)
    territories = TerritoryPage.objects.all()
    for path in paths:
        # Permission on the territory, above it (the directory, the site) or inside it.
        territories = territories.exclude(path__startswith=path).exclude(
            path__in=[path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
        )
    return territories


def other_clubs_q(user):
    """A Q matching the pages of other clubs (territories and what is under them), or None."""
    query = None
    for path in other_club_territories(user).values_list("path", flat=True):
        condition = Q(path__startswith=path)
        query = condition if query is None else query | condition
    return query


def without_other_clubs(pages, user):
    query = other_clubs_q(user)
    return pages if query is None else pages.exclude(query)


def belongs_to_other_club(user, page):
    query = other_clubs_q(user)
    return query is not None and Page.objects.filter(query, pk=page.pk).exists()


def log_refusal(request, action, page_id):
    logger.warning(
        "Admin guard refused %s of page %s to user %s (%s)",
        action,
        page_id,
        request.user.pk,
        request.user.get_username(),
    )


def is_modal(request):
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def refuse(request, message, action, page_id, next_url=None):
    """Log, then a 403 for the admin's modals or a redirect with the message otherwise."""
    log_refusal(request, action, page_id)
    if is_modal(request):
        return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")
    messages.error(request, message)
    return redirect(next_url or reverse("wagtailadmin_home"))


def guard_page_action(request, page, action):
    """The refusal response for `action` on `page`, or None when it is allowed."""
    message = refusal(request.user, page, action)
    if message is None:
        return None
    if page.permissions_for_user(request.user).can_edit():
        next_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    else:
        next_url = reverse("wagtailadmin_home")
    return refuse(request, message, action, page.pk, next_url)


# The admin URL of each guarded action on a page, for hiding the buttons that lead to it.
ACTION_URL_NAMES = {
    DELETE: "wagtailadmin_pages:delete",
    MOVE: "wagtailadmin_pages:move",
    UNPUBLISH: "wagtailadmin_pages:unpublish",
    COPY: "wagtailadmin_pages:copy",
    PRIVACY: "wagtailadmin_pages:set_privacy",
}


def forbidden_urls(user, page):
    """Admin URLs (without query string) of the actions `user` may not take on `page`."""
    forbidden = forbidden_actions(user, page)
    return {reverse(name, args=[page.pk]) for action, name in ACTION_URL_NAMES.items() if action in forbidden}


def drop_buttons(buttons, forbidden):
    """Remove, in place, the buttons (and dropdown entries) leading to a `forbidden` URL."""

    def allowed(button):
        url = getattr(button, "url", None) or ""
        return url.split("?", 1)[0] not in forbidden

    buttons[:] = [button for button in buttons if allowed(button)]
    for button in buttons:
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [item for item in button.dropdown_buttons if allowed(item)]


def guard_bulk_action(request, action_type, objects):
    action = BULK_ACTIONS.get(action_type)
    if action is None:
        return None
    for obj in objects:
        if isinstance(obj, Page):
            response = guard_page_action(request, obj, action)
            if response is not None:
                return response
    return None


def bulk_page_ids(request):
    """The page ids a bulk-action URL lists, with `childOf`'s children for "all"."""
    ids = [value for value in request.GET.getlist("id") if value.isdigit()]
    if "all" in request.GET.getlist("id"):
        parent = request.GET.get("childOf", "")
        if parent.isdigit():
            ids.append(parent)
    return ids


def guard_request(request, match):
    """AdminGuardMiddleware's checks for the resolved admin view `match`, or None."""
    user = request.user
    if not user.is_authenticated or is_administrator(user):
        return None
    name = match.view_name
    if name in PAGE_VIEWS:
        kwarg, action = PAGE_VIEWS[name]
        page = Page.objects.filter(pk=match.kwargs.get(kwarg)).first()
        if page is not None:
            if belongs_to_other_club(user, page):
                return refuse(request, HIDDEN_MESSAGE, action, page.pk)
            return guard_page_action(request, page, action)
    elif name in CHOOSER_VIEWS:
        page = Page.objects.filter(pk=match.kwargs.get(CHOOSER_VIEWS[name])).first()
        if page is not None and belongs_to_other_club(user, page):
            return refuse(request, HIDDEN_MESSAGE, "choose", page.pk)
    elif name == "wagtail_bulk_action" and match.kwargs.get("app_label") == "wagtailcore":
        query = other_clubs_q(user)
        ids = bulk_page_ids(request)
        if query is not None and ids:
            hidden = Page.objects.filter(query, pk__in=ids).values_list("pk", flat=True).first()
            if hidden is not None:
                return refuse(request, HIDDEN_MESSAGE, f"bulk {match.kwargs.get('action')}", hidden)
    elif name in ADMINISTRATOR_REPORTS:
        return refuse(request, REPORT_MESSAGE, "report", None)
    return None


class AdminGuardMiddleware:
    """Guards the admin views Wagtail offers no hook for (privacy, move, choosers, bulk, reports)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is None or not match.view_name:
            return None
        return guard_request(request, match)
