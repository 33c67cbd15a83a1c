"""The questions as a Django form, for the mediator mode in the admin (the public page is a
plain template form that needs no Django form: its answers stay in the address)."""

from django import forms

from .questions import ANSWERS, AREAS, QUESTIONS, questions_of

NOTHING_ANSWERED = "Répondez avec la personne à au moins une question."


class AnswersForm(forms.Form):
    """One optional radio group per question; the same codes as the public page's address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(answer.code, answer.label) for answer in ANSWERS]
        for question in QUESTIONS:
            self.fields[question.field] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choisissez une des quatre réponses."},
            )

    def areas(self):
        """[(area, [bound fields])] in the order of the questionnaire."""
        return [(area, [self[q.field] for q in questions_of(area.code)]) for area in AREAS]

    def answers(self):
        """{question code: answer code} of the valid form (questions.read_answers' shape)."""
        return {q.code: self.cleaned_data[q.field] for q in QUESTIONS if self.cleaned_data.get(q.field)}

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(q.field) for q in QUESTIONS):
            raise forms.ValidationError(NOTHING_ANSWERED)
        return cleaned
