from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from wagtail.models import Site

# Local media a visitor may fetch directly: Wagtail's images only. Documents go through Wagtail's
# own view (it honours their collection's privacy); exports and caches have their own routes.
PUBLIC_MEDIA_FOLDERS = ("original_images/", "images/")
MEDIA_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
# An image opened on its own is a document: an SVG could carry script. Sandboxed, nothing loads.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
MEDIA_MAX_AGE = 60 * 60 * 24


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


@require_safe
def media_file(request, path):
    """A local image for the one-server case (no S3, no proxy rule for /media/): only image files
    of Wagtail's image folders, never a listing nor a path outside MEDIA_ROOT."""
    content_type = MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None or not path.startswith(PUBLIC_MEDIA_FOLDERS) or "\\" in path:
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        full = Path(safe_join(root, path)).resolve()
    except (SuspiciousFileOperation, ValueError) as error:
        raise Http404 from error
    if not full.is_relative_to(root) or not full.is_file():  # a symlink pointing out stays out
        raise Http404
    response = FileResponse(full.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response
