"""Helpers for tests across apps."""

import io
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from django.test import Client
from pypdf import PdfReader

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
    """Every page of a live site's sitemap (its index followed to each section), plus the
    extra pages above."""

    def fetch(path):
        with urllib.request.urlopen(f"{base_url}{path}") as response:  # noqa: S310 - our live server
            return response.read()

    return sitemap_paths(fetch("/sitemap.xml"), fetch) + EXTRA_PATHS


def _local_path(url):
    parts = urlparse(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_paths(xml_body, fetch=None):
    """The paths a sitemap.xml body lists, in order. A sitemap index is followed to each of its
    sitemaps, fetched by `fetch(path)` (by default with Django's test client: same database)."""
    tree = ET.fromstring(xml_body)  # noqa: S314 - our own sitemap
    sitemaps = [loc.text for loc in tree.findall("s:sitemap/s:loc", SITEMAP_NS)]
    if sitemaps:
        fetch = fetch or (lambda path: Client().get(path).content)
        return [path for url in sitemaps for path in sitemap_paths(fetch(_local_path(url)), fetch)]
    return [urlparse(loc.text).path for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]


def sitemap_urls(client, path="/sitemap.xml"):
    """Every <loc> of the sitemap index and of each sitemap it lists, as written (full URLs)."""
    tree = ET.fromstring(client.get(path).content)  # noqa: S314 - our own sitemap
    sitemaps = [loc.text for loc in tree.findall("s:sitemap/s:loc", SITEMAP_NS)]
    pages = [loc.text for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]
    return sitemaps + pages + [u for url in sitemaps for u in sitemap_urls(client, _local_path(url))]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def axe_report(page):
    """axe-core's WCAG 2.2 A/AA violations on the page loaded in `page`, as a report ('' if none)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else ""


def axe_and_reflow_failures(page, base_url, paths):
    """For each path: axe's violations at 1280 px, then horizontal scrolling at 320 px ([] if none)."""
    failures = []
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base_url + path)
        report = axe_report(page)
        if report:
            failures.append(f"--- {path}\n{report}")
        page.set_viewport_size({"width": 320, "height": 640})
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            failures.append(f"--- {path}: {width}px wide at 320 px")
    return failures


A4_POINTS = (595.28, 841.89)


def poster_problems(page, base_url, path, link_name, text_ok):
    """Open `path` in Chromium, follow its poster link `link_name` and list what is wrong with the
    poster: axe violations, not exactly one A4 page when printed, or text that `text_ok(text)`
    refuses ([] when nothing is)."""
    page.goto(base_url + path)
    page.get_by_role("link", name=link_name).click()
    assert page.url == base_url + path + "affiche/"
    problems = []
    report = axe_report(page)
    if report:
        problems.append(f"--- {path}affiche/\n{report}")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    width, height = A4_POINTS
    if len(pdf.pages) != 1 or abs(float(box.width) - width) > 1 or abs(float(box.height) - height) > 1:
        problems.append(f"{path}affiche/: {len(pdf.pages)} pages of {box.width}×{box.height} pt")
    text = " ".join(pdf.pages[0].extract_text().split())
    if not text_ok(text):
        problems.append(f"{path}affiche/: poster text missing: {text[:200]}")
    return problems
