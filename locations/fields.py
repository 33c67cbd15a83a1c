"""Multiple-choice model fields edited as checkboxes, portable across SQLite and PostgreSQL."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from . import help_kinds


class ChoiceListField(models.JSONField):
    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.options,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {key for key, _ in self.options}
        unknown = [item for item in value or [] if item not in known]
        if unknown:
            raise ValidationError(f"Valeurs inconnues : {', '.join(map(str, unknown))}.")

    def labels(self, value):
        names = dict(self.options)
        return [names[item] for item in value or [] if item in names]


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
