"""Guide pages as a visitor sees them, on the demo site."""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GuidePage
from home.jsonld import script_json

pytestmark = pytest.mark.django_db

GUIDE = "/guides/ajouter-un-beneficiaire/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_steps_render_as_an_ordered_list_in_order(client, demo_site):
    guide = GuidePage.objects.get(slug="ajouter-un-beneficiaire")
    expected = [block.value["title"] for block in guide.steps if block.block_type == "step"]
    page = soup(client.get(GUIDE))
    items = page.select("main ol.guide-steps > li")
    titles = [li.h3.get_text(" ", strip=True).split(" : ", 1)[1] for li in items]
    assert titles == expected
    assert len(items) >= 4
    # Tips and warnings stay inside the step they belong to.
    assert items[4].select_one("aside.guide-note").get_text(strip=True).startswith("Astuce")


def test_guide_shows_facts_checklist_help_and_review_date(client, demo_site):
    page = soup(client.get(GUIDE))
    facts = page.select_one("dl.guide-facts").get_text(" ", strip=True)
    assert "Pour qui" in facts and "10 minutes environ" in facts and "Débutant" in facts
    assert [li.get_text() for li in page.select(".guide-checklist li")][0] == "Le RIB de la personne"
    stuck = page.select_one(".guide-stuck")
    hrefs = [a["href"] for a in stuck.select("a")]
    assert "/lieux/" in hrefs and "/trouver-de-l-aide/?besoin=budget-banque" in hrefs
    assert " ".join(page.select_one(".guide-review").get_text().split()) == "Vérifié le 2 novembre 2026."
    assert [a.get_text() for a in page.select("#lies + ul a")] == ["Faire un virement", "Télécharger un RIB"]


def test_images_have_alt_text_and_decorative_ones_are_empty(client, demo_site):
    page = soup(client.get("/guides/scanner-un-document-avec-son-telephone/"))
    alts = [img["alt"] for img in page.select("main img")]
    assert alts[0].startswith("Un téléphone au-dessus d'une feuille")
    assert alts[-1] == ""  # the decorative frieze


def test_howto_jsonld_is_valid_json_with_the_steps(client, demo_site):
    response = client.get(GUIDE)
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "HowTo" and data["name"] == "Ajouter un bénéficiaire"
    assert [step["position"] for step in data["step"]] == list(range(1, len(data["step"]) + 1))
    assert data["step"][4]["name"] == "Recopiez le nom et l'IBAN"
    assert data["step"][4]["url"].endswith("/guides/ajouter-un-beneficiaire/#etape-5")
    assert data["totalTime"] == "PT10M"
    # The CSP still refuses inline scripts: JSON-LD is data, never executed.
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_jsonld_cannot_close_its_script_element(demo_site):
    guide = GuidePage.objects.get(slug="faire-un-virement")
    guide.title = "</script><script>alert(1)</script>"
    payload = script_json(guide.howto_jsonld())
    assert "</script>" not in payload
    assert json.loads(payload)["name"] == guide.title


def test_glossary_terms_in_steps_link_to_their_definition_once(client, demo_site):
    page = soup(client.get(GUIDE))
    links = [a["href"] for a in page.select("main .guide-steps a.glossary-link")]
    assert "/glossaire/#iban" in links and "/glossaire/#rib" in links
    assert len(links) == len(set(links))
    glossary = soup(client.get("/glossaire/"))
    for href in links:
        assert glossary.find(id=href.split("#")[1]).find("dfn")


def test_a_guide_page_is_light(client, demo_site):
    response = client.get("/guides/reperer-un-message-d-hameconnage/")
    assert len(response.content) < 40_000


def test_garbage_path_parameter_is_ignored(client, demo_site):
    for value in ["<script>", "x" * 5000, "%00", "nexiste-pas", "mes-demarches-sociales-en-ligne"]:
        response = client.get(GUIDE, {"parcours": value})
        assert response.status_code == 200
        assert b"path-nav" not in response.content


def test_query_count_is_small_and_independent_of_the_number_of_steps(client, demo_site):
    url = "/guides/faire-un-virement/?parcours=premiers-pas-avec-la-banque-en-ligne"
    client.get(url)  # warm caches (content types, site root paths)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    guide = GuidePage.objects.get(slug="faire-un-virement")
    guide.steps = list(guide.steps.raw_data) * 3
    guide.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(soup(response).select("ol.guide-steps > li")) == 18
    assert len(after) == len(before)
    assert len(after) <= 20


def test_query_count_is_bounded(client, demo_site, django_assert_max_num_queries):
    url = "/guides/ajouter-un-beneficiaire/?parcours=premiers-pas-avec-la-banque-en-ligne"
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)


def test_guides_index_lists_topics_and_filters_by_organisation(client, demo_site):
    page = soup(client.get("/guides/"))
    assert [h2.get_text() for h2 in page.select("main section h2")] == [
        "Banque en ligne",
        "Démarches en ligne",
        "Sécurité et arnaques",
        "Bien débuter",
    ]
    assert len(page.select("main .cards a")) == 13
    caf = soup(client.get("/guides/", {"organisme": "caf"}))
    titles = {a.get_text() for a in caf.select("main .cards a")}
    assert "Déclarer ses ressources à la CAF" in titles and "Faire un virement" not in titles
    unknown = client.get("/guides/", {"organisme": "<x>" * 100})
    assert unknown.status_code == 200
    assert len(soup(unknown).select("main .cards a")) == 13


def test_sitemap_lists_guides_paths_and_glossary(client, demo_site):
    from home.testing import sitemap_paths

    paths = sitemap_paths(client.get("/sitemap.xml").content)
    for path in ["/guides/", GUIDE, "/parcours/", "/parcours/se-proteger-des-arnaques/", "/glossaire/"]:
        assert path in paths


def test_every_guide_stuck_link_opens_orientation_with_its_need_chosen(client, demo_site):
    from guides.models import GuidePage

    for guide in GuidePage.objects.live():
        stuck = soup(client.get(guide.url)).select_one(".guide-stuck")
        link = next(a["href"] for a in stuck.select("a") if a["href"].startswith("/trouver-de-l-aide/"))
        orientation = soup(client.get(link))
        assert not orientation.find(attrs={"role": "alert"}), (guide.title, link)
        checked = orientation.find("input", attrs={"name": "besoin", "checked": True})
        assert checked is not None and link.endswith(checked["value"]), (guide.title, link)
