"""/sitemap.xml is an index of one sitemap per section, each paginated: every live page is in
exactly one of them, at the site's public address, and the queries of one sitemap do not grow
with the number of places."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.testing import SITEMAP_NS, sitemap_urls
from locations.importer import import_records
from locations.models import LocationPage
from locations.tests.factories import make_territory
from locations.tests.test_scale_io import record
from portal import sitemaps

pytestmark = pytest.mark.django_db


def locs(client, path, kind):
    tree = ET.fromstring(client.get(path).content)  # noqa: S314 - our own sitemap
    return [loc.text for loc in tree.findall(f"s:{kind}/s:loc", SITEMAP_NS)]


def test_the_index_lists_one_sitemap_per_section_at_the_public_address(client, demo_site):
    address = Site.objects.get(is_default_site=True).root_url
    listed = locs(client, "/sitemap.xml", "sitemap")
    assert listed == [
        f"{address}/sitemap-{name}.xml" for name in ("guides", "lieux", "partenaires", "ateliers", "pages")
    ]
    body = client.get("/sitemap.xml").content.decode()
    assert body.count("<lastmod>") == len(listed)


def test_every_live_page_is_in_exactly_one_section_at_the_public_address(client, demo_site):
    address = Site.objects.get(is_default_site=True).root_url
    pages = [url for url in sitemap_urls(client) if "/sitemap-" not in url]
    assert all(url.startswith(address + "/") for url in pages)
    live = Page.objects.live().public().filter(depth__gt=1).specific()
    assert sorted(pages) == sorted(page.get_full_url() for page in live)
    places = locs(client, "/sitemap-lieux.xml", "url")
    assert places and {urlparse(url).path for url in places} == {
        place.url for place in LocationPage.objects.live().public()
    }


def test_a_big_section_is_split_into_pages_listed_by_the_index(client, demo_site, monkeypatch):
    monkeypatch.setattr(sitemaps.SectionSitemap, "limit", 5)
    count = LocationPage.objects.live().public().count()
    pages = -(-count // 5)
    listed = [url for url in locs(client, "/sitemap.xml", "sitemap") if "sitemap-lieux" in url]
    assert len(listed) == pages > 1
    assert listed[1].endswith("/sitemap-lieux.xml?p=2")
    found = [
        url for page in range(1, pages + 1) for url in locs(client, f"/sitemap-lieux.xml?p={page}", "url")
    ]
    assert len(found) == len(set(found)) == count
    assert client.get(f"/sitemap-lieux.xml?p={pages + 1}").status_code == 404
    assert client.get("/sitemap-inconnu.xml").status_code == 404


def test_an_unpublished_place_leaves_its_sitemap(client, demo_site):
    place = LocationPage.objects.live().first()
    place.unpublish()
    assert urlparse(place.get_full_url()).path not in {
        urlparse(url).path for url in locs(client, "/sitemap-lieux.xml", "url")
    }


def test_alternates_of_a_page_are_written(client, demo_site, monkeypatch):
    def with_alternates(self, request=None):
        return [
            {
                "location": self.get_full_url(request),
                "lastmod": self.last_published_at,
                "alternates": [{"lang_code": "en", "location": self.get_full_url(request) + "en/"}],
            }
        ]

    monkeypatch.setattr(LocationPage, "get_sitemap_urls", with_alternates)
    body = client.get("/sitemap-lieux.xml").content.decode()
    place = LocationPage.objects.live().public().order_by("path").first()
    link = f'<xhtml:link rel="alternate" hreflang="en" href="{place.get_full_url()}en/"/>'
    assert link in body


def test_sitemap_queries_do_not_grow_with_the_number_of_places(client, demo_site):
    territory = make_territory(departments="14")
    import_records([record(n) for n in range(1, 31)], territory)
    with CaptureQueriesContext(connection) as thirty:
        client.get("/sitemap.xml")
        client.get("/sitemap-lieux.xml")
    import_records([record(n) for n in range(31, 301)], territory)
    with CaptureQueriesContext(connection) as three_hundred:
        client.get("/sitemap.xml")
        assert client.get("/sitemap-lieux.xml").content.count(b"<url>") >= 300
    assert len(three_hundred.captured_queries) <= len(thirty.captured_queries)
