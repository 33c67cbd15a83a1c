"""The public search: French matching, synonyms, promotions, zero results, hostile input.

Each test builds the pages it searches for; words the demo may also contain are checked with
"contains", and grouping is checked on a word ("quetzal") that only the test's own content has.
One site-wide check reads the demo (see its docstring)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from guides.models import GlossaryTerm, GuideIndexPage, GuidePage
from guides.tests.factories import glossary_page, make_guide, make_term
from home.models import StandardPage
from home.tests.factories import home_page, publish
from locations.models import LocationIndexPage, LocationPage
from locations.tests.factories import make_place, make_territory
from partners.models import OrientationPage, PartnerPage
from partners.tests.factories import add_partner
from search import hits
from search.models import SearchOutcome, SynonymGroup

pytestmark = pytest.mark.django_db


def standard_page(title, intro=""):
    return publish(StandardPage(title=title, intro=intro), home_page())


@pytest.fixture
def pages():
    """Three banking pages, a draft, and the RIB synonym; returns the transfer page.

    The demo has banking guides too: titles name Tombouctou so a result is surely ours."""
    transfer = standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    standard_page("Commander un chéquier à Tombouctou", "Recevoir des chèques.")
    standard_page("Télécharger son relevé d'identité bancaire de Tombouctou", "Le document.")
    standard_page("Virement secret en brouillon").unpublish()
    SynonymGroup.objects.update_or_create(term="RIB", defaults={"equivalents": "relevé d'identité bancaire"})
    return transfer


def titles_of(html):
    return [a.get_text(strip=True) for a in html.select(".search-results a")]


def titles(response):
    return titles_of(BeautifulSoup(response.content, "html.parser"))


def test_plural_finds_singular(client, pages):
    assert "Faire un virement vers Tombouctou" in titles(
        client.get("/recherche/", {"q": "virements Tombouctou"})
    )


def test_accents_are_optional(client, pages):
    assert "Commander un chéquier à Tombouctou" in titles(
        client.get("/recherche/", {"q": "chequier tombouctou"})
    )


def test_acronym_finds_full_name(client, pages):
    assert "Télécharger son relevé d'identité bancaire de Tombouctou" in titles(
        client.get("/recherche/", {"q": "RIB Tombouctou"})
    )


def test_only_live_public_pages_are_found(client, pages):
    standard_page("Virement secret publié")
    found = titles(client.get("/recherche/", {"q": "virement secret"}))
    assert "Virement secret publié" in found and "Virement secret en brouillon" not in found


def test_editors_pick_is_shown_first(client, pages):
    query = Query.get("argent")
    SearchPromotion.objects.create(query=query, page=pages, sort_order=0)
    html = BeautifulSoup(client.get("/recherche/", {"q": "argent"}).content, "html.parser")
    assert html.select_one(".promotions a").get_text(strip=True) == "Faire un virement vers Tombouctou"


def test_zero_result_page_offers_a_way_on_and_is_reported(client, pages):
    response = client.get("/recherche/", {"q": "xylophone"})
    html = BeautifulSoup(response.content, "html.parser")
    assert "Aucun résultat" in html.find(attrs={"role": "status"}).get_text()
    hrefs = {a["href"] for a in html.select("main .cards a")}
    sections = (GuideIndexPage, OrientationPage, LocationIndexPage)
    assert {model.objects.live().first().url for model in sections} <= hrefs
    hits.flush()  # what each server process does every minute
    assert SearchOutcome.objects.get(query__query_string="xylophone").result_count == 0


def test_personal_numbers_are_not_stored(client, pages):
    client.get("/recherche/", {"q": "virement 0612345678"})
    hits.flush()
    stored = list(Query.objects.values_list("query_string", flat=True))
    assert any(q.startswith("virement") for q in stored)
    assert not any("0612345678" in q for q in stored)


def test_results_are_paginated(client):
    for n in range(12):
        standard_page(f"Tutoriel zorglub {n}")
    first = client.get("/recherche/", {"q": "zorglub"})
    second = client.get("/recherche/", {"q": "zorglub", "page": "2"})
    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert set(titles(first)) | set(titles(second)) == {f"Tutoriel zorglub {n}" for n in range(12)}
    assert "Page 2 sur 2" in second.content.decode()


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "a" * 10_000}, 400),
        ({"q": "vire\x00ment"}, 200),
        ({"q": "<script>alert(1)</script>"}, 200),
        ({"q": "virement", "page": "abc"}, 200),
        ({"q": "virement", "page": "-5"}, 200),
        ({"q": "virement", "page": "99999"}, 200),
        ({"q": "virement", "type": "<b>x</b>"}, 200),
        ({"q": "' OR 1=1 --"}, 200),
        ({"q": "%%%"}, 200),
    ],
)
def test_hostile_queries_never_fail(client, pages, params, status):
    response = client.get("/recherche/", params)
    assert response.status_code == status
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<b>x</b>" not in body


def test_unanswered_searches_report_for_editors(client, pages, django_user_model):
    client.get("/recherche/", {"q": "xylophone"})
    client.get("/recherche/", {"q": "virement"})
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "pw")
    client.force_login(admin)
    body = client.get("/admin/reports/recherches-sans-resultat/").content.decode()
    assert "xylophone" in body and "virement" not in body


@pytest.fixture
def quetzal():
    """A guide, a place, a partner and a glossary term that all say "quetzal"; returns the term."""
    make_guide("Payer en quetzals à l'étranger")
    club = make_territory("Club du Périgord", departments="24")
    make_place(club, "Espace quetzal", postcode="24000", insee="24322", commune="Périgueux")
    add_partner(club, "quetzal", "Association Quetzal", postcode="24000", commune="Périgueux")
    return make_term("Quetzal", definition="La monnaie du Guatemala.")


def kinds(html):
    return {span.get_text(strip=True) for span in html.select(".search-results__type")}


def test_one_search_covers_guides_places_partners_and_glossary(client, quetzal):
    html = BeautifulSoup(client.get("/recherche/", {"q": "quetzal"}).content, "html.parser")
    assert kinds(html) == {"Guides", "Lieux", "Partenaires et aides", "Glossaire"}
    assert set(titles_of(html)) == {
        "Payer en quetzals à l'étranger",
        "Espace quetzal",
        "Association Quetzal",
        "Quetzal",
    }
    glossary = glossary_page().url
    glossary_link = next(
        a["href"] for a in html.select(".search-results a") if a["href"].startswith(glossary)
    )
    assert glossary_link == f"{glossary}#{quetzal.slug}"


def test_a_place_is_found_by_its_commune(client, quetzal):
    html = BeautifulSoup(client.get("/recherche/", {"q": "Périgueux"}).content, "html.parser")
    assert "Espace quetzal" in titles_of(html)


def test_type_filter_keeps_only_that_kind(client, quetzal):
    html = BeautifulSoup(
        client.get("/recherche/", {"q": "quetzal", "type": "glossaire"}).content, "html.parser"
    )
    assert kinds(html) == {"Glossaire"}
    assert titles_of(html) == ["Quetzal"]


def test_the_whole_site_is_searchable(client, demo_site):
    """Site-wide check on the loaded content (the demo): whatever built the site left every kind of
    page and the glossary in the search index. No slug is assumed: the first of each kind is searched."""
    for model, group in ((GuidePage, "guides"), (LocationPage, "lieux"), (PartnerPage, "partenaires")):
        page = model.objects.live().public().order_by("path").first()
        assert page is not None, f"no live {model.__name__} on the site"
        html = BeautifulSoup(
            client.get("/recherche/", {"q": page.title, "type": group}).content, "html.parser"
        )
        assert page.title in titles_of(html), page.title
    term = GlossaryTerm.objects.filter(locale__language_code="fr").order_by("term").first()
    assert term is not None, "no glossary term on the site"
    html = BeautifulSoup(
        client.get("/recherche/", {"q": term.term, "type": "glossaire"}).content, "html.parser"
    )
    assert term.term in titles_of(html)


def test_search_still_answers_when_statistics_cannot_be_written(client, pages, monkeypatch):
    """Past the queries a process may hold (a flood), a search is written at once: a refused
    write is logged and skipped, the visitor gets their results."""
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr("search.hits.MAX_QUERIES", 0)
    monkeypatch.setattr("search.hits.write", locked)
    response = client.get("/recherche/", {"q": "virement Tombouctou"})
    assert response.status_code == 200
    assert "Faire un virement vers Tombouctou" in titles(response)
