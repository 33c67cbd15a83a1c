"""What a reader of one language meets on a page: links to another language's pages and text in
another script, each with or without `lang` marking. Used by test_language_marking."""

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Doctype

ARABIC = re.compile("[\u0600-\u06ff]")
LATIN = re.compile("[A-Za-zÀ-ÿ]")
SKIPPED = {"script", "style", "template", "noscript"}
# An address is in no language: it only needs its left-to-right isolate (<bdi dir="ltr">).
ADDRESS = re.compile(r"^(https?://|www\.)\S+$")


def language_of_path(path):
    """The language of the page at `path`: /en/… English, /ar/… Arabic, French elsewhere."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in ("en", "ar") else "fr"


def declared(element):
    """The `lang` of the element's nearest ancestor (itself included) that has one."""
    while element is not None:
        if getattr(element, "attrs", None) and element.get("lang"):
            return element["lang"].split("-")[0]
        element = element.parent
    return ""


def script_of(text):
    """ "ar" for text in Arabic script only, "latin" for Latin letters only, else ""."""
    arabic, latin = bool(ARABIC.search(text)), bool(LATIN.search(text))
    if arabic and not latin:
        return "ar"
    if latin and not arabic:
        return "latin"
    return ""


def problems(html, url):
    """[(kind, detail)] of the page `html` served at `url`: internal links to another language's
    page not marked with that language, and text nodes of another script than their declared
    language."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for link in soup.select("a[href]"):
        href = urlsplit(link["href"])
        if href.scheme or href.netloc or not href.path.startswith("/"):
            continue
        if href.path.startswith(("/static/", "/media/", "/admin/", "/documents/")):
            continue
        target = language_of_path(href.path)
        if declared(link) != target and link.get("hreflang", "").split("-")[0] != target:
            found.append(("link", f"{link['href']} « {link.get_text(' ', strip=True)} » in {declared(link)}"))
    for text in soup.find_all(string=True):
        if isinstance(text, Comment | Doctype) or not isinstance(text, NavigableString):
            continue
        if text.parent is None or text.parent.name in SKIPPED or not text.strip():
            continue
        if ADDRESS.match(text.strip()) and text.parent.name == "bdi" and text.parent.get("dir") == "ltr":
            continue
        script = script_of(text)
        language = declared(text.parent)
        if (script == "ar" and language != "ar") or (script == "latin" and language == "ar"):
            found.append(("text", f"« {text.strip()[:60]} » in lang={language}"))
    return found
