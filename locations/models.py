from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path as route
from wagtail.models import Orderable, PagePermissionTester
from wagtail.search import index

from home.models import BasePage, RoutableBasePage
from home.page_cache import PER_MINUTE
from home.pagination import paginate
from home.params import clean_param
from home.phone import phone_error
from home.text import clean_single_lines

from . import geo, guard_rules, rendering, schedule
from .export import export_response, iter_records
from .fields import ChoiceListField
from .forms import LocationPageForm
from .panels import RowsInlinePanel, TerritoryPublishingPanel
from .poster import poster_response
from .vocabulary import ACCESS, EQUIPMENT, HOLIDAY_ZONES, KINDS, RECEPTION, RECURRENCES, SERVICES, WEEKDAYS


class LocationIndexPage(RoutableBasePage):
    """/lieux/: the directory of every place where a mediator holds a permanence, and the
    open-data exports of those places (export/lieux-mediation-numerique.csv and .json)."""

    page_cache = PER_MINUTE  # "open now" changes with the clock
    page_cache_params = ("ou", "service", "jour", "ouvert", "page")  # see locations.filters

    parent_page_types = ["home.HomePage"]
    subpage_types = ["locations.TerritoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "Annuaire des lieux"

    def places(self):
        """The live public places of the directory."""
        return (
            LocationPage.objects.live()
            .public()
            .descendant_of(self)
            .prefetch_related("slots", "closures")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        places = LocationPage.objects.live().public().descendant_of(self)
        context.update(rendering.directory(places, UpcomingSession.objects.all(), request.GET))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)  # open-today badges change during the day
        return response

    def export_records(self, request):
        """The open-data records, read a chunk of places at a time (a generator)."""
        territory_names = dict(TerritoryPage.objects.live().values_list("path", "title"))
        return iter_records(request, self.places(), territory_names)

    def export_rows(self, request):
        return list(self.export_records(request))

    @route("export/lieux-mediation-numerique.csv/", name="export_csv")
    def export_csv(self, request):
        return export_response(request, "csv", lambda: self.export_records(request))

    @route("export/lieux-mediation-numerique.json/", name="export_json")
    def export_json(self, request):
        return export_response(request, "json", lambda: self.export_records(request))


class ClubPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, less what club staff may never do to a club's pages
    (locations.guard_rules). Wagtail asks this tester before every operation, whatever the
    route: the admin's views and buttons, bulk actions, the admin API's actions and the action
    classes themselves (DeletePageAction, UnpublishPageAction, MovePageAction, CopyPageAction…)."""

    @cached_property
    def forbidden(self):
        return club_forbidden(self.user, self.page)

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and guard_rules.DELETE not in self.forbidden

    def can_move(self):
        # Wagtail's right to move is its right to delete; a place may still move inside its club.
        return super().can_delete(ignore_bulk=True) and guard_rules.MOVE not in self.forbidden

    def can_unpublish(self):
        return super().can_unpublish() and guard_rules.UNPUBLISH not in self.forbidden

    def can_copy(self):
        return super().can_copy() and guard_rules.COPY not in self.forbidden

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and guard_rules.PRIVACY not in self.forbidden


class ClubGuardedPage:
    """A page type that lives in a club's subtree: Wagtail asks ClubPagePermissionTester."""

    def permissions_for_user(self, user):
        return ClubPagePermissionTester(user, self)


def club_forbidden(user, page):
    """The guarded actions (locations.guard_rules) `user` may not take on `page`."""
    if guard_rules.is_administrator(user):
        return frozenset()
    territory = territory_of(page)
    return guard_rules.forbidden(
        user, territory is not None and territory.pk == page.pk, territory is not None
    )


def territory_of(page):
    """The club territory `page` is or belongs to, or None outside the directory's clubs."""
    if page.specific_class is TerritoryPage:
        return page
    return TerritoryPage.objects.ancestor_of(page).first()


class TerritoryPage(ClubGuardedPage, BasePage):
    """One club and its territory. Its places and local partners live under it, so that
    Wagtail's page permissions give the club's staff this subtree and nothing else."""

    departments = models.CharField(
        "Départements",
        max_length=60,
        help_text="Numéros des départements couverts, séparés par des virgules (ex. : 14, 50).",
    )
    email = models.EmailField("Courriel du club", blank=True)
    phone = models.CharField("Téléphone du club", max_length=30, blank=True)
    website = models.URLField("Site du club", blank=True)

    parent_page_types = ["locations.LocationIndexPage"]
    subpage_types = ["locations.LocationPage", "partners.PartnerPage"]

    content_panels = BasePage.content_panels + [
        FieldPanel("departments"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")], heading="Contact"),
    ]
    settings_panels = [TerritoryPublishingPanel(), *BasePage.settings_panels[1:]]
    search_fields = BasePage.search_fields + [index.FilterField("departments")]

    class Meta:
        verbose_name = "Territoire (club)"
        verbose_name_plural = "Territoires (clubs)"

    page_cache_params = ("page",)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().order_by("title")
        places = LocationPage.objects.child_of(self).live().public().order_by("sort_title", "pk")
        pagination = paginate(places.count(), clean_param(request.GET.get("page", "")), anchor="lieux")
        context["pagination"] = pagination
        context["places"] = places[pagination.offset : pagination.stop]
        # Local partners live in their own app (which builds on this one): the other child types,
        # asked by type (the content type index) rather than "not a place" (every child read).
        others = [model for model in self.allowed_subpage_models() if model is not LocationPage]
        context["partners"] = children.type(*others).specific() if others else children.none()
        return context

    @property
    def department_codes(self):
        return [code.strip().upper() for code in self.departments.split(",") if code.strip()]

    def clean(self):
        super().clean()
        errors = {}
        unknown = [code for code in self.department_codes if code not in geo.departments()]
        if not self.department_codes or unknown:
            errors["departments"] = f"Départements inconnus : {', '.join(unknown) or 'aucun indiqué'}."
        if phone_error(self.phone):
            errors["phone"] = phone_error(self.phone)
        if errors:
            raise ValidationError(errors)


AREA_FIELDS = (
    "commune_code",
    "epci_code",
    "department_code",
    "region_code",
    "sort_title",
    "near_latitude",
    "near_longitude",
)


class LocationPage(ClubGuardedPage, RoutableBasePage):
    """A place where a club's mediators hold a permanence: /lieux/<club>/<place>/, with its
    calendar feed (agenda.ics) and its poster to print (affiche/)."""

    page_cache = PER_MINUTE  # "open now" changes with the clock

    kind = models.CharField(
        "Type de lieu", max_length=30, choices=KINDS, default="france_services", db_index=True
    )
    address = models.CharField(
        "Adresse", max_length=200, help_text="Numéro et rue. Ex. : 2 rue de la Mairie."
    )
    address_complement = models.CharField(
        "Complément d'adresse", max_length=200, blank=True, help_text="Étage, bâtiment, entrée."
    )
    postcode = models.CharField("Code postal", max_length=5)
    insee = models.CharField(
        "Code INSEE de la commune",
        max_length=5,
        blank=True,
        help_text="Laissez vide : il est déduit du code postal et de la commune.",
    )
    commune = models.CharField("Commune", max_length=100)
    latitude = models.DecimalField(
        "Latitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "Longitude",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    access = ChoiceListField("accès", options=ACCESS)
    equipment = ChoiceListField("équipement sur place", options=EQUIPMENT)
    services = ChoiceListField(
        "services", options=SERVICES, help_text="Vocabulaire du standard national des lieux de médiation."
    )
    reception = models.CharField("Accueil", max_length=20, choices=RECEPTION, default="both")
    phone = models.CharField("Téléphone", max_length=30, blank=True)
    email = models.EmailField("Courriel", blank=True)
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, help_text="14 chiffres. Sert à l'export des données ouvertes."
    )
    hours_confirmed_on = models.DateField(
        "Horaires vérifiés le",
        null=True,
        blank=True,
        help_text="Se met à la date du jour quand vous modifiez les créneaux ou les fermetures.",
    )
    holiday_zone = models.CharField(
        "Zone des jours fériés et fuseau horaire",
        max_length=20,
        choices=HOLIDAY_ZONES,
        blank=True,
        help_text="Laissez vide : la zone est déduite du département.",
    )
    open_on_public_holidays = models.BooleanField("Ouvert les jours fériés", default=False)
    source_id = models.CharField(
        "Identifiant dans le fichier importé",
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="Champ « id » du standard national : un nouvel import met ce lieu à jour.",
    )
    # The record of the national file this place was imported from (locations.importer):
    # {"schema", "record": its fields as they came, "extra": its other columns, "imported": what
    # we read from it, "unread_hours"}. The export gives each field back as it came until a
    # person changes what it was read into; the page shows what it holds (booking, fees…).
    source_data = models.JSONField("Données du fichier importé", default=dict, blank=True, editable=False)
    # Where the place is, as codes the directory filters and groups on in the database
    # (filled by fill_area_codes() on every save; never typed by staff).
    commune_code = models.CharField(
        "Commune (code INSEE)", max_length=5, blank=True, editable=False, db_index=True
    )
    epci_code = models.CharField("EPCI", max_length=9, blank=True, editable=False, db_index=True)
    department_code = models.CharField("Département", max_length=3, blank=True, editable=False, db_index=True)
    region_code = models.CharField("Région", max_length=3, blank=True, editable=False, db_index=True)
    # The title as the directory sorts it (no accents, no case): pages are cut in the database.
    sort_title = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    # Where "nearest first" measures from: the coordinates, else the commune's centre.
    near_latitude = models.FloatField(null=True, blank=True, editable=False)
    near_longitude = models.FloatField(null=True, blank=True, editable=False)

    parent_page_types = ["locations.TerritoryPage"]
    subpage_types = ["workshops.WorkshopPage"]  # by name: the workshops app builds on this one
    base_form_class = LocationPageForm
    exclude_fields_in_copy = ["source_id", "source_data"]

    # Hours first: club staff open a place to change its hours; the address and identifiers,
    # which rarely change, are on the second tab.
    hours_panels = [
        HelpPanel(
            "<p>Modifiez les créneaux ou les fermetures, puis cliquez sur « Publier » : les nouveaux "
            "horaires seront visibles tout de suite sur la page du lieu et son affiche. "
            "La date de vérification se met à jour toute seule.</p>"
        ),
        RowsInlinePanel("slots", heading="Créneaux", label="Créneau", add_label="Ajouter un créneau"),
        RowsInlinePanel(
            "closures", heading="Fermetures", label="Fermeture", add_label="Ajouter une fermeture"
        ),
        MultiFieldPanel(
            [
                FieldPanel("open_on_public_holidays"),
                FieldPanel("holiday_zone"),
                FieldPanel("hours_confirmed_on"),
            ],
            heading="Jours fériés et vérification",
        ),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_complement"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
            ],
            heading="Adresse",
        ),
        MultiFieldPanel(
            [FieldPanel("reception"), FieldPanel("phone"), FieldPanel("email")],
            heading="Accueil et contact",
        ),
        FieldPanel("services"),
        FieldPanel("equipment"),
        FieldPanel("access"),
        MultiFieldPanel(
            [
                FieldPanel("insee"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("siret"),
            ],
            heading="Identifiants (facultatifs)",
            help_text="Le code INSEE est déduit du code postal et de la commune ; "
            "les coordonnées et le SIRET servent à l'export des données ouvertes.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(hours_panels, heading="Horaires"),
            ObjectList(content_panels, heading="Lieu et adresse"),
            ObjectList(BasePage.promote_panels, heading="Promotion"),
            ObjectList(BasePage.settings_panels, heading="Paramètres", classname="settings"),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("commune"),
        index.FilterField("postcode"),
        index.FilterField("insee"),
    ]

    class Meta:
        verbose_name = "Lieu de permanence"
        verbose_name_plural = "Lieux de permanence"

    # --- data ---------------------------------------------------------------------------

    @property
    def department(self):
        return geo.place_department(self.insee, self.postcode)

    @property
    def zone(self):
        return self.holiday_zone or schedule.zone_for_department(self.department)

    def clean(self):
        clean_single_lines(self, ("title", "address", "address_complement", "commune", "phone", "siret"))
        super().clean()
        errors = {}
        if phone_error(self.phone):
            errors["phone"] = phone_error(self.phone)
        self.postcode = (self.postcode or "").replace(" ", "")
        # A national file's address, kept as it came (a CEDEX code, a commune merged since,
        # resolved with a warning at import), does not stop staff who change the hours.
        if not self.address_as_imported():
            self.check_address(errors)
        if self.siret and not (self.siret.isdigit() and len(self.siret) == 14):
            errors["siret"] = "Le SIRET a 14 chiffres."
        if self.title:
            # Names are not identifiers (« La Poste » is in many towns): unique in a commune.
            twins = LocationPage.objects.filter(
                title__iexact=self.title.strip(), commune__iexact=self.commune
            )
            if self.pk:
                twins = twins.exclude(pk=self.pk)
            if twins.exists():
                errors["title"] = (
                    "Un autre lieu de cette commune porte déjà ce nom. Choisissez un nom unique."
                )
        if errors:
            raise ValidationError(errors)

    def check_address(self, errors):
        """The postcode, commune and INSEE code agree (the INSEE code filled from the others)."""
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 5):
            errors["postcode"] = "Le code postal a 5 chiffres."
        elif self.postcode and self.commune:
            self.fill_insee(errors)
        if not self.insee and "commune" not in errors and "postcode" not in errors:
            errors["commune"] = "Indiquez le code postal et la commune du lieu."
        commune = geo.find_commune(self.insee) if self.insee else None
        if self.insee and commune is None:
            errors["insee"] = "Ce code INSEE n'existe pas."
        elif commune and self.postcode and self.postcode not in commune.postcodes:
            errors["postcode"] = f"Ce code postal ne correspond pas à {commune.name}."

    def address_as_imported(self):
        """Are the postcode, commune and INSEE code still those the import read?"""
        imported = (self.source_data or {}).get("imported")
        return bool(imported) and all(
            imported.get(name, "") == (getattr(self, name) or "") for name in ("postcode", "commune", "insee")
        )

    def fill_insee(self, errors):
        """The INSEE code from the postcode and commune (staff never type it), as partners do."""
        communes = geo.communes_by_postcode().get(self.postcode)
        if not communes:
            errors["postcode"] = f"Le code postal {self.postcode} n'existe pas."
            return
        current = geo.find_commune(self.insee) if self.insee else None
        if current is not None and self.postcode in current.postcodes:
            if geo.normalise(current.name) == geo.normalise(self.commune):
                return
        match = geo.commune_at(communes, self.commune)
        if match:
            self.insee = match.insee
        elif current is None or self.postcode not in current.postcodes:
            names = ", ".join(sorted(c.name for c in communes))
            errors["commune"] = (
                f"La commune « {self.commune} » n'a pas le code postal {self.postcode} "
                f"(communes de ce code : {names}). Vérifiez l'orthographe."
            )

    def fill_area_codes(self):
        """The database's copy of where the place is and how it sorts, from its postcode and commune."""
        self.commune_code = self.insee or geo.area_commune(self.postcode)
        self.epci_code, self.department_code, self.region_code = geo.area_codes(self.insee, self.postcode)
        self.sort_title = geo.normalise(self.title or "")[:255]
        position = geo.place_position(self.latitude, self.longitude, self.insee, self.postcode)
        self.near_latitude, self.near_longitude = position or (None, None)

    def derive_fields(self):
        """What every save derives from the address and title: holiday zone and area codes."""
        if not self.holiday_zone and self.insee:
            self.holiday_zone = schedule.zone_for_department(self.department)
        self.fill_area_codes()

    def save(self, *args, sync_services=True, **kwargs):
        """sync_services=False: the caller writes the PlaceService rows itself (the importer,
        in bulk for a whole batch)."""
        self.derive_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"insee", "postcode", "title"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, *AREA_FIELDS}
        super().save(*args, **kwargs)
        # A draft save (update_fields without "services") leaves the live services as they are.
        if sync_services and (update_fields is None or "services" in update_fields):
            self.sync_service_links()

    def sync_service_links(self):
        """One row per service in PlaceService, so that a service filter is an indexed join."""
        wanted = set(self.services or [])
        current = set(self.service_links.values_list("service", flat=True))
        if current - wanted:
            self.service_links.filter(service__in=current - wanted).delete()
        if wanted - current:
            PlaceService.objects.bulk_create(
                PlaceService(place=self, service=code) for code in wanted - current
            )

    @property
    def time_zone(self):
        """The place's time zone, without loading its slots."""
        return schedule.Schedule(zone=self.zone).tz

    def get_schedule(self):
        """The engine's view of this place (uses prefetched slots and closures when present)."""
        return schedule.Schedule(
            slots=[slot.as_engine_slot() for slot in self.slots.all()],
            closures=[closure.as_engine_closure() for closure in self.closures.all()],
            zone=self.zone,
            open_on_public_holidays=self.open_on_public_holidays,
            name=self.title,
            uid=f"lieu-{self.pk}",
        )

    def local_now(self):
        return timezone.now().astimezone(self.get_schedule().tz)

    def label(self, field_name):
        return self._meta.get_field(field_name).labels(getattr(self, field_name))

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def full_address(self):
        parts = [self.address, self.address_complement, f"{self.postcode} {self.commune}"]
        return ", ".join(p for p in parts if p)

    @property
    def osm_url(self):
        if self.latitude is None or self.longitude is None:
            from urllib.parse import quote

            return f"https://www.openstreetmap.org/search?query={quote(self.full_address)}"
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )

    # --- pages --------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(rendering.place_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        # "Ouvert maintenant" is computed now: no shared cache may keep an old answer.
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    @route("agenda.ics/", name="agenda")
    def agenda(self, request):
        """The next sessions, as an iCalendar feed."""
        return rendering.place_agenda(self, request)

    @route("affiche/", name="poster")
    def poster(self, request):
        """The schedule poster, one A4 page to print and post on the door."""
        return poster_response(self, request)


