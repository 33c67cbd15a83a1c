"""Guide pages as a visitor sees them.

Each test builds its own guides, terms, topics and paths; the demo content stays in the
database, so lists shared with it (the guides index, the sitemap) are checked on our own entries
only. The last test is a site-wide check of the demo guides."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GuideIndexPage, GuidePage, LearningPathIndexPage, RelatedGuide
from home.jsonld import script_json
from home.tests.factories import section, unique
from locations.models import LocationIndexPage
from partners.models import OrientationPage

from .factories import (
    glossary_page,
    make_guide,
    make_image,
    make_path,
    make_term,
    make_topic,
    step,
    tip,
    warning,
)

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_titles(html):
    return [a.get_text() for a in html.select("main .cards a")]


def republish(page, **fields):
    """Change fields of a live page and publish it again, as an editor would."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def tag(guide, *organisations):
    guide.tags.add(*organisations)
    guide.save_revision().publish()
    return GuidePage.objects.get(pk=guide.pk)


@pytest.fixture
def terms():
    """Two glossary words found nowhere else (the demo's words stay out of our text)."""
    return [
        make_term("Zorbex", definition="Un code inventé pour les tests."),
        make_term("Quintaplume", definition="Un autre mot inventé.", variants="quintaplumes"),
    ]


@pytest.fixture
def guide(terms):
    """A full guide: checklist, five steps (the last followed by a tip), two related guides,
    glossary words used twice each, a need for the orientation and a review date."""
    related = [make_guide("Un guide lié d'abord"), make_guide("Un guide lié ensuite")]
    return make_guide(
        "Ajouter un bénéficiaire de test",
        steps=[
            step("Ouvrez l'application", "Touchez l'icône de votre banque."),
            step("Allez dans « Virements »", "Cherchez le menu en bas de l'écran."),
            step("Choisissez « Ajouter »", "Le bouton est en haut à droite."),
            step("Gardez votre Zorbex", "Le Zorbex est sur la feuille. Un quintaplumes aussi."),
            step(
                "Recopiez le Zorbex et la Quintaplume", "Vérifiez le Zorbex deux fois, la Quintaplume aussi."
            ),
            tip("Vous pouvez aussi photographier la feuille."),
        ],
        duration_minutes=10,
        level="debutant",
        before_you_start="Le RIB de la personne\nVotre téléphone",
        help_need="budget-banque",
        reviewed_on=datetime.date(2026, 11, 2),
        related_guides=[RelatedGuide(guide=g, sort_order=i) for i, g in enumerate(related)],
    )


def test_steps_render_as_an_ordered_list_in_order(client, guide):
    expected = [block.value["title"] for block in guide.steps if block.block_type == "step"]
    page = soup(client.get(guide.url))
    items = page.select("main ol.guide-steps > li")
    titles = [li.h3.get_text(" ", strip=True).split(" : ", 1)[1] for li in items]
    assert titles == expected
    assert len(items) == 5
    # Tips and warnings stay inside the step they belong to.
    assert items[4].select_one("aside.guide-note").get_text(strip=True).startswith("Astuce")
    assert not any(li.select_one("aside.guide-note") for li in items[:4])


def test_guide_shows_facts_checklist_help_and_review_date(client, guide):
    page = soup(client.get(guide.url))
    facts = page.select_one("dl.guide-facts").get_text(" ", strip=True)
    assert "Pour qui" in facts and "10 minutes environ" in facts and "Débutant" in facts
    assert [li.get_text() for li in page.select(".guide-checklist li")] == [
        "Le RIB de la personne",
        "Votre téléphone",
    ]
    stuck = page.select_one(".guide-stuck")
    hrefs = [a["href"] for a in stuck.select("a")]
    assert section(LocationIndexPage).url in hrefs
    assert f"{section(OrientationPage).url}?besoin=budget-banque" in hrefs
    assert " ".join(page.select_one(".guide-review").get_text().split()) == "Vérifié le 2 novembre 2026."
    assert [a.get_text() for a in page.select("#lies + ul a")] == [
        "Un guide lié d'abord",
        "Un guide lié ensuite",
    ]


