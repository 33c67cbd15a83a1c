from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site


def site_address(request):
    """The public address of the site serving `request` (its Site record follows WAGTAILADMIN_BASE_URL)."""
    site = Site.find_for_request(request)
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /recherche/",
        f"Sitemap: {site_address(request)}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def healthz(request):
    """For load balancers: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
