"""The admin form of a place: impossible slots and closures are refused with a French message."""

from home.forms import PageEditForm

from . import schedule
from .vocabulary import WEEKDAYS

DAY_NAMES = dict(WEEKDAYS)


def _live_forms(formset):
    """Forms of an inline formset that are valid, filled and not marked for deletion."""
    formset.is_valid()  # runs each form's own validation first
    forms = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or not form.cleaned_data:
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        forms.append(form)
    return forms


class LocationPageForm(PageEditForm):
    def clean(self):
        cleaned = super().clean()
        self._check_slots()
        self._check_closures()
        return cleaned

    def _check_slots(self):
        formset = self.formsets.get("slots")
        if formset is None:
            return
        checked = []
        for form in _live_forms(formset):
            data = form.cleaned_data
            start, end, weekday = data.get("start"), data.get("end"), data.get("weekday")
            if start is None or end is None or weekday is None:
                continue
            if end <= start:
                form.add_error("end", "L'heure de fin doit être après l'heure de début.")
                continue
            valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
            if valid_from and valid_until and valid_until < valid_from:
                form.add_error("valid_until", "La date de fin doit être après la date de début.")
                continue
            slot = schedule.Slot(
                weekday=int(weekday),
                start=start,
                end=end,
                recurrence=data.get("recurrence") or schedule.WEEKLY,
                valid_from=valid_from,
                valid_until=valid_until,
            )
            for other in checked:
                if schedule.slots_can_coincide(slot, other):
                    form.add_error(
                        "start",
                        f"Ce créneau chevauche un autre créneau du {DAY_NAMES[slot.weekday].lower()} "
                        f"({schedule.hour_fr(other.start)} – {schedule.hour_fr(other.end)}). "
                        "Changez les heures ou la fréquence.",
                    )
                    break
            else:
                checked.append(slot)

    def _check_closures(self):
        formset = self.formsets.get("closures")
        if formset is None:
            return
        for form in _live_forms(formset):
            start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
            if start and end and end < start:
                form.add_error("end", "La fin de la fermeture doit être le même jour ou après le début.")