def test_images_have_alt_text_and_decorative_ones_are_empty(client):
    photo, frieze = make_image("Téléphone et feuille"), make_image("Frise")
    guide = make_guide(
        steps=[
            step(
                "Posez la feuille", "Sur une table.", image=photo, alt="Un téléphone au-dessus d'une feuille"
            ),
            step("Prenez la photo", "Appuyez sur le bouton."),
            step("Rangez la feuille", image=frieze, alt="Une frise", decorative=True),
        ]
    )
    page = soup(client.get(guide.url))
    alts = [img["alt"] for img in page.select("main img")]
    assert alts == ["Un téléphone au-dessus d'une feuille", ""]  # the decorative frieze is silent


def test_howto_jsonld_is_valid_json_with_the_steps(client, guide):
    response = client.get(guide.url)
    scripts = soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "HowTo" and data["name"] == "Ajouter un bénéficiaire de test"
    assert [step["position"] for step in data["step"]] == [1, 2, 3, 4, 5]
    assert data["step"][4]["name"] == "Recopiez le Zorbex et la Quintaplume"
    assert data["step"][4]["url"].endswith(f"{guide.url}#etape-5")
    assert data["totalTime"] == "PT10M"
    # The CSP still refuses inline scripts: JSON-LD is data, never executed.
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_jsonld_cannot_close_its_script_element():
    guide = make_guide()
    guide.title = "</script><script>alert(1)</script>"
    payload = script_json(guide.howto_jsonld())
    assert "</script>" not in payload
    assert json.loads(payload)["name"] == guide.title


def test_glossary_terms_in_steps_link_to_their_definition_once(client, guide, terms):
    glossary = glossary_page()
    page = soup(client.get(guide.url))
    links = [a["href"] for a in page.select("main .guide-steps a.glossary-link")]
    assert sorted(links) == sorted(f"{glossary.url}#{term.slug}" for term in terms)
    glossary_html = soup(client.get(glossary.url))
    for href in links:
        assert glossary_html.find(id=href.split("#")[1]).find("dfn")


def test_a_guide_page_is_light(client, terms):
    """A long guide (ten illustrated steps, notes, related guides, in a path) stays under 40 kB."""
    image = make_image()
    steps = []
    for n in range(1, 11):
        steps.append(
            step(
                f"Faites l'action numéro {n}",
                "Regardez bien l'écran. Le Zorbex est affiché en haut. Touchez le bouton bleu.",
                image=image,
                alt=f"L'écran à l'étape {n}",
            )
        )
        steps.append(
            tip("Prenez votre temps, rien ne presse.") if n % 2 else warning("Ne donnez jamais votre code.")
        )
    related = [make_guide(), make_guide()]
    guide = make_guide(
        steps=steps,
        before_you_start="Votre téléphone\nVotre code\nUn papier et un crayon",
        related_guides=[RelatedGuide(guide=g, sort_order=i) for i, g in enumerate(related)],
    )
    path = make_path([related[0], guide, related[1]])
    response = client.get(guide.url, {"parcours": path.slug})
    assert b"path-nav" in response.content
    assert len(response.content) < 40_000


def test_garbage_path_parameter_is_ignored(client):
    guide, other = make_guide(), make_guide()
    path = make_path([other, guide])
    elsewhere = make_path([other])  # a real path without this guide
    assert b"path-nav" in client.get(guide.url, {"parcours": path.slug}).content
    for value in ["<script>", "x" * 5000, "%00", "nexiste-pas", elsewhere.slug]:
        response = client.get(guide.url, {"parcours": value})
        assert response.status_code == 200
        assert b"path-nav" not in response.content


@pytest.fixture
def guide_in_path(guide):
    """Our full guide (with an illustration added) as step 2 of a three-guide path."""
    guide = republish(
        guide, steps=[*guide.steps.raw_data, step("Regardez l'écran", image=make_image(), alt="L'écran")]
    )
    path = make_path([make_guide(), guide, make_guide()])
    return guide, f"{guide.url}?parcours={path.slug}"


