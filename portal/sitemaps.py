"""/sitemap.xml: an index of one sitemap per section (guides, places, partners, workshops, other pages),
each paginated by Django at LIMIT addresses, so that no file grows with the number of places.

Every address is the site's public one (its Site record follows WAGTAILADMIN_BASE_URL), never
the request's Host. Each section lists its live public pages through Wagtail's Sitemap (their
get_sitemap_urls(), with `alternates` when a page gives some), read a page of LIMIT at a time.
"""

from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemaps

from guides.models import GuidePage
from home.languages import prefetch_versions
from home.views import site_address
from locations.models import LocationPage
from partners.models import PartnerPage
from workshops.models import WorkshopPage

# Addresses per sitemap file: the protocol allows 50,000; smaller files render fast and
# keep the queries of one request bounded.
LIMIT = 5000


class SectionSitemap(Sitemap):
    """The live public pages of one section of the site, found by page type."""

    limit = LIMIT
    page_types = ()  # the section's page types; empty: every page not in another section

    def pages(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        if self.page_types:
            return pages.type(*self.page_types)
        return pages.not_type(*(model for section in SECTIONS.values() for model in section.page_types))

    def items(self):
        return self.pages().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        """Wagtail's, with the translations of the whole page of addresses (their hreflang
        alternates) fetched in one query instead of one per address."""
        urls, last_mods = [], set()
        for item in prefetch_versions(self.paginator.page(page).object_list):
            for url_info in item.get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def latest(self):
        """When a page of the section was last published (one query, not one per page)."""
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]


class GuideSitemap(SectionSitemap):
    page_types = (GuidePage,)


class PlaceSitemap(SectionSitemap):
    page_types = (LocationPage,)


class PartnerSitemap(SectionSitemap):
    page_types = (PartnerPage,)


class WorkshopSitemap(SectionSitemap):
    page_types = (WorkshopPage,)


class OtherSitemap(SectionSitemap):
    pass


# Section name (in the file's address) -> its sitemap.
SECTIONS = {
    "guides": GuideSitemap,
    "lieux": PlaceSitemap,
    "partenaires": PartnerSitemap,
    "ateliers": WorkshopSitemap,
    "pages": OtherSitemap,
}


def index(request):
    """The sitemap index: every page of every non-empty section, with its last publication."""
    address = site_address(request)
    entries = []
    for name, section in SECTIONS.items():
        sitemap = section(request)
        pages = sitemap.paginator.num_pages if sitemap.pages().exists() else 0
        location = address + reverse("sitemap_section", kwargs={"section": name})
        latest = sitemap.latest() if pages else None
        entries += [
            SitemapIndexItem(location if number == 1 else f"{location}?p={number}", latest)
            for number in range(1, pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


def section(request, section):
    if section not in SECTIONS:
        raise Http404
    return wagtail_sitemaps.sitemap(
        request,
        sitemaps={section: SECTIONS[section]},
        section=section,
        template_name="wagtailsitemaps/sitemap.xml",
    )
