"""Admin-wide additions: the script that replaces Wagtail's inline widget scripts under the
admin CSP, and a warning when a publish could not reach the other servers."""

from django.contrib import messages
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_help
from .edit_view import PortalPageViewSet
from .page_cache import PAGE_TTL

NOT_ANNOUNCED = (
    "C'est publié, mais le cache partagé (Redis) ne répond pas : les autres serveurs montreront "
    "la nouvelle version dans {seconds} secondes au plus. Prévenez l'équipe technique si cela dure."
)


@hooks.register("insert_global_admin_js")
def admin_csp_init_script():
    return format_html('<script src="{}"></script>', static("js/admin-csp-init.js"))


def cache_unreachable():
    return not getattr(cache, "available", True)


@hooks.register("after_publish_page")
@hooks.register("after_unpublish_page")
@hooks.register("after_delete_page")
@hooks.register("after_move_page")
def warn_if_not_announced(request, page):
    if cache_unreachable():
        messages.warning(request, NOT_ANNOUNCED.format(seconds=PAGE_TTL))


@hooks.register("register_admin_viewset")
def portal_page_viewset():
    return PortalPageViewSet(name="portal_pages")


@hooks.register("register_admin_urls")
def staff_help_url():
    return [path("aide/", admin_help.staff_help, name="portal_staff_help")]


@hooks.register("construct_help_menu")
def french_staff_help(request, menu_items):
    """Our French help in place of Wagtail's English « Editor Guide »."""
    english = ("editor-guide", "whats-new")  # both lead to Wagtail's English guide
    menu_items[:] = [item for item in menu_items if not str(item.name).startswith(english)]
    item = MenuItem(admin_help.TITLE, reverse("portal_staff_help"), name="staff-help", icon_name="help")
    menu_items.insert(0, item)
