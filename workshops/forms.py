"""The admin form of a workshop: sign-up ways it can honour, and at least one date."""

from django.forms.formsets import DELETION_FIELD_NAME

from home.forms import PageEditForm
from locations.rendering import closure_fr

from .vocabulary import BOOKING_LINK, BOOKING_LINK_MISSING, BY_PHONE, CANCELLED


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
            self._refuse_closed_days(kept, place)
        return cleaned

    def _refuse_closed_days(self, forms, place):
        """A date on which the place announced a closure is refused, unless it is marked
        cancelled: the public page would otherwise invite people to a closed door."""
        plan = getattr(place.specific, "get_schedule", None) if place is not None else None
        closures = plan().closures if plan else []
        for form in forms:
            day = form.cleaned_data.get("date")
            if day is None or form.cleaned_data.get("status") == CANCELLED:
                continue
            closure = next((c for c in closures if c.covers(day)), None)
            if closure is not None:
                form.add_error(
                    "date",
                    f"Le lieu est fermé ce jour-là ({closure_fr(closure)}). Choisissez une autre date, "
                    "ou marquez cette date « annulée ».",
                )
