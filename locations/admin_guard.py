"""What club staff may never do in the admin, and what they may not see of other clubs.

Wagtail's own permissions let a group with "change" delete leaf pages, "publish" unpublish a
whole subtree and set privacy. For club staff (anyone but a superuser) the club's pages are
held instead (locations.guard_rules):

- the territory page: no delete, move, unpublish, copy or privacy change;
- its places, partners and workshops: unpublish and republish are fine, delete and privacy are not;
- other clubs' territories and pages are hidden from every admin URL, choosers, bulk actions,
  the explorer's filters and reports.

The rules hold on the operation: the club pages' permission tester
(locations.models.ClubPagePermissionTester) refuses them to Wagtail's views, bulk actions, admin
API and action classes alike. This module says each refusal in French (a redirect with the
message, a 403 for the admin's modal requests, a JSON 403 for the admin API) and logs a
warning; locations.wagtail_hooks wires it to Wagtail's hooks and the AdminGuardMiddleware below
answers first on the admin views and API actions, where Wagtail's answer would be generic.
Superusers (the portal's administrators) keep every right.
"""

import html
import json
import logging

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db.models import Q
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.pages.listing import GenericPageFilterSet, PageFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import guard_rules as rules
from .models import TerritoryPage, club_forbidden

logger = logging.getLogger(__name__)

# The rules themselves (locations.guard_rules) hold on every route through the page permission
# tester (locations.models.ClubPagePermissionTester); here they are said, in French, and logged.
DELETE, MOVE, UNPUBLISH, COPY, PRIVACY = rules.DELETE, rules.MOVE, rules.UNPUBLISH, rules.COPY, rules.PRIVACY
TERRITORY_FORBIDDEN, CLUB_PAGE_FORBIDDEN = rules.TERRITORY_FORBIDDEN, rules.CLUB_PAGE_FORBIDDEN
is_administrator = rules.is_administrator
HIDDEN_MESSAGE = "Cette page appartient à un autre club."
REFUSED_MESSAGE = "Cette action n'est pas permise."
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
# Every admin URL argument naming a page: staff see nothing of another club, by any URL (the
# move and copy confirmations name their destination, the history its page…).
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")

# The admin API's page actions (/admin/api/main/pages/<pk>/action/<name>/) run no hook of their
# own: they meet the same before_* hooks as the admin's views, so that every refusal (this
# guard's, the activity's) holds there too, in French. The operation itself is refused anyway
# by the page's permission tester (locations.models.ClubPagePermissionTester).
API_ACTION_VIEW = "wagtailadmin_api:pages:action"
API_ACTION_HOOKS = {
    "delete": "before_delete_page",
    "unpublish": "before_unpublish_page",
    "move": "before_move_page",
    "copy": "before_copy_page",
    "create_alias": "before_copy_page",
    "convert_alias": "before_convert_alias_page",
    "publish": "before_publish_page",
}
API_DESTINATIONS = ("destination_page_id",)
ADMINISTRATOR_REPORTS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}
ADMINISTRATOR_REPORT_MENU_ITEMS = {"page-types-usage"}

page_policy = PagePermissionPolicy()


forbidden_actions = club_forbidden


def refusal(user, page, action):
    """The French message refusing `action` on `page` to `user`, or None when it is allowed."""
    if action not in forbidden_actions(user, page):
        return None
    return rules.message(action, page.title, page.specific_class is TerritoryPage)


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


def json_body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def api_refusal(message):
    return JsonResponse({"detail": message}, status=403, json_dumps_params={"ensure_ascii": False})


def guard_api_action(request, match):
    """The admin API's page action meets the views' before_* hooks; their refusal, in JSON."""
    page = Page.objects.filter(pk=match.kwargs.get("pk")).first()
    hook_name = API_ACTION_HOOKS.get(match.kwargs.get("action_name"))
    if page is None or request.method != "POST" or hook_name is None:
        return None
    data = json_body(request)
    destinations = [data.get(key) for key in API_DESTINATIONS if isinstance(data.get(key), int)]
    for destination in Page.objects.filter(pk__in=destinations):
        if belongs_to_other_club(request.user, destination):
            log_refusal(request, f"api {match.kwargs['action_name']} to", destination.pk)
            return api_refusal(HIDDEN_MESSAGE)
    args = [page.specific]
    if hook_name == "before_move_page":
        args.append(Page.objects.filter(pk__in=destinations).first())
    for hook in hooks.get_hooks(hook_name):
        response = hook(request, *args)
        if response is not None:
            said = [
                " ".join(html.unescape(strip_tags(str(message))).split()) for message in get_messages(request)
            ]
            if not said and response.status_code == 403:
                said = [response.content.decode()]
            return api_refusal(" ".join(said) or REFUSED_MESSAGE)
    return None


def guard_request(request, match):
    """AdminGuardMiddleware's checks for the resolved admin view `match`, or None."""
    user = request.user
    if not user.is_authenticated:
        return None
    name = match.view_name
    if name == API_ACTION_VIEW:
        return guard_api_action(request, match)
    if is_administrator(user):
        return None
    query = other_clubs_q(user)
    ids = [match.kwargs[key] for key in PAGE_KWARGS if isinstance(match.kwargs.get(key), int)]
    if query is not None and ids:
        hidden = Page.objects.filter(query, pk__in=ids).values_list("pk", flat=True).first()
        if hidden is not None:
            return refuse(request, HIDDEN_MESSAGE, name, hidden)
    if name in PAGE_VIEWS:
        kwarg, action = PAGE_VIEWS[name]
        page = Page.objects.filter(pk=match.kwargs.get(kwarg)).first()
        if page is not None:
            return guard_page_action(request, page, action)
    elif name == "wagtail_bulk_action" and match.kwargs.get("app_label") == "wagtailcore":
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


def other_club_staff(user):
    """The members of other clubs' staff groups (none for administrators)."""
    return get_user_model().objects.filter(groups__club_link__territory__in=other_club_territories(user))


def without_other_club_staff(users, user):
    if is_administrator(user):
        return users
    return users.exclude(pk__in=other_club_staff(user).values("pk"))


# The admin's user filters (explorer and page search « Propriétaire », « Modifié par », locked
# pages report): Wagtail lists every user who owns or edited any page, other clubs' included.
USER_FILTERS = (
    (PageFilterSet, "owner"),
    (PageFilterSet, "edited_by"),
    (GenericPageFilterSet, "owner"),
    (GenericPageFilterSet, "edited_by"),
    (LockedPagesReportFilterSet, "locked_by"),
)


def hide_other_club_staff_in_user_filters():
    """Wrap each user filter's queryset (a callable of the request) once, at start-up."""
    for filterset, name in USER_FILTERS:
        user_filter = filterset.base_filters[name]
        listed = user_filter.queryset
        if getattr(listed, "hides_other_club_staff", False):
            continue

        def visible(request, listed=listed):
            users = listed(request) if callable(listed) else listed
            return without_other_club_staff(users, request.user)

        visible.hides_other_club_staff = True
        user_filter.queryset = visible
