"""Site-wide checks on the demo: the referral slip groups permanences by administrative
geography and never calls a far place "près de"."""

import pytest
from bs4 import BeautifulSoup

from locations.models import LocationPage

pytestmark = pytest.mark.django_db

URL = "/trouver-de-l-aide/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def place_groups(html):
    return [
        (h3.get_text(strip=True), [h4.get_text(strip=True) for h4 in h3.find_next("ul").select("h4")])
        for h3 in html.select("#fiche h3")
        if h3.get_text().startswith("Permanences ")
        and h3.find_next("ul", class_="orientation-places")
        and h3.find_next("ul") is h3.find_next("ul", class_="orientation-places")
    ]


def test_calvados_postcode_first_group_holds_only_calvados_places(client, demo_site):
    html = soup(client.get(URL, {"besoin": "demarche", "ou": "14100"}))
    groups = place_groups(html)
    calvados = {p.title for p in LocationPage.objects.filter(insee__startswith="14")}
    assert groups, "a visitor in Lisieux must be sent to a permanence"
    assert groups[0][0] == "Permanences à Lisieux"
    for _heading, places in groups:
        assert set(places) <= calvados
    assert "près de" not in html.select_one("#fiche").get_text(" ")


def test_paris_postcode_gets_a_plain_answer(client, demo_site):
    html = soup(client.get(URL, {"besoin": "demarche", "ou": "75001"}))
    slip = html.select_one("#fiche").get_text(" ")
    assert "Aucune permanence à Paris pour l'instant" in slip
    assert "près de" not in slip
    assert not html.select(".orientation-places")  # nothing in Île-de-France: no far place listed
