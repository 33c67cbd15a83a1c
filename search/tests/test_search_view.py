"""The public search: French matching, synonyms, promotions, zero results, hostile input."""

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.demo_loader import create_page
from home.models import HomePage, StandardPage
from search.models import SearchOutcome, SynonymGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(demo_site):
    home = HomePage.objects.get()
    create_page(home, StandardPage, "virement", title="Faire un virement", intro="Envoyer de l'argent.")
    create_page(home, StandardPage, "chequier", title="Commander un chéquier", intro="Recevoir des chèques.")
    create_page(
        home, StandardPage, "rib", title="Télécharger son relevé d'identité bancaire", intro="Le document."
    )
    draft = create_page(home, StandardPage, "brouillon", title="Virement secret en brouillon")[0]
    draft.unpublish()
    SynonymGroup.objects.update_or_create(term="RIB", defaults={"equivalents": "relevé d'identité bancaire"})


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".search-results a")]


def test_plural_finds_singular(client, pages):
    assert "Faire un virement" in titles(client.get("/recherche/", {"q": "virements"}))


def test_accents_are_optional(client, pages):
    assert "Commander un chéquier" in titles(client.get("/recherche/", {"q": "chequier"}))


def test_acronym_finds_full_name(client, pages):
    assert "Télécharger son relevé d'identité bancaire" in titles(client.get("/recherche/", {"q": "RIB"}))


def test_only_live_public_pages_are_found(client, pages):
    assert "Virement secret en brouillon" not in titles(client.get("/recherche/", {"q": "virement"}))


def test_editors_pick_is_shown_first(client, pages):
    query = Query.get("argent")
    SearchPromotion.objects.create(query=query, page=Page.objects.get(slug="virement"), sort_order=0)
    html = BeautifulSoup(client.get("/recherche/", {"q": "argent"}).content, "html.parser")
    assert html.select_one(".promotions a").get_text(strip=True) == "Faire un virement"


def test_zero_result_page_offers_a_way_on_and_is_reported(client, pages):
    response = client.get("/recherche/", {"q": "xylophone"})
    html = BeautifulSoup(response.content, "html.parser")
    assert "Aucun résultat" in html.find(attrs={"role": "status"}).get_text()
    hrefs = {a["href"] for a in html.select("main .cards a")}
    assert {"/guides/", "/trouver-de-l-aide/", "/lieux/"} <= hrefs
    assert SearchOutcome.objects.get(query__query_string="xylophone").result_count == 0


def test_personal_numbers_are_not_stored(client, pages):
    client.get("/recherche/", {"q": "virement 0612345678"})
    stored = list(Query.objects.values_list("query_string", flat=True))
    assert not any("0612345678" in q for q in stored)


def test_results_are_paginated(client, pages):
    home = HomePage.objects.get()
    for n in range(12):
        create_page(home, StandardPage, f"tutoriel-{n}", title=f"Tutoriel zorglub {n}")
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


def test_one_search_covers_guides_places_partners_and_glossary(client, demo_site):
    html = BeautifulSoup(client.get("/recherche/", {"q": "virement"}).content, "html.parser")
    kinds = {span.get_text(strip=True) for span in html.select(".search-results__type")}
    assert {"Guides", "Glossaire"} <= kinds
    glossary_link = next(
        a["href"] for a in html.select(".search-results a") if a["href"].startswith("/glossaire/")
    )
    assert glossary_link.startswith("/glossaire/#")
    place = BeautifulSoup(client.get("/recherche/", {"q": "Bréhal"}).content, "html.parser")
    assert "France Services de Bréhal" in [a.get_text(strip=True) for a in place.select(".search-results a")]


def test_type_filter_keeps_only_that_kind(client, demo_site):
    html = BeautifulSoup(
        client.get("/recherche/", {"q": "virement", "type": "glossaire"}).content, "html.parser"
    )
    kinds = {span.get_text(strip=True) for span in html.select(".search-results__type")}
    assert kinds == {"Glossaire"}


def test_search_still_answers_when_statistics_cannot_be_written(client, pages, monkeypatch):
    from django.db import OperationalError
    from wagtail.contrib.search_promotions.models import Query as PromotionQuery

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PromotionQuery, "add_hit", locked)
    response = client.get("/recherche/", {"q": "virement"})
    assert response.status_code == 200
    assert "Faire un virement" in titles(response)