class Slot(Orderable):
    """A time slot of a place: a weekday, a start, an end and how often it comes."""

    page = ParentalKey(LocationPage, related_name="slots", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField("Jour", choices=WEEKDAYS)
    start = models.TimeField("Début")
    end = models.TimeField("Fin")
    recurrence = models.CharField("Fréquence", max_length=20, choices=RECURRENCES, default="weekly")
    valid_from = models.DateField("À partir du", null=True, blank=True)
    valid_until = models.DateField("Jusqu'au", null=True, blank=True)
    note = models.CharField("Remarque", max_length=100, blank=True, help_text="Ex. : sur rendez-vous.")

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("recurrence"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Créneau"

    def clean(self):
        super().clean()
        clean_single_lines(self, ("note",))  # printed on one line of the poster and the exports

    def as_engine_slot(self):
        return schedule.Slot(
            weekday=self.weekday,
            start=self.start,
            end=self.end,
            recurrence=self.recurrence,
            valid_from=self.valid_from,
            valid_until=self.valid_until,
            note=self.note,
        )


class Closure(Orderable):
    """Days when the place is closed: holidays of the staff, works…"""

    page = ParentalKey(LocationPage, related_name="closures", on_delete=models.CASCADE)
    start = models.DateField("Du")
    end = models.DateField("Au (inclus)")
    reason = models.CharField("Motif", max_length=100, blank=True, help_text="Ex. : congés d'été.")

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = "Fermeture"

    def clean(self):
        super().clean()
        clean_single_lines(self, ("reason",))

    def as_engine_closure(self):
        return schedule.Closure(start=self.start, end=self.end, reason=self.reason)


class PlaceService(models.Model):
    """A service a place offers (the `services` field, one row each): an indexed filter.

    A join on (service, place) stays an index lookup at 20,000 places, where a LIKE on a
    delimited text column ('%,demarches,%') would read every row."""

    place = models.ForeignKey(LocationPage, on_delete=models.CASCADE, related_name="service_links")
    service = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "place"], name="unique_place_service")]

    def __str__(self):
        return f"{self.place_id} {self.service}"


