"""Collective workshops (ateliers): a WorkshopPage under its place, and /ateliers/ that lists them.

A workshop has one date or a short series (its sessions), each of which may be cancelled or full
on its own. After a session, staff type the number of participants on the workshop page; on
publish it becomes one activity record (signals.py), never typed twice."""

from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Min, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path as route
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from activity.models import ActivityRecord
from activity.vocabulary import MAX_PARTICIPANTS, MIN_PARTICIPANTS
from guides.models import GuidePage, LearningPathGuide, LearningPathPage
from home.models import BasePage, RoutableBasePage
from home.page_cache import generation
from home.text import clean_single_lines
from locations.fields import ChoiceListField
from locations.models import ClubGuardedPage, LocationPage
from locations.panels import RowsInlinePanel

from . import rendering
from .forms import WorkshopPageForm
from .jsonld import workshop_json_ld
from .poster import poster_response
from .vocabulary import (
    CANCELLED,
    FULL,
    PAGE_STATUSES,
    SCHEDULED,
    SESSION_STATUSES,
    SIGNUP,
    THEME_OPTIONS,
    Session,
    dates_fr,
)


# A view restriction on the page or one of its ancestors (a private place, club…), in the same
# query as the pages themselves (Wagtail's .public() costs one more query each time).
def restricted():
    return PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")), page__depth__lte=OuterRef("depth")
    )


def local_today():
    return timezone.localdate()  # Europe/Paris: the portal's places are all in metropolitan time


def upcoming(today=None):
    """Live public workshops with a session today or later, soonest first (`next_date`)."""
    today = today or local_today()
    return (
        WorkshopPage.objects.live()
        .exclude(Exists(restricted()))
        .annotate(next_date=Min("sessions__date", filter=Q(sessions__date__gte=today)))
        .filter(next_date__isnull=False)
        .prefetch_related("sessions")
        .order_by("next_date", "title")
    )


CARDS_SECONDS = 60  # as the page cache: at most a minute late if a publication went unannounced


def upcoming_cards():
    """Every upcoming workshop as a card (plain values), with the place and the guides it is
    shown on. Kept in the shared cache until the next publication (home.page_cache's
    generation) or the next day: the place, guide and home pages add no query for them."""
    today = local_today()
    key = f"workshops:cards:{generation()}:{today.isoformat()}"
    cards = cache.get(key)
    if cards is None:
        workshops = list(upcoming(today))
        owners = {w.pk: {w.pk, w.learning_path_id} for w in workshops}
        # The guides of the workshops and of their learning paths, in one query (both are pages:
        # a workshop's id and a path's id never collide).
        guides_of = {}
        for owner, guide in (
            WorkshopGuide.objects.filter(page_id__in=list(owners))
            .order_by()
            .values_list("page_id", "guide_id")
            .union(
                LearningPathGuide.objects.filter(
                    path_id__in=[w.learning_path_id for w in workshops if w.learning_path_id]
                )
                .order_by()
                .values_list("path_id", "guide_id")
            )
        ):
            guides_of.setdefault(owner, set()).add(guide)
        cards = []
        for workshop, place in with_places(workshops):
            shown = rendering.card(rendering.summary_item(workshop, place, today))
            shown["place_id"] = place.pk if place is not None else None
            shown["guide_ids"] = set().union(*(guides_of.get(owner, set()) for owner in owners[workshop.pk]))
            cards.append(shown)
        cache.set(key, cards, CARDS_SECONDS)
    return cards


def places_with_upcoming_workshops(today=None):
    """Ids of the places with a workshop still to come (a date not cancelled), in one query."""
    today = today or local_today()
    workshops = (
        WorkshopPage.objects.live()
        .public()
        .exclude(status=CANCELLED)
        .filter(sessions__date__gte=today, sessions__status__in=[SCHEDULED, FULL])
    )
    paths = {path[: -Page.steplen] for path in workshops.values_list("path", flat=True)}
    return set(LocationPage.objects.filter(path__in=paths).values_list("pk", flat=True))


def places_of(workshops):
    """{path: LocationPage} of the places of `workshops`, with their closures (a date during a
    closure is cancelled on every card), in two queries."""
    paths = {w.path[: -Page.steplen] for w in workshops}
    places = LocationPage.objects.filter(path__in=paths).prefetch_related("closures")
    return {p.path: p for p in places}


def with_places(workshops):
    """[(workshop, place)] for `workshops` (a list), the places fetched in one query."""
    places = places_of(workshops)
    return [(w, places.get(w.path[: -Page.steplen])) for w in workshops]


