"""Local actors a mediator sends people to, the partners directory and the orientation page."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from home.models import BasePage
from home.page_cache import PER_MINUTE, refuse_caching
from home.phone import phone_error
from home.text import clean_single_lines
from locations import geo
from locations.models import ClubGuardedPage

from . import help_kinds
from .directory import partner_directory
from .fields import HelpKindsField
from .orientation import orient


class PartnerPage(ClubGuardedPage, BasePage):
    """A local actor a mediator can send people to: training, equipment, internet, paperwork…

    It lives under its club's TerritoryPage, so the club's staff maintain it."""

    help_kinds = HelpKindsField(
        "Types d'aide", help_text="Cochez tout ce que ce partenaire propose. Au moins un."
    )
    audience = models.TextField("Pour qui ?", blank=True, help_text="Ex. : tout public, plus de 60 ans, RSA…")
    conditions = models.TextField(
        "Conditions et coût", blank=True, help_text="Ex. : gratuit, sur rendez-vous, 5 € l'adhésion."
    )
    is_remote = models.BooleanField(
        "À distance",
        default=False,
        help_text="Cochez si l'aide se fait par téléphone ou par internet, depuis toute la France.",
    )
    street = models.CharField("Adresse (numéro et rue)", max_length=200, blank=True)
    postcode = models.CharField("Code postal", max_length=5, blank=True)
    commune = models.CharField("Commune", max_length=100, blank=True)
    insee = models.CharField(
        "Code INSEE de la commune",
        max_length=5,
        blank=True,
        help_text="Rempli automatiquement à partir du code postal et de la commune.",
    )
    phone = models.CharField("Téléphone", max_length=30, blank=True)
    email = models.EmailField("Courriel", blank=True)
    website = models.URLField("Site internet", blank=True)
    hours = models.TextField("Horaires", blank=True, help_text="Ex. : du lundi au vendredi, de 9 h à 12 h.")

    parent_page_types = ["locations.TerritoryPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("help_kinds"),
        FieldPanel("audience"),
        FieldPanel("conditions"),
        MultiFieldPanel(
            [
                FieldPanel("is_remote"),
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("commune"),
                FieldPanel("insee"),
            ],
            heading="Adresse",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading="Contact"),
        FieldPanel("hours"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("audience"),
        index.SearchField("commune"),
        index.FilterField("help_kinds"),
        index.FilterField("is_remote"),
        index.FilterField("insee"),
    ]

    class Meta:
        verbose_name = "Partenaire"
        verbose_name_plural = "Partenaires"

    @property
    def help_kind_codes(self):
        return help_kinds.parse_codes(self.help_kinds)

    @property
    def kinds(self):
        return [help_kinds.get_kind(code) for code in self.help_kind_codes]

    @property
    def has_address(self):
        return bool(self.postcode and self.commune)

    @property
    def department(self):
        return geo.place_department(self.insee, self.postcode)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["territory"] = self.get_parent().specific
        context["partner_index"] = PartnerIndexPage.objects.live().public().first()
        context["orientation_page"] = OrientationPage.objects.live().public().first()
        return context

    def clean(self):
        clean_single_lines(self, ("street", "postcode", "commune", "insee", "phone"))
        super().clean()
        errors = {}
        if phone_error(self.phone):
            errors["phone"] = phone_error(self.phone)
        if not self.help_kind_codes:
            errors["help_kinds"] = "Cochez au moins un type d'aide."
        self.postcode = self.postcode.replace(" ", "")
        if not self.is_remote and not (self.postcode and self.commune):
            errors["postcode"] = "Indiquez le code postal et la commune, ou cochez « À distance »."
        if self.postcode:
            communes = geo.communes_by_postcode().get(self.postcode)
            if not communes:
                errors["postcode"] = f"Le code postal {self.postcode} n'existe pas."
            elif not self.insee:
                match = geo.commune_at(communes, self.commune)
                if match:
                    self.insee = match.insee
                else:
                    errors["commune"] = (
                        f"La commune « {self.commune} » n'a pas le code postal {self.postcode}. "
                        "Vérifiez l'orthographe ou indiquez le code INSEE."
                    )
        if self.insee and not geo.find_commune(self.insee):
            errors["insee"] = f"Le code INSEE {self.insee} n'existe pas."
        if errors:
            raise ValidationError(errors)


class PartnerIndexPage(BasePage):
    """/partenaires/: every live public partner, filtered by kind of help and territory."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Liste des partenaires"

    page_cache_params = ("aide", "territoire", "page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = partner_directory(request.GET, PartnerPage.objects.live().public())
        if context["directory"].errors:
            refuse_caching(request)  # an unknown club's name is not a key worth keeping
        return context


class OrientationPage(BasePage):
    """/trouver-de-l-aide/: a need and a place in, local partners and permanences out,
    printable as a referral slip (« fiche d'orientation »)."""

    page_cache = PER_MINUTE  # "open now" changes with the clock
    page_cache_params = ("besoin", "ou", "envoi")

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Orientation (trouver de l'aide)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["orientation"] = orient(request.GET, PartnerPage.objects.live().public())
        return context
