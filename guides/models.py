"""Guides: topics, organisations (tags), GuidePage with numbered steps, learning paths, glossary."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext, pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import path as route
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.languages import page_language
from home.models import BasePage, RoutableBasePage
from home.params import FieldError, clean_param
from home.sections import active_language, section_page
from locations import geo
from locations.filters import resolve_ou
from locations.models import LocationPage
from locations.rendering import distance_order
from partners.help_kinds import NEEDS
from search.indexing import FrenchStemsMixin, language_of

from . import handout
from .blocks import GuideStepsBlock
from .glossary_links import GlossaryLinker, Term
from .panels import PlainLanguagePanel
from .paths import path_position
from .plain_language import analyse
from .rendering import howto, render_steps

# Shown on translated guides too (gettext catalogs in locale/).
LEVELS = [
    ("debutant", pgettext_lazy("guide level", "Débutant")),
    ("intermediaire", pgettext_lazy("guide level", "Intermédiaire")),
    ("avance", pgettext_lazy("guide level", "Avancé")),
]

# The needs understood by the orientation flow (the OrientationPage's ?besoin=<need>).
HELP_NEEDS = [(need.code, need.label) for need in NEEDS]


def glossary_url(request=None):
    """The URL of the live glossary page ("" if there is none), once per request."""
    cached = getattr(request, "_pasapas_glossary_url", None) if request is not None else None
    if cached is None:
        page = section_page(request, "guides.GlossaryPage") if request is not None else None
        if page is None:  # without a request (or a section): the French page
            french = GlossaryPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            page = french.live().public().first()
        cached = page.get_url(request) if page is not None else ""
        if request is not None:
            request._pasapas_glossary_url = cached
    return cached


def glossary_language(request=None):
    """The language of the glossary page readers are sent to (the section in the request's
    language, else the French one); "" when there is none."""
    page = section_page(request, "guides.GlossaryPage") if request is not None else None
    if page is None:
        return settings.LANGUAGE_CODE if glossary_url(request) else ""
    return getattr(page, "language", "") or settings.LANGUAGE_CODE


@register_snippet
class GuideTopic(models.Model):
    """A family of guides: Banque en ligne, Démarches en ligne…"""

    name = models.CharField("Nom", max_length=80)
    slug = models.SlugField("Identifiant", unique=True)
    description = models.CharField("Description", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("Ordre d'affichage", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Thème de guide"
        verbose_name_plural = "Thèmes de guides"

    def __str__(self):
        return self.name


@register_snippet
class GlossaryTerm(TranslatableMixin, FrenchStemsMixin, index.Indexed, models.Model):
    """A word explained simply. Guides link the first use of the term to its definition.

    Translated with wagtail-localize like the guides; a translation keeps the French anchor, so
    /glossaire/#rib and /en/glossaire/#rib name the same word."""

    term = models.CharField("Mot", max_length=80)
    slug = models.SlugField("Ancre", help_text="Utilisée dans l'adresse : /glossaire/#ancre")
    definition = models.TextField("Définition", help_text="Deux phrases simples au plus.")
    variants = models.CharField(
        "Autres formes",
        max_length=250,
        blank=True,
        help_text="Pluriels ou synonymes, séparés par des virgules : « RIB, relevé d'identité bancaire ».",
    )

    panels = [FieldPanel("term"), FieldPanel("slug"), FieldPanel("definition"), FieldPanel("variants")]
    translatable_fields = [
        TranslatableField("term"),
        TranslatableField("definition"),
        TranslatableField("variants"),
        SynchronizedField("slug", overridable=False),
    ]
    search_fields = FrenchStemsMixin.stem_search_fields + [
        index.SearchField("term", boost=2),
        index.SearchField("variants"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["term"]
        unique_together = [("translation_key", "locale"), ("term", "locale"), ("slug", "locale")]
        verbose_name = "Mot du glossaire"
        verbose_name_plural = "Glossaire"

    def __str__(self):
        return self.term

    def get_search_title(self):
        return " ".join(self.forms)

    def get_url(self, request=None, glossary=None):
        """The term's definition on the glossary page (`glossary`: that page's URL, if known)."""
        base = glossary if glossary is not None else glossary_url(request)
        return f"{base}#{self.slug}" if base else ""

    def clean(self):
        """The word and its anchor are unique in their language: said in French in the admin
        (whose form has no locale field, so Django would not check them) and in a translation."""
        super().clean()
        locale_id = self.locale_id or Locale.get_default().pk
        others = GlossaryTerm.objects.filter(locale_id=locale_id).exclude(pk=self.pk)
        errors = {}
        if self.term and others.filter(term=self.term).exists():
            errors["term"] = "Ce mot est déjà dans le glossaire."
        if self.slug and others.filter(slug=self.slug).exists():
            errors["slug"] = "Cette ancre est déjà celle d'un autre mot. Choisissez-en une autre."
        if errors:
            raise ValidationError(errors)

    def get_url_language(self, request=None):
        """The language of the glossary page get_url() leads to: the reader's when the page is
        translated, else French ("" when there is no glossary page)."""
        return glossary_language(request)

    @property
    def forms(self):
        extra = [form.strip() for form in self.variants.split(",") if form.strip()]
        return (self.term, *extra)


def glossary_for_reader(language=None, queryset=None):
    """The glossary as a reader of `language` (the request's) reads it: each term in that
    language when it is translated, else in French, sorted by the word shown. Each term's `lang`
    is its language when it is not the reader's (a French fallback, to mark), else ""."""
    language = language or active_language()
    source = settings.LANGUAGE_CODE
    terms = queryset if queryset is not None else GlossaryTerm.objects.all()
    chosen = {}
    for term in terms.filter(locale__language_code__in={language, source}):
        if term.translation_key not in chosen or language_of(term) == language:
            chosen[term.translation_key] = term
    for term in chosen.values():
        term.lang = "" if language_of(term) == language else language_of(term)
    return sorted(chosen.values(), key=lambda term: term.term.lower())


class GuideIndexPage(BasePage):
    """/guides/: every guide, by topic, with a filter by organisation."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.GuidePage"]
    max_count = 1

    class Meta:
        verbose_name = "Liste des guides"

    def get_context(self, request, *args, **kwargs):
        from taggit.models import Tag

        context = super().get_context(request, *args, **kwargs)
        guides = (
            GuidePage.objects.child_of(self)
            .live()
            .public()
            .select_related("topic")
            .order_by("title")
            .only(
                "title", "summary", "url_path", "path", "depth", "topic", "slug", "level", "duration_minutes"
            )
        )
        organisations = list(
            Tag.objects.filter(guides_guidepagetag_items__content_object__in=guides)
            .distinct()
            .order_by("name")
        )
        selected = None
        wanted = (request.GET.get("organisme") or "")[:100]
        if wanted:
            selected = next((tag for tag in organisations if tag.slug == wanted), None)
            if selected is not None:
                guides = guides.filter(tags__slug=selected.slug)
        by_topic = {}
        for guide in guides:
            by_topic.setdefault(guide.topic, []).append(guide)
        topics = sorted(
            by_topic.items(), key=lambda item: (item[0] is None, item[0].sort_order if item[0] else 0)
        )
        context.update(
            topics=[{"topic": topic, "guides": items} for topic, items in topics],
            organisations=organisations,
            selected_organisation=selected,
            unknown_organisation=bool(wanted and selected is None),
        )
        return context


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey("guides.GuidePage", related_name="tagged_items", on_delete=models.CASCADE)


class GuidePage(RoutableBasePage):
    """/guides/<slug>/: one task, explained in numbered steps; its PDF handout at fiche.pdf."""

    summary = models.CharField(
        "En une phrase", max_length=200, help_text="Ce que la personne saura faire à la fin du guide."
    )
    topic = models.ForeignKey(
        GuideTopic,
        verbose_name="Thème",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
    )
    tags = ClusterTaggableManager(
        "Organismes",
        through=GuidePageTag,
        blank=True,
        help_text="Les organismes concernés : CAF, Ameli, France Travail, impots.gouv…",
    )
    audience = models.CharField(
        "Pour qui", max_length=200, help_text="Par exemple : « Toute personne qui a un compte en banque »."
    )
    duration_minutes = models.PositiveSmallIntegerField("Temps nécessaire (minutes)", default=10)
    level = models.CharField("Niveau", max_length=20, choices=LEVELS, default="debutant")
    before_you_start = models.TextField(
        "Avant de commencer",
        blank=True,
        help_text="Ce qu'il faut avoir sous la main : un élément par ligne (documents, identifiants…).",
    )
    steps = StreamField(GuideStepsBlock(), verbose_name="Étapes")
    help_need = models.CharField(
        "Besoin (orientation)",
        max_length=20,
        choices=HELP_NEEDS,
        default="demarche",
        help_text="Utilisé pour le lien « Trouver de l'aide » en bas du guide.",
    )
    reviewed_on = models.DateField("Vérifié le", default=datetime.date.today)
    review_due = models.DateField("À revérifier avant le", null=True, blank=True)

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("steps"),
        index.FilterField("level"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("tags"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("level")]),
            ],
            heading="Pour qui, combien de temps",
        ),
        FieldPanel("before_you_start"),
        FieldPanel("steps"),
        FieldPanel("help_need"),
        InlinePanel("related_guides", label="Guides liés", max_num=4),
        FieldRowPanel([FieldPanel("reviewed_on"), FieldPanel("review_due")], heading="Relecture"),
        PlainLanguagePanel(heading="Lisibilité du texte"),
    ]

    class Meta:
        verbose_name = "Guide"

    def clean(self):
        super().clean()
        if self.review_due and self.reviewed_on and self.review_due < self.reviewed_on:
            raise ValidationError(
                {"review_due": "La date de relecture doit venir après la date de vérification."}
            )

    def save(self, *args, **kwargs):
        if self.review_due is None and self.reviewed_on:
            self.review_due = self.reviewed_on + datetime.timedelta(days=365)
        super().save(*args, **kwargs)

    @property
    def checklist(self):
        return [line.strip(" -•\t") for line in self.before_you_start.splitlines() if line.strip(" -•\t")]

    @property
    def review_overdue(self):
        return bool(self.review_due and self.review_due < datetime.date.today())

    @property
    def duration_label(self):
        minutes = self.duration_minutes
        if minutes < 60:
            # Plural forms: Arabic has six (« حوالي 10 دقائق », « حوالي 15 دقيقة »).
            # %(counter)s: a form may leave the number out (« حوالي دقيقتين », about two minutes).
            return ngettext("%(counter)s minute environ", "%(counter)s minutes environ", minutes) % {
                "counter": minutes
            }
        hours, rest = divmod(minutes, 60)
        if rest:
            return gettext("%(hours)s h %(minutes)02d environ") % {"hours": hours, "minutes": rest}
        return ngettext("%(counter)s h environ", "%(counter)s h environ", hours) % {"counter": hours}

    def rendered_steps(self, to_html=None):
        """The steps as the page, the handout and the JSON-LD get them (guides.rendering)."""
        return render_steps(self.steps, to_html)

    def text_parts(self):
        """Every piece of reader-facing text, for the plain-language indicator."""
        return [self.summary, self.intro, *self.rendered_steps().texts()]

    def readability(self):
        return analyse(self.text_parts())

    def howto_jsonld(self, request=None, rendered=None):
        """schema.org HowTo, built from the same rendered steps as the page."""
        return howto(
            rendered or self.rendered_steps(),
            name=self.title,
            description=self.summary,
            duration_minutes=self.duration_minutes,
            reviewed_on=self.reviewed_on,
            supplies=self.checklist,
            url=self.get_full_url(request),
            language=page_language(self),
        )

    @cached_property
    def related_guide_pages(self):
        return [
            link.guide
            for link in self.related_guides.select_related("guide").all()
            if link.guide and link.guide.live
        ]

    def step_images(self):
        """The images shown by the steps, as the rendered steps will read them."""
        images = []
        for block in self.steps:
            illustration = block.value.get("illustration") if block.block_type == "step" else None
            if illustration and illustration.get("image"):
                images.append(illustration["image"])
        return images

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        glossary = glossary_url(request)
        # The words in the guide's language (French where a term is not translated: the link's
        # text is then French, marked); the glossary page in the reader's language, else the
        # French one. hreflang names the page's language whenever the link's text or the page
        # is not in the reader's.
        reader, target = page_language(self), glossary_language(request)
        wanted = GlossaryTerm.objects.only("term", "slug", "variants", "locale", "translation_key")
        terms = [
            Term(
                key=t.slug,
                forms=t.forms,
                url=glossary,
                lang=t.lang,
                hreflang=target if (t.lang or target != reader) else "",
            )
            for t in glossary_for_reader(reader, wanted)
        ]
        # The steps' pictures come from renditions: all of them in one query, not one per image.
        prefetch_related_objects(self.step_images(), "renditions")
        rendered = self.rendered_steps(GlossaryLinker(terms if glossary else []).link)
        context.update(
            intro_notes=rendered.intro_notes,
            steps=rendered.steps,
            path_nav=path_position(request, self, LearningPathPage.objects.live().public()),
            jsonld=self.howto_jsonld(request, rendered),
            handout_picker=handout_picker(request),
            glossary_url=glossary,
        )
        return context

    @route("fiche.pdf/", name="handout")
    def handout_route(self, request):
        """fiche.pdf[?gros=1][&lieu=<place slug>]: the A4 handout to print."""
        options = handout.options_from_query(request.GET, find_place)
        return handout.handout_response(
            self, request, options, glossary_for_reader(page_language(self)), timezone.now()
        )


def handout_picker(request):
    """The handout form's choices read back from the guide page's own query (the form's « Les
    plus proches d'abord » button: ?ou=<postcode or commune>&lieu=…&gros=1): the places nearest
    that area first, the other choices kept; a wrong postcode or commune is said in French."""
    query = request.GET if request is not None else {}
    picker = {
        "ou": clean_param(query.get("ou"), geo.MAX_INPUT_LENGTH),
        "lieu": clean_param(query.get("lieu")),
        "large": clean_param(query.get("gros")) in ("1", "oui"),
        "open": any(name in query for name in ("ou", "lieu", "gros")),
        "area": None,
        "errors": [],
    }
    origin = None
    if picker["ou"]:
        try:
            picker["ou"], picker["area"] = resolve_ou(picker["ou"])
            origin = geo.area_origin(picker["area"])
        except geo.AreaError as error:
            picker["errors"] = [FieldError(str(error), "fiche-ou", error.suggestion)]
    picker["places"] = handout_places(origin, picker["area"])
    return picker


def handout_places(origin=None, area=None):
    """The live public places a mediator can pick for the « Votre permanence » box:
    [(group label, [places])]. Nearest `origin` first (geo.area_origin of `area`, the place's
    coordinates or its commune's centre) in one group; else grouped by department (region,
    then department, then title)."""
    places = LocationPage.objects.live().public().only("title", "slug", "commune", "insee")
    if origin is not None:
        nearest = places.annotate(distance=distance_order(origin)).order_by("distance", "title")
        return [(f"Les plus proches de {area.label} d'abord", list(nearest))]
    groups = {}
    for place in places.order_by("title"):
        department = geo.department_of(place.insee) if place.insee else ""
        groups.setdefault(department, []).append(place)
    ordered = sorted(groups, key=lambda c: (geo.region_name(geo.region_of(c)) or "~", geo.department_name(c)))
    return [(geo.department_name(code) if code else "Autres lieux", groups[code]) for code in ordered]


def find_place(slug):
    """The live public place with this slug, or None (an unknown slug just drops the box)."""
    try:
        validate_slug(slug)
    except ValidationError:
        return None
    return (
        LocationPage.objects.live()
        .public()
        .filter(slug=slug)
        .prefetch_related("slots", "closures")
        .order_by("path")
        .first()
    )


class RelatedGuide(Orderable):
    page = ParentalKey(GuidePage, related_name="related_guides", on_delete=models.CASCADE)
    guide = models.ForeignKey(GuidePage, verbose_name="Guide", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", "guides.GuidePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Guide lié"


class GlossaryPage(BasePage):
    """/glossaire/: every term, with a <dfn> and an anchor each."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Glossaire"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translated glossary page: the translated words, the others in French (marked).
        terms = glossary_for_reader(page_language(self))
        letters = {}
        for term in terms:
            letters.setdefault(_initial(term.term), []).append(term)
        # A letter whose every word is a French fallback (« B » on the Arabic page) is French,
        # and comes after the letters of the page's language.
        marked = [
            (letter, group, group[0].lang if len({t.lang for t in group}) == 1 else "")
            for letter, group in letters.items()
        ]
        context["letters"] = sorted(marked, key=lambda entry: (bool(entry[2]), entry[0]))
        return context


def _initial(word):
    import unicodedata

    first = unicodedata.normalize("NFD", word[:1])[:1].upper()
    return first if first.isalpha() else "#"


class LearningPathIndexPage(BasePage):
    """/parcours/: the learning paths."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["guides.LearningPathPage"]
    max_count = 1

    class Meta:
        verbose_name = "Liste des parcours"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["paths"] = LearningPathPage.objects.child_of(self).live().public().order_by("path")
        return context


class LearningPathPage(BasePage):
    """/parcours/<slug>/: guides to follow in order."""

    parent_page_types = ["guides.LearningPathIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        InlinePanel("path_guides", label="Guides, dans l'ordre", min_num=1)
    ]

    class Meta:
        verbose_name = "Parcours"

    def ordered_guides(self):
        """The live guides of the path, in order, in one query."""
        links = self.path_guides.select_related("guide").order_by("sort_order")
        return [link.guide for link in links if link.guide.live]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = self.ordered_guides()
        context["steps"] = [
            {"number": number, "guide": guide, "url": f"{guide.get_url(request)}?parcours={self.slug}"}
            for number, guide in enumerate(guides, start=1)
        ]
        return context


class LearningPathGuide(Orderable):
    path = ParentalKey(LearningPathPage, related_name="path_guides", on_delete=models.CASCADE)
    guide = models.ForeignKey(GuidePage, verbose_name="Guide", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", "guides.GuidePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Guide du parcours"
