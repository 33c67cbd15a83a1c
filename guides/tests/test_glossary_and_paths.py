"""The glossary page and the learning paths."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PATH = "premiers-pas-avec-la-banque-en-ligne"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_glossary_has_at_least_15_definitions_with_ids(client, demo_site):
    page = soup(client.get("/glossaire/"))
    dfns = page.select("main dfn")
    assert len(dfns) >= 15
    ids = [dfn.find_parent(id=True)["id"] for dfn in dfns]
    assert len(set(ids)) == len(ids)
    terms = {dfn.get_text() for dfn in dfns}
    for expected in ["RIB", "IBAN", "FranceConnect", "Hameçonnage", "Pièce jointe", "Numéro fiscal"]:
        assert expected in terms
    entry = page.find(id="iban")
    assert "FR" in entry.dd.get_text()


def test_path_page_lists_its_guides_in_order_with_step_numbers(client, demo_site):
    page = soup(client.get(f"/parcours/{PATH}/"))
    items = page.select("main ol.path-steps > li")
    assert [li.select_one(".path-step__number").get_text() for li in items] == [
        f"Étape {n} sur 5" for n in range(1, 6)
    ]
    links = [li.a for li in items]
    assert links[0].get_text() == "Consulter ses comptes en ligne"
    assert links[1]["href"] == f"/guides/securiser-son-acces-a-la-banque/?parcours={PATH}"


def test_guide_in_a_path_shows_step_and_previous_next(client, demo_site):
    page = soup(client.get("/guides/securiser-son-acces-a-la-banque/", {"parcours": PATH}))
    nav = page.select_one("nav.path-nav")
    assert "Étape 2 sur 5" in nav.get_text(" ", strip=True)
    assert (
        nav.select_one('a[rel="prev"]')["href"] == f"/guides/consulter-ses-comptes-en-ligne/?parcours={PATH}"
    )
    assert nav.select_one('a[rel="next"]')["href"] == f"/guides/telecharger-un-rib/?parcours={PATH}"


def test_first_and_last_steps_of_a_path(client, demo_site):
    first = soup(client.get("/guides/consulter-ses-comptes-en-ligne/", {"parcours": PATH}))
    assert "Étape 1 sur 5" in first.select_one("nav.path-nav").get_text()
    assert first.select_one('nav.path-nav a[rel="prev"]') is None
    last = soup(client.get("/guides/faire-un-virement/", {"parcours": PATH}))
    nav = last.select_one("nav.path-nav")
    assert "Étape 5 sur 5" in nav.get_text()
    assert nav.select_one('a[rel="next"]') is None
    assert "Parcours terminé" in nav.get_text()


def test_a_guide_shared_by_two_paths_follows_the_requested_one(client, demo_site):
    page = soup(
        client.get("/guides/securiser-son-acces-a-la-banque/", {"parcours": "se-proteger-des-arnaques"})
    )
    assert "Étape 2 sur 3" in page.select_one("nav.path-nav").get_text()


def test_paths_index_lists_paths(client, demo_site):
    page = soup(client.get("/parcours/"))
    titles = [a.get_text() for a in page.select("main .cards a")]
    assert "Premiers pas avec la banque en ligne" in titles
    assert "Mes démarches sociales en ligne" in titles
