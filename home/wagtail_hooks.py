"""Admin-wide additions: the script that replaces Wagtail's inline widget scripts under the admin CSP."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_csp_init_script():
    return format_html('<script src="{}"></script>', static("js/admin-csp-init.js"))
