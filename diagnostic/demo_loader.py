"""The diagnostic page on a flushed database (as workshops' loader rebuilds /ateliers/)."""

from django.apps import apps as django_apps
from wagtail.search import index

from .models import DiagnosticPage
from .skeleton import ensure_page


def load(home):
    page = ensure_page(django_apps)
    if page is not None:
        index.insert_or_update_object(DiagnosticPage.objects.get(pk=page.pk))
    return 0
