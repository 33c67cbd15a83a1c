"""Issue 31: the handout's place picker lists the places nearest a postcode or commune the
mediator types first (a plain GET form, no geolocation); a wrong one is said in French and
every other choice is kept."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from guides.tests.factories import make_guide
from locations.tests.factories import make_place, make_territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    """Places in Lisieux, Caen and Marseille (no coordinates: their commune's centre counts)."""
    club = make_territory(departments="13, 14")
    return {
        "lisieux": make_place(club, title="Maison France Services de Lisieux"),
        "caen": make_place(club, title="Mairie de Caen", postcode="14000", insee="14118", commune="Caen"),
        "marseille": make_place(
            club, title="Bureau de poste de Marseille", postcode="13001", insee="13201", commune="Marseille"
        ),
    }


def picker(client, guide, **query):
    response = client.get(guide.url, query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("#fiche-options")


def order(form, places):
    """Our places' keys in the order the select offers them."""
    slugs = [option["value"] for option in form.select("select[name=lieu] option")]
    return sorted(places, key=lambda key: slugs.index(places[key].slug))


def test_places_nearest_the_postcode_come_first_and_it_says_so(client, places):
    guide = make_guide()
    form = picker(client, guide, ou="14100")
    assert order(form, places) == ["lisieux", "caen", "marseille"]
    assert "Les plus proches de 14100" in form.select_one("select[name=lieu] optgroup")["label"]
    assert form.select_one("input[name=ou]")["value"] == "14100"
    assert order(picker(client, guide, ou="Marseille"), places) == ["marseille", "lisieux", "caen"]
    assert order(picker(client, guide, ou="Caen"), places)[0] == "caen"


def test_the_form_sorts_on_this_page_without_script_and_prints_from_the_same_choices(client, places):
    guide = make_guide()
    form = picker(client, guide).select_one("form")
    assert form["method"] == "get" and form["action"] == guide.url + "fiche.pdf"
    sort = form.select_one("button[formaction]")
    assert sort["formaction"] == guide.url + "#fiche-options"
    # The sort button comes first: Enter in the postcode field sorts rather than prints.
    assert form.select("button")[0] is sort
    assert "open" not in picker(client, guide).attrs


def test_a_wrong_postcode_is_said_in_french_and_the_other_choices_are_kept(client, places):
    guide = make_guide()
    form = picker(client, guide, ou="99999", lieu=places["caen"].slug, gros="1")
    assert form.has_attr("open")
    field = form.select_one("input[name=ou]")
    assert field["aria-invalid"] == "true" and field["value"] == "99999"
    message = form.select_one(f"#{field['aria-describedby']}").get_text(" ", strip=True)
    assert "Le code postal 99999 n'existe pas" in message
    assert form.select_one("option[selected]")["value"] == places["caen"].slug
    assert form.select_one("input[name=gros]").has_attr("checked")


def test_a_misspelt_commune_offers_the_right_one_keeping_the_choices(client, places):
    guide = make_guide()
    form = picker(client, guide, ou="lisieu", lieu=places["caen"].slug)
    suggestion = form.select_one("#fiche-ou-erreur a")
    assert suggestion.get_text() == "Lisieux"
    url = urlsplit(suggestion["href"])
    assert url.path == guide.url and url.fragment == "fiche-options"
    assert parse_qs(url.query) == {"ou": ["Lisieux"], "lieu": [places["caen"].slug]}
    assert order(picker(client, guide, **parse_qs(url.query)), places)[0] == "lisieux"
