"""The admin form of a workshop: sign-up ways it can honour, and at least one date."""

from django.forms.formsets import DELETION_FIELD_NAME

from home.forms import PageEditForm

from .vocabulary import BOOKING_LINK, BOOKING_LINK_MISSING, BY_PHONE


class WorkshopPageForm(PageEditForm):
    def clean(self):
        cleaned = super().clean()
        place = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        signup = cleaned.get("signup") or []
        if BOOKING_LINK in signup and not cleaned.get("booking_url") and "booking_url" not in self.errors:
            self.add_error("booking_url", BOOKING_LINK_MISSING)
        if BY_PHONE in signup and place is not None:
            if not getattr(place.specific, "phone", ""):
                self.add_error(
                    "signup",
                    "Le lieu n'a pas de numéro de téléphone : ajoutez-le sur la page du lieu, "
                    "ou choisissez une autre façon de s'inscrire.",
                )
        sessions = self.formsets.get("sessions")
        if sessions is not None and sessions.is_valid():
            kept = [
                form
                for form in sessions.forms
                if form.has_changed() or form.instance.pk
                if not (DELETION_FIELD_NAME in form.cleaned_data and form.cleaned_data[DELETION_FIELD_NAME])
            ]
            if not kept:
                self.add_error(None, "Ajoutez au moins une date à l'atelier (onglet « Dates »).")
        return cleaned