class WorkshopIndexPage(RoutableBasePage):
    """/ateliers/: the upcoming workshops, nearest first, and their calendar feeds per place and theme."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Liste des ateliers"

    # Filtered lists are kept in the shared page cache too, under their normalised filters.
    page_cache_params = ("ou", "theme", "mois", "page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        workshops = list(upcoming())
        context.update(rendering.listing(with_places(workshops), request, local_today()))
        return context

    @route("lieu/<str:key>.ics/", name="place_feed")
    def place_feed(self, request, key):
        """The workshops of one place (its id, or its slug when no other place has it)."""
        places = LocationPage.objects.live().public()
        found = list(places.filter(pk=int(key)) if key.isdigit() else places.filter(slug=key)[:2])
        if len(found) != 1:
            raise Http404("Lieu inconnu")
        place = found[0]
        workshops = list(upcoming().child_of(place))
        return rendering.ical_response(
            [(w, place) for w in workshops], f"Ateliers — {place.title}", f"ateliers-{place.slug}", request
        )

    @route("theme/<str:code>.ics/", name="theme_feed")
    def theme_feed(self, request, code):
        if code not in dict(THEME_OPTIONS):
            raise Http404("Thème inconnu")
        workshops = [w for w in upcoming() if code in (w.themes or [])]
        label = dict(THEME_OPTIONS)[code]
        return rendering.ical_response(
            with_places(workshops), f"Ateliers — {label}", f"ateliers-{code}", request
        )


class WorkshopPage(ClubGuardedPage, RoutableBasePage):
    """A collective workshop at a place: /lieux/<club>/<place>/<atelier>/, with its calendar
    event (agenda.ics) and its poster (affiche/)."""

    status = models.CharField(
        "État de l'atelier",
        max_length=10,
        choices=PAGE_STATUSES,
        blank=True,
        default="",
        help_text="« Complet » ou « Annulé » pour tout l'atelier. Une seule date peut aussi être annulée.",
    )
    themes = ChoiceListField(
        "thèmes",
        options=THEME_OPTIONS,
        blank=False,
        help_text="Servent au filtre de la liste des ateliers et aux chiffres de l'activité.",
    )
    learn = models.TextField(
        "Ce que vous allez apprendre", blank=True, help_text="Un point par ligne, en mots simples."
    )
    learning_path = models.ForeignKey(
        LearningPathPage,
        verbose_name="Parcours suivi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bring = models.TextField(
        "À apporter",
        blank=True,
        help_text="Un objet par ligne. Ex. : pièce d'identité, téléphone, lecteur de carte bancaire.",
    )
    seats = models.PositiveSmallIntegerField("Nombre de places", null=True, blank=True)
    seats_left = models.PositiveSmallIntegerField(
        "Places restantes", null=True, blank=True, help_text="Laissez vide si vous ne savez pas."
    )
    signup = ChoiceListField(
        "comment s'inscrire",
        options=SIGNUP,
        blank=False,
        help_text="Le site ne recueille aucune inscription : il dit seulement comment s'inscrire.",
    )
    booking_url = models.URLField(
        "Lien de réservation", blank=True, help_text="Le lien de réservation du lieu ou de l'atelier."
    )
    accessibility = models.TextField(
        "Accessibilité",
        blank=True,
        help_text="Ex. : salle au rez-de-chaussée, boucle magnétique, grands écrans.",
    )
    free = models.BooleanField("Gratuit", default=True)
    # Copied from the sessions and the place at each save: a search result says when and where
    # without a query per result.
    first_date = models.DateField(null=True, blank=True, editable=False)
    last_date = models.DateField(null=True, blank=True, editable=False)
    commune = models.CharField(max_length=100, blank=True, editable=False)

    parent_page_types = ["locations.LocationPage"]
    subpage_types = []
    base_form_class = WorkshopPageForm

    content_panels = BasePage.content_panels + [
        FieldPanel("themes"),
        FieldPanel("learn"),
        PageChooserPanel("learning_path", "guides.LearningPathPage"),
        InlinePanel("guide_links", heading="Guides vus pendant l'atelier", label="Guide"),
        FieldPanel("bring"),
        FieldPanel("accessibility"),
    ]
    dates_panels = [
        HelpPanel(
            "<p>Une date, ou quelques dates pour une série. Après l'atelier, indiquez le nombre de "
            "participants de chaque date puis publiez : il compte dans l'activité du club.</p>"
        ),
        RowsInlinePanel("sessions", heading="Dates", label="Date", add_label="Ajouter une date"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("seats"), FieldPanel("seats_left")]),
                FieldPanel("free"),
                FieldPanel("signup"),
                FieldPanel("booking_url"),
            ],
            heading="Places et inscription",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(dates_panels, heading="Dates"),
            ObjectList(content_panels, heading="Atelier"),
            ObjectList(BasePage.promote_panels, heading="Promotion"),
            ObjectList(BasePage.settings_panels, heading="Paramètres", classname="settings"),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("learn"),
        index.SearchField("bring"),
        index.SearchField("commune"),
        index.FilterField("last_date"),
    ]

    class Meta:
        verbose_name = "Atelier"
        verbose_name_plural = "Ateliers"

    # --- data ---------------------------------------------------------------------------

    def clean(self):
        clean_single_lines(self, ("title",))
        super().clean()
        errors = {}
        if self.seats is not None and self.seats_left is not None and self.seats_left > self.seats:
            errors["seats_left"] = "Il ne peut pas rester plus de places que l'atelier n'en compte."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        days = [s.date for s in self.sessions.all() if s.date]
        self.first_date, self.last_date = (min(days), max(days)) if days else (None, None)
        parent = self.get_parent() if self.depth else None
        if parent is not None:
            self.commune = getattr(parent.specific_deferred, "commune", "") or ""
        super().save(*args, **kwargs)

    @cached_property
    def place(self):
        return LocationPage.objects.filter(path=self.path[: -self.steplen]).first()

    def engine_sessions(self):
        """Sessions as the rendering helpers read them, in date order (read once per instance)."""
        return self._engine_sessions

    @cached_property
    def _engine_sessions(self):
        return sorted(
            (
                Session(
                    s.date, s.start, s.end, CANCELLED if self.status == CANCELLED else s.status or self.status
                )
                for s in self.sessions.all()
            ),
            key=lambda s: (s.day, s.start),
        )

    @property
    def is_past(self):
        return self.last_date is not None and self.last_date < local_today()

    @property
    def summary(self):
        """What a search result says: when, where, and the introduction."""
        # Every session's date, as the page counts them (not only the first and the last).
        when = "passé" if self.is_past else dates_fr([s.day for s in self.engine_sessions()], local_today())
        where = f" à {self.commune}" if self.commune else ""
        head = f"Atelier collectif{where}, {when}." if when else f"Atelier collectif{where}."
        return f"{head} {self.intro}".strip()

    def guides(self):
        """The live guides it covers: its own, then those of its learning path."""
        found = [link.guide for link in self.guide_links.select_related("guide") if link.guide.live]
        if self.learning_path_id and self.learning_path.live:
            found += [g for g in self.learning_path.specific.ordered_guides() if g not in found]
        return found

    # --- pages --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        place = self.place
        context.update(rendering.workshop_context(self, place, request, local_today()))
        context["guides"] = self.guides()
        context["json_ld"] = workshop_json_ld(self, place, request)
        return context

    @route("agenda.ics/", name="agenda")
    def agenda(self, request):
        """Every date of the workshop, as an iCalendar file (cancelled dates say so)."""
        return rendering.ical_response([(self, self.place)], self.title, self.slug, request, every_date=True)

    @route("affiche/", name="poster")
    def poster(self, request):
        """The workshop's poster, one A4 page to print."""
        return poster_response(self, self.place, request, local_today())


