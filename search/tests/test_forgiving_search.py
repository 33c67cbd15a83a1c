"""Search that forgives: spelling from the site's own words, all words first, title first.

The unit tests build their own words; the last test is a site-wide check on the demo."""

import pytest
from bs4 import BeautifulSoup

from search.expansion import expand
from search.french import stems
from search.ranking import Fields, query_terms, rank
from search.spelling import correct, distance, vocabulary


def test_distance_counts_typos_and_transpositions():
    assert distance("virment", "virement", 2) == 1
    assert distance("cheqier", "chequier", 2) == 1
    assert distance("viremnet", "virement", 2) == 1  # two letters swapped
    assert distance("banque", "virement", 2) == 3  # over the limit


def test_only_unknown_words_are_corrected_from_the_vocabulary():
    counts = vocabulary(["Faire un virement", "Commander un chéquier", "Les virements reçus"])
    known = frozenset(s for word in counts for s in stems(word))
    assert correct("virment", counts, known) == ("virement", [("virment", "virement")])
    assert correct("cheqier", counts, known)[0] == "chequier"
    assert correct("virements", counts, known) == ("virements", [])  # a form of a known word
    assert correct("caf", counts, known) == ("caf", [])  # too short to guess
    assert correct("zzzzzzzz", counts, known) == ("zzzzzzzz", [])


def test_a_french_word_is_never_corrected_into_a_site_word():
    counts = vocabulary(["Faire la file d'attente", "Un relevé", "Faire un virement"])
    known = frozenset(s for word in counts for s in stems(word))
    # « fille » is one typo from the site's « file », but it is French: left as typed.
    assert correct("virement a ma fille", counts, known) == ("virement a ma fille", [])
    assert correct("releve identite", counts, known) == ("releve identite", [])  # accents left out
    assert correct("virment", counts, known)[1] == [("virment", "virement")]  # a typo still is


def test_a_glossary_word_and_its_expansion_search_each_other():
    groups = [["RIB", "relevé d'identité bancaire", "relevés d'identité bancaire"]]
    assert "rib" in expand("releve identite bancaire", groups)  # no accents, no « d' »
    assert "releve identite bancaire" in expand("telecharger un RIB", groups)[1]


def test_all_words_first_then_title_then_summary():
    pages = {
        "body only": Fields.of("Autre", "", "virement fille"),
        "one word in title": Fields.of("Faire un virement", "", ""),
        "both words, title": Fields.of("Un virement à sa fille", "", ""),
        "summary": Fields.of("Ajouter un bénéficiaire", "pour faire un virement", ""),
    }
    order = rank(list(pages), query_terms(["comment faire un virement a ma fille"]), pages.get)
    assert order == ["both words, title", "body only", "one word in title", "summary"]


def test_spoken_french_stop_words_do_not_sink_a_query():
    assert query_terms(["comment faire un virement a ma fille"]) == [tuple(stems("virement fille"))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("virment", "Faire un virement"),
        ("cheqier", "Commander un chéquier"),
        ("comment faire un virement a ma fille", "Faire un virement"),
        ("mot de passe oublié banque", "Sécuriser son accès à la banque"),
        ("caf", "Déclarer ses ressources à la CAF"),
        ("releve identite bancaire", "Télécharger un RIB"),  # accent-free, the glossary's expansion
        ("telecharger rib", "Télécharger un RIB"),  # accent-free, the abbreviation
    ],
)
def test_demo_searches_find_the_right_guide_first(client, demo_site, typed, first):
    html = BeautifulSoup(client.get("/recherche/", {"q": typed}).content, "html.parser")
    found = [a.get_text(strip=True) for a in html.select(".search-results a")]
    assert found and found[0] == first, found[:5]
    summary = html.select_one(".search-results li p")
    assert summary is not None and summary.get_text(strip=True)


@pytest.mark.django_db
def test_a_misspelt_word_gets_a_suggestion(client, demo_site):
    html = BeautifulSoup(client.get("/recherche/", {"q": "virment"}).content, "html.parser")
    assert "Vouliez-vous dire : virement ?" in html.select_one(".search-correction").get_text(" ", strip=True)


@pytest.mark.django_db
def test_correct_french_is_not_corrected_and_workshops_are_ateliers_with_their_sessions(client, demo_site):
    html = BeautifulSoup(
        client.get("/recherche/", {"q": "comment faire un virement a ma fille"}).content, "html.parser"
    )
    assert html.select_one(".search-correction") is None  # no « … a ma file »
    html = BeautifulSoup(client.get("/recherche/", {"q": "atelier banque en ligne"}).content, "html.parser")
    workshops = [
        li
        for li in html.select(".search-results li")
        if "Banque en ligne : les premiers pas" in li.get_text()
    ]
    assert workshops, "l'atelier n'est pas trouvé"
    item = workshops[0]
    assert item.select_one(".search-results__type").get_text(strip=True) == "Ateliers"
    snippet = item.find("p").get_text()
    assert "Atelier collectif à Lisieux" in snippet
    page = BeautifulSoup(client.get(item.find("a")["href"]).content, "html.parser")
    sessions = int(snippet.split("(")[1].split(" séances")[0])
    assert len(page.select(".workshop__sessions > li")) == sessions  # one count for snippet and page
