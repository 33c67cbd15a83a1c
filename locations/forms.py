"""The admin forms of a place: impossible slots and closures are refused with a French message
that says which row is wrong, a blank row added by mistake is ignored, and changed hours are
confirmed today by whoever saves them."""

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from home.forms import PageEditForm

from . import schedule
from .vocabulary import WEEKDAYS

DAY_NAMES = dict(WEEKDAYS)
# Inline formsets of a place, and how one of their rows is named in an error message.
ROW_LABELS = {"slots": "Créneau", "closures": "Fermeture"}
HOURS_FORMSETS = tuple(ROW_LABELS)
FORMAT_MESSAGES = {
    forms.DateField: "saisissez une date au format jj/mm/aaaa, par exemple 19/07/2027.",
    forms.TimeField: "saisissez une heure au format hh:mm, par exemple 14:30.",
}

REQUIRED_MESSAGE = "à remplir."
GENERIC_MESSAGES = {REQUIRED_MESSAGE, *FORMAT_MESSAGES.values()}


class RowForm(WagtailAdminModelForm):
    """A slot or closure row. A new row left blank (no time, date or text typed: only lists
    with a default value) is no change at all: the formset skips it instead of asking for
    every required field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED_MESSAGE
            for kind, message in FORMAT_MESSAGES.items():
                if isinstance(field, kind):
                    field.error_messages["invalid"] = message

    def is_blank(self):
        for name, field in self.fields.items():
            if name in (ORDERING_FIELD_NAME, DELETION_FIELD_NAME) or isinstance(field, forms.ChoiceField):
                continue
            value = self[name].data
            if value not in (None, "") and str(value).strip():
                return False
        return True

    def has_changed(self):
        if self.is_bound and self.instance._state.adding and self.is_blank():
            return False
        return super().has_changed()

    def full_clean(self):
        """A skipped blank row keeps its place in the list: Wagtail's InlinePanel sorts the rows
        of a valid formset by cleaned_data["ORDER"] when it renders them again (after an
        autosave, or beside another field's error), and Django leaves a skipped row's
        cleaned_data empty."""
        super().full_clean()
        if not self.is_bound or ORDERING_FIELD_NAME not in self.fields or self.errors:
            return
        if ORDERING_FIELD_NAME not in self.cleaned_data:
            try:
                order = self.fields[ORDERING_FIELD_NAME].clean(self[ORDERING_FIELD_NAME].data)
            except forms.ValidationError:
                order = None
            self.cleaned_data[ORDERING_FIELD_NAME] = order


def _is_deleted(form):
    return DELETION_FIELD_NAME in form.fields and form.is_bound and bool(form[DELETION_FIELD_NAME].data)


def _shown_rows(formset):
    """(row number as the user sees it, form) for the rows that are neither deleted nor blank."""
    rows = []
    for form in formset.forms:
        if _is_deleted(form) or (not form.has_changed() and form.instance._state.adding):
            continue
        rows.append((len(rows) + 1, form))
    return rows


def _live_forms(formset):
    """Forms of an inline formset that are valid, filled and not marked for deletion."""
    formset.is_valid()  # runs each form's own validation first
    forms = []
    for form in formset.forms:
        if not hasattr(form, "cleaned_data") or (not form.has_changed() and form.instance._state.adding):
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        forms.append(form)
    return forms


def _lower_first(text):
    return text[:1].lower() + text[1:]


class LocationPageForm(PageEditForm):
    def clean(self):
        cleaned = super().clean()
        self._check_slots()
        self._check_closures()
        self._name_row_errors()
        if self.hours_changed() and "hours_confirmed_on" in self.fields:
            # Whoever changes the hours has just checked them: the revision says who and when.
            if "hours_confirmed_on" not in self.changed_data or not cleaned.get("hours_confirmed_on"):
                cleaned["hours_confirmed_on"] = timezone.localdate()
        return cleaned

    def hours_changed(self):
        """Whether a slot or closure was added, changed or deleted (blank new rows are no change)."""
        for name in HOURS_FORMSETS:
            formset = self.formsets.get(name)
            if formset is not None and any(form.has_changed() for form in formset.forms):
                return True
        return False

    def _name_row_errors(self):
        """Say where each row error is: « Créneau 2, « Fin » : à remplir. », next to the field
        and in the list at the top of the form."""
        for name, label in ROW_LABELS.items():
            formset = self.formsets.get(name)
            if formset is None:
                continue
            formset.is_valid()
            for number, form in _shown_rows(formset):
                for field_name, errors in list(form.errors.items()):
                    field = form.fields.get(field_name)
                    messages = []
                    for message in errors:
                        # Generic messages name the field; ours already say what is wrong.
                        generic = field is not None and message in GENERIC_MESSAGES
                        where = f"{label} {number}, « {field.label} »" if generic else f"{label} {number}"
                        messages.append(f"{where} : {_lower_first(message)}")
                    form.errors[field_name] = form.error_class(messages, renderer=form.renderer)
                    for message in messages:
                        self.add_error(None, message)

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
