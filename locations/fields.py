"""Multiple-choice model fields edited as checkboxes, portable across SQLite and PostgreSQL."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


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
