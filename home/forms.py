"""The admin form every page of the portal uses: a save based on an older version is refused.

Two people open the same place; one publishes; the other then publishes from the form opened
before: without this check the second save silently undoes the first. Wagtail's autosave
checks the revision the form was loaded from; its Save/Publish post does not, so we do."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from wagtail.admin.forms import WagtailAdminPageForm

STALE_MESSAGE = (
    "Quelqu'un a enregistré cette page depuis que vous l'avez ouverte. Vos modifications n'ont pas "
    'été enregistrées, pour ne pas effacer les siennes. <a href="{}">Comparez les deux versions</a>, '
    "puis rechargez la page et refaites vos modifications."
)


class PageEditForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        loaded = self.stale_revision_id()
        if loaded is not None:
            latest = self.instance.latest_revision_id
            compare = reverse("wagtailadmin_pages:revisions_compare", args=(self.instance.pk, loaded, latest))
            raise ValidationError(format_html(STALE_MESSAGE, compare), code="stale")
        return cleaned

    def stale_revision_id(self):
        """The revision this form was loaded from, when a newer one exists; None otherwise.

        The same reading as Wagtail's autosave (EditView.is_out_of_date)."""
        page = self.instance
        if not page.pk or not page.latest_revision_id:
            return None
        latest = page.latest_revision
        if overwrite := self.data.get("overwrite_revision_id"):  # this session's autosave
            return overwrite if overwrite != str(latest.pk) else None
        loaded = self.data.get("loaded_revision_id")
        if not loaded:
            return None
        if loaded != str(latest.pk) or self.data.get("loaded_revision_created_at", "") != (
            latest.created_at.isoformat()
        ):
            return loaded
        return None
