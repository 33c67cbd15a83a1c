"""The admin form every page of the portal uses: a save based on an older version is refused.

Two people open the same place; one publishes; the other then publishes from the form opened
before: without this check the second save silently undoes the first. Wagtail's autosave
checks the revision the form was loaded from; its Save/Publish post does not, so we do.

The editor's own autosaves are not « someone else »: after each autosave, Wagtail applies the
form's `get_field_updates_for_resave()` to the still-open form, so the form then says it was
loaded from the revision its autosave just wrote. The check itself runs after edit_view.py
has locked the page row, so two simultaneous publishes cannot both pass it."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from wagtail.admin.forms import WagtailAdminPageForm

STALE_MESSAGE = (
    "Quelqu'un a enregistré cette page depuis que vous l'avez ouverte. Vos modifications n'ont pas "
    'été enregistrées, pour ne pas effacer les siennes. <a href="{}">Comparez les deux versions</a>, '
    "puis rechargez la page et refaites vos modifications."
)


class LinkMessage(SafeString):
    """Our own markup, still a link in Wagtail's list of errors: that list prefixes every error
    with its field label (`"" + error`), which would turn a plain SafeString back into escaped
    text. Python asks a str subclass's __radd__ first."""

    def __radd__(self, prefix):
        return SafeString(str.__add__(conditional_escape(prefix), self))


class PageEditForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        loaded = self.stale_revision_id()
        if loaded is not None:
            latest = self.instance.latest_revision_id
            compare = reverse("wagtailadmin_pages:revisions_compare", args=(self.instance.pk, loaded, latest))
            raise ValidationError(LinkMessage(format_html(STALE_MESSAGE, compare)), code="stale")
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
        loaded_at = _parsed(self.data.get("loaded_revision_created_at"))
        return loaded if loaded != str(latest.pk) or loaded_at != latest.created_at else None

    def get_field_updates_for_resave(self):
        """After an autosave, the open form is the revision it just wrote (Wagtail's autosave
        overwrites that same revision each time, with a new date): a later Publish or Submit
        from this form is then up to date, not « someone else's » version."""
        updates = list(super().get_field_updates_for_resave())
        revision = self.instance.latest_revision
        if revision is not None:
            updates.append(("loaded_revision_id", str(revision.pk)))
            updates.append(("loaded_revision_created_at", revision.created_at.isoformat()))
        return updates


def _parsed(value):
    try:
        return datetime.fromisoformat(value or "")
    except ValueError:
        return None
