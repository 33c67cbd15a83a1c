"""The glossary page and the learning paths.

The tests build their own terms, guides and paths; one test checks the demo glossary as a whole
(site-wide)."""

import pytest
from bs4 import BeautifulSoup

from guides.models import LearningPathIndexPage
from home.tests.factories import section

from .factories import glossary_page, make_guide, make_path, make_term

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def path_nav(client, guide, path):
    return soup(client.get(guide.url, {"parcours": path.slug})).select_one("nav.path-nav")


@pytest.fixture
def guides():
    return [make_guide(f"Guide {n} du parcours de test") for n in range(1, 6)]


@pytest.fixture
def path(guides):
    return make_path(guides, title="Parcours de test en cinq guides")


def test_glossary_terms_have_a_definition_and_an_anchor(client):
    terms = [
        make_term("Zorbex", definition="Un code de 27 caractères qui commence par FR."),
        make_term("Quintaplume", definition="Un mot inventé pour les tests."),
    ]
    page = soup(client.get(glossary_page().url))
    dfns = page.select("main dfn")
    ids = [dfn.find_parent(id=True)["id"] for dfn in dfns]
    assert len(set(ids)) == len(ids)
    for term in terms:
        entry = page.find(id=term.slug)
        assert entry.find("dfn").get_text() == term.term
        assert term.definition in entry.dd.get_text()


def test_demo_glossary_has_at_least_15_definitions(client, demo_site):
    """Site-wide check of the demo content: its glossary explains the usual words."""
    page = soup(client.get(glossary_page().url))
    dfns = page.select("main dfn")
    assert len(dfns) >= 15
    terms = {dfn.get_text() for dfn in dfns}
    for expected in ["RIB", "IBAN", "FranceConnect", "Hameçonnage", "Pièce jointe", "Numéro fiscal"]:
        assert expected in terms
    entry = page.find(id="iban")
    assert "FR" in entry.dd.get_text()


def test_path_page_lists_its_guides_in_order_with_step_numbers(client, guides, path):
    page = soup(client.get(path.url))
    items = page.select("main ol.path-steps > li")
    assert [li.select_one(".path-step__number").get_text() for li in items] == [
        f"Étape {n} sur 5" for n in range(1, 6)
    ]
    links = [li.a for li in items]
    assert [a.get_text() for a in links] == [guide.title for guide in guides]
    assert links[1]["href"] == f"{guides[1].url}?parcours={path.slug}"


def test_guide_in_a_path_shows_step_and_previous_next(client, guides, path):
    nav = path_nav(client, guides[1], path)
    assert "Étape 2 sur 5" in nav.get_text(" ", strip=True)
    assert nav.select_one('a[rel="prev"]')["href"] == f"{guides[0].url}?parcours={path.slug}"
    assert nav.select_one('a[rel="next"]')["href"] == f"{guides[2].url}?parcours={path.slug}"


def test_first_and_last_steps_of_a_path(client, guides, path):
    first = path_nav(client, guides[0], path)
    assert "Étape 1 sur 5" in first.get_text()
    assert first.select_one('a[rel="prev"]') is None
    last = path_nav(client, guides[4], path)
    assert "Étape 5 sur 5" in last.get_text()
    assert last.select_one('a[rel="next"]') is None
    assert "Parcours terminé" in last.get_text()


def test_a_guide_shared_by_two_paths_follows_the_requested_one(client, guides, path):
    other = make_path([make_guide(), guides[1], make_guide()], title="Un autre parcours de test")
    assert "Étape 2 sur 3" in path_nav(client, guides[1], other).get_text()
    assert "Étape 2 sur 5" in path_nav(client, guides[1], path).get_text()


def test_paths_index_lists_paths(client, path):
    other = make_path([make_guide()], title="Un autre parcours de test")
    page = soup(client.get(section(LearningPathIndexPage).url))
    titles = [a.get_text() for a in page.select("main .cards a")]
    assert path.title in titles and other.title in titles
    assert titles.index(path.title) < titles.index(other.title)  # in the editors' order