class WorkshopSession(Orderable):
    """One date of a workshop: its times, its own status, and afterwards its participants."""

    page = ParentalKey(WorkshopPage, related_name="sessions", on_delete=models.CASCADE)
    date = models.DateField("Date")
    start = models.TimeField("Début")
    end = models.TimeField("Fin")
    status = models.CharField("État", max_length=10, choices=SESSION_STATUSES, blank=True, default="")
    participants = models.PositiveSmallIntegerField(
        "Participants",
        null=True,
        blank=True,
        help_text="Après l'atelier : le nombre de personnes venues. Il compte dans l'activité du club.",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("participants")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Date de l'atelier"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "L'heure de fin doit être après l'heure de début."
        if self.participants is not None and self.date:
            now = timezone.localtime()
            if self.date > now.date() or (self.date == now.date() and self.end and self.end > now.time()):
                errors["participants"] = (
                    "Cette date n'est pas encore passée : indiquez les participants après l'atelier."
                )
            elif self.status == CANCELLED:
                errors["participants"] = "Cette date est annulée : elle n'a pas de participants."
            elif not MIN_PARTICIPANTS <= self.participants <= MAX_PARTICIPANTS:
                errors["participants"] = (
                    f"Un atelier compte de {MIN_PARTICIPANTS} à {MAX_PARTICIPANTS} participants : "
                    "vérifiez le nombre."
                )
        if errors:
            raise ValidationError(errors)


class WorkshopGuide(Orderable):
    """A guide the workshop covers: the guide page lists the workshop."""

    page = ParentalKey(WorkshopPage, related_name="guide_links", on_delete=models.CASCADE)
    guide = models.ForeignKey(GuidePage, verbose_name="Guide", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", "guides.GuidePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Guide de l'atelier"


class SessionActivity(models.Model):
    """The activity record a held session became (see signals.py).

    `record` is emptied when someone deletes the record by hand: the session is then never
    counted again. `written` is what was last written, to tell a record corrected by hand."""

    session = models.OneToOneField(WorkshopSession, on_delete=models.CASCADE, related_name="activity_link")
    record = models.OneToOneField(
        ActivityRecord, on_delete=models.SET_NULL, null=True, related_name="workshop_session"
    )
    written = models.CharField(max_length=300)

    class Meta:
        verbose_name = "Activité d'une date d'atelier"

    def __str__(self):
        return f"Date {self.session_id} → intervention {self.record_id}"
