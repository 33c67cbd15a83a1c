import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from . import sitemaps

LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz/", home_views.healthz, name="healthz"),
    # The follow-up cohort's links for the person (slip, e-mail): in their language, not the URL's.
    path("", include("followup.urls")),
]

# Media on the local disk (no S3 bucket): one server answers its images itself, in production
# too; a proxy rule for /media/ (README) takes them off the application when there is one.
if settings.STORAGES["default"]["BACKEND"] == LOCAL_STORAGE and settings.MEDIA_URL.startswith("/"):
    media_prefix = re.escape(settings.MEDIA_URL[1:])
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.+)$", home_views.media_file, name="media_file"))

# Pages and search in each language: French as today (no prefix), translations under /en/, /ar/
# (the language comes from the path, never from a cookie or the browser's Accept-Language).
# Wagtail's page serving stays last: it catches every remaining path. Its pattern only takes
# "segment/" paths; a path ending in a file name (fiche.pdf, agenda.ics, ….csv) is a route of
# a page too (RoutablePageMixin), so the page tree resolves it the same way.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.[\w]+)$", wagtail_views.serve, name="wagtail_serve_file"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
