"""Helpers for tests across apps."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(xml_body):
    """The paths a sitemap.xml body lists, in order."""
    tree = ET.fromstring(xml_body)  # noqa: S314 - our own sitemap
    return [urlparse(loc.text).path for loc in tree.findall("s:url/s:loc", SITEMAP_NS)]
