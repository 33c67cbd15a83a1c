"""The help kinds of a partner: a model field stored as a string of codes, edited as checkboxes."""

from django import forms
from django.db import models

from . import help_kinds


class HelpKindsFormField(forms.MultipleChoiceField):
    """Checkboxes in the admin; the cleaned value is the stored string of codes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_length=None, empty_value=None, **kwargs):
        kwargs["choices"] = help_kinds.CHOICES
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return help_kinds.parse_codes(value)
        return value

    def clean(self, value):
        return help_kinds.serialise_codes(super().clean(value))

    def has_changed(self, initial, data):
        return super().has_changed(self.prepare_value(initial), self.prepare_value(data))


class HelpKindsField(models.CharField):
    """The help kinds of a partner, stored as known codes separated by spaces.

    A plain string keeps filtering portable across SQLite and PostgreSQL (see
    `locations.partners.kind_q`).
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", HelpKindsFormField)
        kwargs.setdefault("choices_form_class", HelpKindsFormField)
        return super().formfield(**kwargs)

    def pre_save(self, model_instance, add):
        value = help_kinds.serialise_codes(help_kinds.parse_codes(getattr(model_instance, self.attname)))
        setattr(model_instance, self.attname, value)
        return value