# 20 -> 22 with translations: Wagtail's serve view finds the active locale to route in (one
# query), and the page's language versions (switcher, hreflang, <html lang>) are one more.
# 22 -> 23: the steps' pictures are renditions, all prefetched in one query whatever their number.
GUIDE_QUERIES = 23


def test_query_count_is_small_and_independent_of_the_number_of_steps(client, guide_in_path):
    guide, url = guide_in_path
    client.get(url)  # warm caches (content types, site root paths)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    republish(guide, steps=list(guide.steps.raw_data) * 3)
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(soup(response).select("ol.guide-steps > li")) == 18
    assert len(after) == len(before)
    assert len(after) <= GUIDE_QUERIES


def test_query_count_is_bounded(client, guide_in_path, django_assert_max_num_queries):
    _guide, url = guide_in_path
    client.get(url)
    with django_assert_max_num_queries(GUIDE_QUERIES):
        client.get(url)


@pytest.fixture
def topics():
    """Two topics of ours, the second shown first (sort order), each with its guides; the
    "Tortue" guides are tagged with an organisation of ours."""
    last = make_topic("Thème Lièvre", sort_order=901)
    first = make_topic("Thème Tortue", sort_order=900)
    organisation = unique("Organisme")
    guides = {
        "Aaa guide du lièvre": last,
        "Zzz guide de la tortue": first,
        "Mmm guide de la tortue": first,
    }
    made = {title: make_guide(title, topic=topic) for title, topic in guides.items()}
    for title in ["Zzz guide de la tortue", "Mmm guide de la tortue"]:
        tag(made[title], organisation)
    return first, last, organisation


def test_guides_index_lists_topics_and_filters_by_organisation(client, topics):
    first, last, organisation = topics
    url = section(GuideIndexPage).url
    page = soup(client.get(url))
    ours = [
        h2.get_text() for h2 in page.select("main section h2") if h2.get_text() in {first.name, last.name}
    ]
    assert ours == ["Thème Tortue", "Thème Lièvre"]  # by the topics' order, not the guides' titles
    tortoise = next(h2 for h2 in page.select("main section h2") if h2.get_text() == first.name)
    assert card_titles(tortoise.find_parent("section")) == [
        "Mmm guide de la tortue",
        "Zzz guide de la tortue",
    ]
    everything = card_titles(page)
    # The French index lists the French guides (their translations have their own index).
    assert len(everything) == GuidePage.objects.live().public().filter(locale__language_code="fr").count()
    filtered = soup(client.get(url, {"organisme": organisation.lower()}))
    assert card_titles(filtered) == ["Mmm guide de la tortue", "Zzz guide de la tortue"]
    unknown = client.get(url, {"organisme": "<x>" * 100})
    assert unknown.status_code == 200
    assert card_titles(soup(unknown)) == everything


def test_sitemap_lists_guides_paths_and_glossary(client):
    from home.testing import sitemap_paths

    guide = make_guide()
    path = make_path([guide])
    paths = sitemap_paths(client.get("/sitemap.xml").content)
    for page in [section(GuideIndexPage), guide, section(LearningPathIndexPage), path, glossary_page()]:
        assert page.url in paths


def test_every_guide_stuck_link_opens_orientation_with_its_need_chosen(client, demo_site):
    """Site-wide check of the demo content: every live guide's "Trouver d'autres aides" link opens
    the orientation with the guide's need already chosen."""
    orientation = section(OrientationPage).url
    for guide in GuidePage.objects.live():
        stuck = soup(client.get(guide.url)).select_one(".guide-stuck")
        link = next(a["href"] for a in stuck.select("a") if a["href"].startswith(orientation))
        html = soup(client.get(link))
        assert not html.find(attrs={"role": "alert"}), (guide.title, link)
        checked = html.find("input", attrs={"name": "besoin", "checked": True})
        assert checked is not None and link.endswith(checked["value"]), (guide.title, link)
