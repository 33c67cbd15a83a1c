"""The entry forms: one intervention, or a day sheet of several at once (one transaction)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from locations.models import LocationPage, TerritoryPage

from . import access
from . import vocabulary as v
from .models import ActivityRecord

PLACE_INVALID = "Ce lieu n'est pas une permanence de votre club : choisissez un de vos lieux."
CLUB_INVALID = "Vous ne pouvez pas saisir l'activité de ce club."


def usual_place(user):
    """The place of the user's last record, if they may still record there."""
    last = (
        ActivityRecord.objects.filter(mediator=user, place__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("place_id", flat=True)
        .first()
    )
    return last


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class WhereMixin:
    """Club and place: the club follows from the place, or is chosen among the user's clubs."""

    def setup_where(self, user):
        self.user = user
        clubs = access.recording_clubs(user)
        self.clubs = list(clubs)
        places = access.places_of(self.clubs)
        self.fields["place"].queryset = places
        self.fields["place"].error_messages["invalid_choice"] = PLACE_INVALID
        self.fields["place"].label_from_instance = self.place_label
        self.fields["club"].queryset = clubs
        self.fields["club"].error_messages["invalid_choice"] = CLUB_INVALID
        if len(self.clubs) <= 1:
            self.fields["club"].widget = forms.HiddenInput()
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("place", usual_place(user))
            if self.clubs:
                self.initial.setdefault("club", self.clubs[0].pk)

    def place_label(self, place):
        if len(self.clubs) <= 1:
            return place.title
        club = next((c for c in self.clubs if place.path.startswith(c.path)), None)
        return f"{place.title} ({club.title})" if club else place.title

    def resolve_club(self):
        """Set self.territory from the place, or from the chosen club."""
        cleaned = self.cleaned_data
        place, where = cleaned.get("place"), cleaned.get("where")
        if where == v.AT_PLACE and place is None and "place" not in self.errors:
            self.add_error(
                "place", "Choisissez le lieu de la permanence, ou « à distance » / « hors permanence »."
            )
        if where != v.AT_PLACE:
            cleaned["place"] = place = None
        if place is not None:
            self.territory = next((c for c in self.clubs if place.path.startswith(c.path)), None)
        else:
            self.territory = cleaned.get("club") or (self.clubs[0] if len(self.clubs) == 1 else None)
            if self.territory is None and "club" not in self.errors:
                self.add_error("club", "Choisissez le club.")


class RecordForm(WhereMixin, forms.ModelForm):
    club = forms.ModelChoiceField(TerritoryPage.objects.none(), label="Club", required=False)
    theme_list = forms.MultipleChoiceField(
        label="Thèmes",
        choices=v.THEME_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins un thème."},
    )

    class Meta:
        model = ActivityRecord
        fields = [
            "date",
            "where",
            "place",
            "kind",
            "duration",
            "participants",
            "age_band",
            "first_visit",
            "oriented_to",
            "note",
        ]
        widgets = {"date": DateInput(), "where": forms.RadioSelect, "kind": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_where(user)
        self.fields["place"].required = False
        self.fields["participants"].widget.attrs.update(min=v.MIN_PARTICIPANTS, max=v.MAX_PARTICIPANTS)
        self.fields["oriented_to"].queryset = access.partners_of(self.clubs)
        if self.instance.pk:
            self.initial["theme_list"] = self.instance.theme_codes

    def clean(self):
        cleaned = super().clean()
        self.resolve_club()
        self.instance.territory = getattr(self, "territory", None)
        self.instance.themes = v.serialise_themes(cleaned.get("theme_list"))
        return cleaned

    def _post_clean(self):
        # The model's checks (dates, place of the club, workshop size), with our field names.
        self.instance.territory = getattr(self, "territory", None)
        self.instance.themes = v.serialise_themes(self.cleaned_data.get("theme_list"))
        super()._post_clean()

    def add_error(self, field, error):
        # The model says "themes"; the form's field is "theme_list".
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            if "themes" in error.error_dict:
                error.error_dict["theme_list"] = error.error_dict.pop("themes")
            if "place" in error.error_dict and "place" in self._errors:
                del error.error_dict["place"]  # already refused: one message is enough
            if "territory" in error.error_dict:
                error.error_dict["club"] = error.error_dict.pop("territory")
        super().add_error(field, error)

    def save_for(self, user):
        self.instance.mediator = user
        return self.save()

    def save_correction(self):
        """Save a corrected record in one transaction; its mediator stays the original author.

        Returns None if the record was deleted meanwhile (never brought back by an INSERT).
        """
        with transaction.atomic():
            if not ActivityRecord.objects.select_for_update().filter(pk=self.instance.pk).exists():
                return None
            record = self.save(commit=False)
            record.save(force_update=True)
            return record


# --- the day sheet ------------------------------------------------------------------------------


class DayForm(WhereMixin, forms.Form):
    """What the rows share: the day and the place."""

    date = forms.DateField(label="Date", widget=DateInput())
    where = forms.ChoiceField(label="Où", choices=v.WHERE, initial=v.AT_PLACE, widget=forms.RadioSelect)
    place = forms.ModelChoiceField(LocationPage.objects.none(), label="Lieu", required=False)
    club = forms.ModelChoiceField(TerritoryPage.objects.none(), label="Club", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_where(user)

    def clean(self):
        cleaned = super().clean()
        self.resolve_club()
        return cleaned


class RowForm(forms.Form):
    """« 3 virements », « 1 atelier de 6 personnes »: a number of identical interventions."""

    count = forms.IntegerField(
        label="Nombre",
        required=False,
        min_value=0,
        max_value=v.MAX_PER_ROW,
        error_messages={
            "max_value": f"Au plus {v.MAX_PER_ROW} par ligne : vérifiez le nombre.",
            "min_value": "Le nombre ne peut pas être négatif.",
        },
    )
    kind = forms.ChoiceField(label="Type", choices=v.KINDS, initial=v.INDIVIDUAL)
    theme = forms.ChoiceField(label="Thème", choices=(("", "---------"), *v.THEME_CHOICES), required=False)
    participants = forms.IntegerField(
        label="Participants (atelier)",
        required=False,
        min_value=v.MIN_PARTICIPANTS,
        max_value=v.MAX_PARTICIPANTS,
        error_messages={
            "max_value": f"Un atelier compte au plus {v.MAX_PARTICIPANTS} participants : vérifiez le nombre.",
            "min_value": f"Un atelier compte au moins {v.MIN_PARTICIPANTS} participants.",
        },
    )
    first_visits = forms.IntegerField(label="Dont premières venues", required=False, min_value=0)
    duration = forms.ChoiceField(label="Durée", choices=v.DURATIONS, initial=v.DEFAULT_DURATION)

    def clean(self):
        cleaned = super().clean()
        count = cleaned.get("count") or 0
        if not count:
            return cleaned
        if not cleaned.get("theme"):
            self.add_error("theme", "Choisissez le thème de cette ligne.")
        if (
            cleaned.get("kind") == v.WORKSHOP
            and not cleaned.get("participants")
            and "participants" not in self.errors
        ):
            self.add_error("participants", "Indiquez le nombre de participants de l'atelier.")
        if cleaned.get("kind") != v.WORKSHOP and cleaned.get("participants"):
            self.add_error(
                "participants", "Le nombre de participants ne concerne que les ateliers collectifs."
            )
        if (cleaned.get("first_visits") or 0) > count:
            self.add_error("first_visits", "Plus de premières venues que d'interventions sur cette ligne.")
        return cleaned


RowFormSet = forms.formset_factory(RowForm, extra=6, max_num=12, absolute_max=12)


def day_records(day, rows, user):
    """The unsaved records of a valid day sheet; model checks run on each (ValidationError)."""
    records = []
    for row in rows.cleaned_data:
        count = row.get("count") or 0
        firsts = row.get("first_visits") or 0
        for index in range(count):
            record = ActivityRecord(
                date=day.cleaned_data["date"],
                where=day.cleaned_data["where"],
                place=day.cleaned_data.get("place"),
                territory=day.territory,
                kind=row["kind"],
                duration=row["duration"],
                themes=v.serialise_themes([row["theme"]]),
                participants=row.get("participants") if row["kind"] == v.WORKSHOP else None,
                first_visit=index < firsts,
                mediator=user,
            )
            record.full_clean(exclude=["mediator"])
            records.append(record)
    return records


def save_day(day, rows, user):
    """Create every record of the sheet, or none (one transaction). Returns the records."""
    records = day_records(day, rows, user)
    with transaction.atomic():
        return ActivityRecord.objects.bulk_create(records)
