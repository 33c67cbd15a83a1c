from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from search.indexing import FrenchStemsMixin

from .blocks import BaseContentBlocks
from .forms import PageEditForm
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

    def clean(self):
        clean_single_lines(self, ("title", "seo_title"))
        super().clean()

    def serve(self, request, *args, **kwargs):
        return allow_caching(self, request, super().serve(request, *args, **kwargs))


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
