"""The page edit view, with its check and its save in one transaction that holds the page row.

Two people press « Publier » on the same page at the same moment: each request checks that its
form is based on the latest revision (forms.PageEditForm), then publishes. Without a lock both
checks pass before either publish and one version silently wins. Locking the page row before
the view reads anything makes the second request wait, then read the first one's revision and
refuse with the French message, the typed values kept on screen."""

from django.db import connection, transaction
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def lock_page_row(page_id):
    """Hold the page row until the current transaction ends (the first statement of it)."""
    # SQLite has no row locks: its transactions begin IMMEDIATE (settings), which already took
    # the whole database's write lock when this one began.
    if connection.features.has_select_for_update:
        list(Page.objects.filter(pk=page_id).select_for_update().values_list("pk", flat=True))


class LockedEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            lock_page_row(kwargs.get("page_id", args[0] if args else None))
            return super().dispatch(request, *args, **kwargs)


class PortalPageViewSet(PageViewSet):
    """Every page type's admin views (registered for Page, replacing Wagtail's default), with
    the locked edit view."""

    edit_view_class = LockedEditView
