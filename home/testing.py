"""Helpers for tests across apps."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


# Pages visitors reach that are not in the sitemap: search results and the 404 page.
EXTRA_PATHS = [
    "/recherche/?q=banque",
    "/recherche/?q=zzzzqqq",
    "/page-introuvable/",
    # The translated search (English results, or French ones under a notice) and 404.
    "/en/recherche/?q=transfer",
    "/ar/recherche/?q=virement",
    "/en/page-introuvable/",
]


def demo_paths(base_url):
    """Every page of a live site's sitemap, plus the extra pages above."""
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/sitemap.xml") as response:  # noqa: S310 - our live server
        return sitemap_paths(response.read()) + EXTRA_PATHS


def sitemap_paths(xml_body):
    """The paths a sitemap.xml body lists, in order."""
    tree = ET.fromstring(xml_body)  # noqa: S314 - our own sitemap
    return [urlparse(loc.text).path for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def axe_report(page):
    """axe-core's WCAG 2.2 A/AA violations on the page loaded in `page`, as a report ('' if none)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else ""