class UpcomingSession(models.Model):
    """A session of a live place in the next weeks, as the schedule engine computes it (the same
    occurrences as its agenda.ics). Materialised by locations.sessions.write_sessions on
    publish, after each import batch and every night, so that the directory's day filters and
    cards never run the engine over every place."""

    place = models.ForeignKey(LocationPage, on_delete=models.CASCADE, related_name="upcoming_sessions")
    start = models.DateTimeField()
    end = models.DateTimeField()
    day = models.DateField(help_text="Local date of the session, in the place's time zone.")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["place", "start"]),
            models.Index(fields=["day", "place"]),
            models.Index(fields=["weekday", "place"]),
        ]

    def __str__(self):
        return f"{self.place_id} {self.start:%Y-%m-%d %H:%M}"


class ClubStaffGroup(models.Model):
    """The staff group of a club: it may edit and publish the club's TerritoryPage subtree only.

    Created and renamed with its territory (see locations.staff), deleted with it."""

    territory = models.OneToOneField(TerritoryPage, on_delete=models.CASCADE, related_name="staff_link")
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="club_link")

    class Meta:
        verbose_name = "Équipe d'un club"
        verbose_name_plural = "Équipes des clubs"

    def __str__(self):
        return self.group.name


class PlaceOpenData(models.Model):
    """What the open-data exports say of a live place's hours, as the schedule engine computes
    them: written by locations.sessions.write_sessions with the upcoming sessions (on
    publish, after each import batch, every night), so that an export of 20,000 places never
    runs the engine. The OSM text leaves out what has ended, so it holds from `computed_on` to
    `valid_through` only; the export computes it again for a place whose row is missing or out
    of that range."""

    place = models.OneToOneField(
        LocationPage, on_delete=models.CASCADE, primary_key=True, related_name="open_data"
    )
    horaires = models.TextField(help_text="OpenStreetMap opening_hours.")
    presentation_detail = models.TextField(help_text="The hours in one French paragraph.")
    computed_on = models.DateField()
    valid_through = models.DateField(null=True, blank=True, help_text="Empty: the same text for ever.")

    def __str__(self):
        return f"{self.place_id} {self.computed_on}"
