"""Every page of every language of the demo: no link to another language's page and no text of
another script without `lang` marking (issue 30). The checker itself is tested first."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from guides.models import GuidePage
from home.scripts import mark_latin
from home.tests.language_crawl import declared, problems
from workshops.models import WorkshopPage

SKIPPED_SUFFIXES = (".pdf", ".ics", ".xml", ".csv", ".json", ".txt", ".svg", ".png")
START = [
    "/recherche/?q=virement",
    "/en/recherche/?q=transfer",
    "/ar/recherche/?q=تحويل",
    "/ar/recherche/?q=virement",
]


def test_the_checker_finds_unmarked_links_and_text():
    page = """<html lang="ar"><body><a href="/guides/x/">Faire un virement</a>
      <a href="/guides/y/" lang="fr" hreflang="fr">Faire un virement</a>
      <a href="/ar/guides/z/">تحويل</a><p>نص <span lang="fr">Virement</span></p>
      <p>Banques</p></body></html>"""
    found = problems(page, "/ar/guides/")
    assert [kind for kind, _detail in found] == ["link", "text", "text"]
    assert "Banques" in found[-1][1]
    french = '<html lang="fr"><body><a href="/ar/guides/z/">تحويل</a></body></html>'
    assert [kind for kind, _detail in problems(french, "/")] == ["link", "text"]


def test_latin_words_on_an_arabic_page_are_marked_french():
    html = 'اختر «تحويل» (« Virement ») <a href="/g/" lang="fr"><b>RIB</b></a> <img alt="Virement">'
    marked = mark_latin(html, "ar")
    assert '(« <span lang="fr" dir="ltr">Virement</span> »)' in marked
    assert '<a href="/g/" lang="fr"><b>RIB</b></a>' in marked  # already marked
    assert '<img alt="Virement">' in marked  # attributes untouched
    assert mark_latin(html, "fr") == html


def _internal(href):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(("/static/", "/media/", "/admin/", "/documents/", "/django-admin/")):
        return None
    if parts.path.endswith(SKIPPED_SUFFIXES):
        return None
    return parts.path


@pytest.mark.django_db
def test_no_page_of_any_language_mixes_languages_unmarked(client, demo_site):
    pages = Page.objects.live().public().filter(depth__gt=1)
    queue = [page.url for page in pages] + START
    languages = {page.locale.language_code for page in pages.select_related("locale")}
    assert {"fr", "en", "ar"} <= languages
    seen, found = set(queue), []
    while queue:
        url = queue.pop()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        found += [(url, kind, detail) for kind, detail in problems(html, url)]
        for link in BeautifulSoup(html, "html.parser").select("a[href]"):
            path = _internal(link["href"])
            if path and path not in seen:
                seen.add(path)
                queue.append(path)
    assert len(seen) > 80
    assert not found, "\n".join(f"{url}: {kind} {detail}" for url, kind, detail in found[:40])


@pytest.mark.django_db
def test_links_lead_to_the_page_in_the_readers_language_when_it_exists(client, demo_site):
    live = Page.objects.live().public()
    translated = {}  # (translation key, language) -> URL
    for page in live.select_related("locale"):
        translated[(page.translation_key, page.locale.language_code)] = page.url
    by_url = {page.url: page for page in live}
    checked = 0
    for page in live.filter(locale__language_code__in=["en", "ar"]).type(GuidePage):
        language = page.locale.language_code
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        for link in html.select("main section[aria-labelledby=lies] a.card__link"):
            target = by_url[link["href"]]
            wanted = translated.get((target.translation_key, language))
            assert link["href"] == (wanted or link["href"]), (page.url, link["href"], wanted)
            if not wanted:
                assert declared(link) == "fr" and "(" in link.find_next_sibling("span").get_text()
            checked += 1
    assert checked
    for workshop in live.type(WorkshopPage):
        html = BeautifulSoup(client.get(workshop.url).content, "html.parser")
        guides = [a["href"] for a in html.select("main a") if "/guides/" in a["href"]]
        assert len(guides) == len(set(guides)), (workshop.url, guides)
        assert not [href for href in guides if href.startswith(("/en/", "/ar/"))], (workshop.url, guides)
