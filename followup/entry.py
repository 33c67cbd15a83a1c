"""The forms: enrolment (consent, contact, baseline), the follow-up call, the self-service answers.

The operation lines and equipment questions are the same in all three, labelled in the language
asked for (the person's, for the self-service page).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from locations.models import TerritoryPage

from . import vocabulary as v

PHONE_CHARACTERS = re.compile(r"[\s.\-/()\u00a0\u202f]")
CONSENT_REQUIRED = (
    "Cochez la case du consentement : la notice doit avoir été lue à la personne, et elle doit avoir "
    "accepté d'être recontactée. Sans son accord, ne l'inscrivez pas."
)


def normalise_phone(value):
    """« 06 12 34 56 78 » from « 06.12.34.56.78 », « +33 6 12 34 56 78 » kept international;
    None when it cannot be a phone number."""
    compact = PHONE_CHARACTERS.sub("", value or "")
    if re.fullmatch(r"0\d{9}", compact):
        return " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"(\+|00)\d{8,15}", compact):
        return "+" + compact.removeprefix("+").removeprefix("00")
    return None


def answer_fields(form, language, *, required=True):
    for op in v.OPERATIONS:
        form.fields[f"op_{op.code}"] = forms.ChoiceField(
            label=v.in_language(op.labels, language),
            choices=[(code, v.level_label(code, language)) for code in v.LEVEL_CODES],
            widget=forms.RadioSelect,
            required=required,
            error_messages={"required": v.text("answer_error", language)},
        )
    for code, labels in v.EQUIPMENT_LABELS.items():
        form.fields[f"eq_{code}"] = forms.BooleanField(label=v.in_language(labels, language), required=False)


class AnswersMixin:
    def answers(self):
        return {op.code: self.cleaned_data.get(f"op_{op.code}") for op in v.OPERATIONS}

    def equipment(self):
        return {code: self.cleaned_data.get(f"eq_{code}") for code in v.EQUIPMENT_CODES}

    def operation_fields(self):
        return [self[f"op_{code}"] for code in v.OPERATION_CODES]

    def equipment_fields(self):
        return [self[f"eq_{code}"] for code in v.EQUIPMENT_CODES]


class EnrolForm(AnswersMixin, forms.Form):
    club = forms.ModelChoiceField(
        TerritoryPage.objects.none(),
        label="Club",
        error_messages={"invalid_choice": "Vous ne pouvez pas inscrire de personne pour ce club."},
    )
    kind = forms.ChoiceField(
        label="Accompagnement", choices=v.ACCOMPANIMENTS, initial=v.INDIVIDUAL, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label="J'ai lu la notice à la personne ; elle accepte d'être recontactée dans six mois.",
        error_messages={"required": CONSENT_REQUIRED},
    )
    language = forms.ChoiceField(
        label="Langue de la personne", choices=v.LANGUAGES, initial="fr", widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label="Comment la recontacter ?", choices=v.CHANNELS, initial=v.PHONE, widget=forms.RadioSelect
    )
    contact = forms.CharField(
        label="Numéro de téléphone ou adresse de courriel",
        max_length=120,
        error_messages={"required": "Indiquez le numéro ou l'adresse où recontacter la personne."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    nickname = forms.CharField(
        label="Prénom ou surnom (facultatif)",
        max_length=40,
        required=False,
        help_text="Pour savoir qui demander au téléphone. Jamais de nom de famille.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, clubs, record=None, recent_records=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.fields["club"].queryset = clubs
        if record is not None:
            # The club and the kind come from the accompaniment.
            del self.fields["club"], self.fields["kind"]
        else:
            if len(clubs) == 1:
                self.fields["club"].initial = clubs[0].pk
                self.fields["club"].widget = forms.HiddenInput()
            if recent_records is not None:
                # A workshop's record is made when its page is published: it is chosen here.
                self.fields["intervention"] = forms.ModelChoiceField(
                    recent_records,
                    label="Après quelle intervention ? (facultatif)",
                    required=False,
                    empty_label="Aucune en particulier",
                    error_messages={
                        "invalid_choice": "Cette intervention n'est pas une de celles de votre club."
                    },
                )
                self.fields["intervention"].label_from_instance = lambda record: record.description
        answer_fields(self, "fr")

    def clean(self):
        cleaned = super().clean()
        channel, contact = cleaned.get("channel"), cleaned.get("contact")
        if contact and channel == v.PHONE:
            phone = normalise_phone(contact)
            if phone is None:
                self.add_error(
                    "contact",
                    "Ce numéro de téléphone n'a pas la bonne forme : 10 chiffres (06 12 34 56 78) ou un "
                    "numéro international (+32 …). Vérifiez-le, ou choisissez « Courriel ».",
                )
            else:
                cleaned["contact"] = phone
        elif contact and channel == v.EMAIL:
            try:
                validate_email(contact.strip())
            except ValidationError:
                self.add_error("contact", "Cette adresse de courriel n'est pas valide : vérifiez-la.")
        return cleaned

    def chosen_record(self):
        """The accompaniment the enrolment follows, if any."""
        return self.record or self.cleaned_data.get("intervention")

    def territory(self):
        record = self.chosen_record()
        return record.territory if record else self.cleaned_data["club"]

    def kind_value(self):
        record = self.chosen_record()
        if record is not None:
            return v.WORKSHOP if record.kind == v.WORKSHOP else v.INDIVIDUAL
        return self.cleaned_data["kind"]


class FollowUpForm(AnswersMixin, forms.Form):
    """The call at six months (or the person's own answers, in their language)."""

    def __init__(self, *args, language="fr", **kwargs):
        super().__init__(*args, **kwargs)
        answer_fields(self, language)
        yes_no = [("oui", v.text("yes", language)), ("non", v.text("no", language))]
        self.fields["needed_help"] = forms.ChoiceField(
            label=v.text("needed_help", language),
            choices=yes_no,
            widget=forms.RadioSelect,
            error_messages={"required": v.text("answer_error", language)},
        )
        self.fields["help_sources"] = forms.MultipleChoiceField(
            label=v.text("help_sources", language),
            choices=[(code, v.help_source_label(code, language)) for code in v.HELP_SOURCE_CODES],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def needed_help(self):
        return self.cleaned_data.get("needed_help") == "oui"

    def help_sources(self):
        return self.cleaned_data.get("help_sources") or []

    def follow_up(self):
        """The answers as lifecycle.record_follow_up takes them (the call's and the person's own)."""
        return {
            "answers": self.answers(),
            "equipment": self.equipment(),
            "needed_help": self.needed_help(),
            "help_sources": self.help_sources(),
        }


def enrolment_record(user_records, pk):
    """The activity record an enrolment starts from (individual or workshop), among those the
    user may change; None if absent."""
    if not pk or not str(pk).isdigit() or len(str(pk)) > 12:
        return None
    return (
        user_records.filter(pk=int(pk), kind__in=[v.INDIVIDUAL, v.WORKSHOP])
        .select_related("territory")
        .first()
    )
