from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from search.indexing import FrenchStemsMixin

from .blocks import BaseContentBlocks
from .forms import PageEditForm
from .formulas import formula_errors
from .languages import alternates, live_versions
from .page_cache import UNTIL_PUBLISH, allow_caching
from .site_plan import build_site_plan
from .text import clean_single_lines


class BasePage(FrenchStemsMixin, Page):
    """Fields every public content page shares: a one-sentence introduction, French search."""

    intro = models.TextField("Introduction", blank=True, help_text="Une ou deux phrases simples.")

    search_fields = Page.search_fields + FrenchStemsMixin.stem_search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    # How the shared page cache may keep this page (see home/page_cache.py).
    page_cache = UNTIL_PUBLISH
    base_form_class = PageEditForm

    # The tree's own path, and typed text that may rightly start with "+" (a phone number).
    formula_exempt_fields = ("path", "phone")

    @classmethod
    def free_text_fields(cls):
        """The text fields a person types into (title, intro, address…): none may start like a
        spreadsheet formula, since every page's title and text can reach an admin export."""
        return [
            field.name
            for field in cls._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
            and field.editable
            and not field.choices
            and field.name not in cls.formula_exempt_fields
        ]

    def clean(self):
        clean_single_lines(self, ("title", "seo_title"))
        super().clean()
        errors = formula_errors(self, self.free_text_fields())
        if errors:
            raise ValidationError(errors)

    def get_sitemap_urls(self, request=None):
        """The French page lists itself and each live translation, every entry with the
        hreflang alternates of all of them (the sitemap walks the French tree only)."""
        versions = live_versions(self)  # one query, which also brings this page's locale
        if self.locale.language_code != settings.LANGUAGE_CODE and any(
            version.locale.language_code == settings.LANGUAGE_CODE for version in versions
        ):
            return []  # listed by its French source
        links = alternates(versions, request)
        return [
            {
                **url,
                **({"alternates": links} if links else {}),
            }
            for version in versions
            for url in Page.get_sitemap_urls(version, request)
        ]

    def serve(self, request, *args, **kwargs):
        return allow_caching(self, request, super().serve(request, *args, **kwargs))


class RoutableBasePage(RoutablePageMixin, BasePage):
    """A content page with routes of its own (a PDF, a calendar feed, a poster, an export).

    Its index route is served like any page (BasePage.serve: the shared page cache, and the
    headers a subclass's serve() adds); the other routes answer for themselves and are never
    put in the shared page cache. Routes of an unpublished page are a 404 (RoutablePageMixin
    checks `live`), and a private page's routes are guarded by Wagtail's serve view, which runs
    the view-restriction hooks before any route."""

    class Meta:
        abstract = True

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None or getattr(view, "__func__", None) is RoutablePageMixin.index_route:
            return BasePage.serve(self, request)
        return view(request, *(args or ()), **(kwargs or {}))

    def serve_preview(self, request, mode_name):
        return BasePage.serve_preview(self, request, mode_name)

    def subpage_url(self, name, request=None, args=None, kwargs=None):
        """The URL of one of this page's routes. A file-like route ("fiche.pdf") has no
        trailing slash: the route pattern needs one, the public URL does not."""
        url = self.get_url(request) + self.reverse_subpage(name, args=args, kwargs=kwargs)
        last = url.rstrip("/").rsplit("/", 1)[-1]
        return url.rstrip("/") if "." in last else url


class HomePage(BasePage):
    body = StreamField(BaseContentBlocks(), blank=True, verbose_name="Contenu")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Page d'accueil"


class StandardPage(BasePage):
    """A plain page of text: accessibility statement, privacy, about."""

    body = StreamField(BaseContentBlocks(), blank=True, verbose_name="Contenu")

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "Page simple"


class SitePlanPage(BasePage):
    """The readable site plan: every live public page, as nested lists."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Plan du site"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["plan"] = build_site_plan(self.get_site().root_page)
        return context
