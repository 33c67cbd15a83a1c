"""Orientation (/trouver-de-l-aide/): a need and a place give local partners, remote services
and the clubs nearby, on a slip a mediator can print."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from locations import geo
from locations.models import TerritoryPage
from partners.models import PartnerPage
from partners.orientation import NEEDS, get_need, nearest_help_points, orient

from .factories import add_partner, territory

pytestmark = pytest.mark.django_db
URL = "/trouver-de-l-aide/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_names(html, heading):
    """Partner names listed under the h3 `heading` of the slip."""
    title = html.find("h3", string=heading)
    if title is None:
        return None
    listing = title.find_next_sibling()
    if listing.name != "ul":
        return []
    return [h4.get_text(strip=True) for h4 in listing.find_all("h4")]


def alert(html):
    box = html.find(attrs={"role": "alert"})
    return box.get_text(" ", strip=True) if box else ""


# --- Needs ------------------------------------------------------------------------------------


def test_every_need_has_plain_words_and_known_kinds():
    from partners.help_kinds import CODES

    assert {kind for need in NEEDS for kind in need.kinds} == set(CODES)
    for need in NEEDS:
        assert need.label and need.explanation.endswith(".")


def test_help_kind_codes_are_accepted_as_needs():
    assert get_need("materiel").code == "ordinateur-pas-cher"
    assert get_need("demarches").code == "demarche"
    assert get_need("banque-budget").label == "Gérer mon budget ou ma banque"
    assert get_need("inconnu") is None


# --- Need and place -------------------------------------------------------------------------


def test_same_commune_first_then_same_department_then_remote(client, demo_site):
    html = soup(client.get(URL, {"besoin": "apprendre-ordinateur", "ou": "Lisieux"}))
    assert section_names(html, "Près de chez vous") == [
        "Médiathèque : ateliers numériques",  # Lisieux itself
        "Ressourcerie informatique solidaire",  # Caen, same department
    ]
    # The national phone line; the Marseille association works remotely too.
    assert section_names(html, "À distance, partout en France") == [
        "Association Accès pour tous",
        "Ligne d'aide au numérique",
    ]
    status = html.find(attrs={"role": "status"}).get_text(" ", strip=True)
    assert status == "2 partenaires près de Lisieux, 2 services à distance et 1 club de médiateurs."


def test_partners_of_another_department_are_not_local(client, demo_site):
    html = soup(client.get(URL, {"besoin": "demarche", "ou": "66000"}))
    local = section_names(html, "Près de chez vous")
    assert local == ["CCAS de Perpignan", "Espace de vie sociale du quartier Saint-Jacques"]
    assert "Maison des solidarités de Saint-Denis" not in html.get_text()


def test_need_narrows_the_partners(client, demo_site):
    html = soup(client.get(URL, {"besoin": "ordinateur-pas-cher", "ou": "13003"}))
    assert section_names(html, "Près de chez vous") == ["Point internet solidaire"]


def test_nearest_help_points_are_the_clubs_of_the_area(client, demo_site):
    html = soup(client.get(URL, {"besoin": "demarche", "ou": "Saint-Lô"}))
    points = html.find("h3", string="Les clubs de médiateurs").find_next("ul")
    assert points.find("a", href="/lieux/face-normandie/").get_text() == "FACE Normandie"
    assert points.find("a", href="/lieux/?ou=Saint-L%C3%B4")


def test_nearest_help_points_function(demo_site):
    points = nearest_help_points(geo.resolve_area("50"))
    assert [p.title for p in points] == ["FACE Normandie"]
    assert points[0].directory_url == "/lieux/?ou=50"
    assert nearest_help_points(geo.resolve_area("75")) == []


def test_place_without_club_or_partner_still_answers(client, demo_site):
    html = soup(client.get(URL, {"besoin": "budget-banque", "ou": "75011"}))
    text = html.find("section", id="fiche").get_text(" ", strip=True)
    assert "Nous ne connaissons pas encore de partenaire" in text
    assert "Aucun club de médiateurs ne couvre encore ce département" in text


def test_place_without_need_lists_every_local_partner(client, demo_site):
    html = soup(client.get(URL, {"ou": "66"}))
    assert len(section_names(html, "Près de chez vous")) == 2
    assert "Choisissez un besoin" in html.find(class_="slip__prompt").get_text()


# --- Prefilled need (links from guides) -------------------------------------------------------


@pytest.mark.parametrize("code", ["internet-moins-cher", "internet"])
def test_need_alone_preselects_it_and_shows_remote_partners_and_a_prompt(client, demo_site, code):
    add_partner(territory("mediance-13"), "box-solidaire", "Box solidaire", kinds="internet")
    html = soup(client.get(URL, {"besoin": code}))
    checked = html.find("input", attrs={"name": "besoin", "checked": True})
    assert checked["value"] == "internet-moins-cher"
    assert html.find("input", id="ou")["value"] == ""
    assert section_names(html, "Près de chez vous") is None
    assert section_names(html, "À distance, partout en France") == ["Box solidaire"]
    prompt = html.find(class_="slip__prompt")
    assert "écrivez votre commune" in prompt.get_text() and prompt.find("a", href="#ou")
    assert not alert(html)


def test_empty_form_shows_only_the_questions(client, demo_site):
    html = soup(client.get(URL))
    assert html.find("form", class_="orientation-form")["method"] == "get"
    assert html.find("legend").get_text(strip=True) == "1. De quoi avez-vous besoin ?"
    assert len(html.find_all("input", attrs={"name": "besoin", "type": "radio"})) == len(NEEDS)
    assert html.find("label", attrs={"for": "ou"})
    assert html.find(id="fiche") is None and not alert(html)


# --- Hostile or unknown parameters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"besoin": "voler-la-lune"}, "Nous ne connaissons pas ce besoin"),
        ({"ou": "Atlantide"}, "Nous ne trouvons pas la commune « Atlantide »"),
        ({"ou": "x" * 10_000}, "Ce lieu est trop long"),
        ({"ou": "99999"}, "Le code postal 99999 n'existe pas"),
        ({"ou": "\x00\x00"}, "Indiquez une commune"),
        ({"ou": "<script>alert(1)</script>"}, "Nous ne trouvons pas la commune"),
        ({"besoin": "demarche\x00<b>"}, "Nous ne connaissons pas ce besoin"),
    ],
)
def test_hostile_parameters_get_an_escaped_french_message(client, demo_site, query, message):
    response = client.get(URL, query)
    assert response.status_code == 200
    html = soup(response)
    assert message in alert(html)
    assert b"<script>alert" not in response.content and b"\x00" not in response.content


def test_valid_need_is_kept_when_the_place_is_unknown(client, demo_site):
    html = soup(client.get(URL, {"besoin": "demarche", "ou": "Atlantide"}))
    assert "Atlantide" in alert(html)
    assert html.find("input", attrs={"name": "besoin", "checked": True})["value"] == "demarche"
    assert html.find("input", id="ou")["value"] == "Atlantide"
    assert section_names(html, "À distance, partout en France") == ["Ligne d'aide au numérique"]


def test_valid_place_is_kept_when_the_need_is_unknown(client, demo_site):
    html = soup(client.get(URL, {"besoin": "zzz", "ou": "Lisieux"}))
    assert "ce besoin" in alert(html)
    assert "Médiathèque : ateliers numériques" in section_names(html, "Près de chez vous")


def test_repeated_parameters_use_the_first_usable_value(client, demo_site):
    html = soup(client.get(URL + "?besoin=&besoin=materiel&besoin=demarche&ou=&ou=Caen&ou=Lisieux"))
    assert not alert(html)
    assert html.find("input", attrs={"name": "besoin", "checked": True})["value"] == "ordinateur-pas-cher"
    assert html.find("dt", string="Lieu").find_next("dd").get_text() == "Caen"


def test_orient_never_sends_visitor_text_to_the_database(demo_site):
    with CaptureQueriesContext(connection) as queries:
        orient(QueryDict("besoin=demarche&ou=%27%3B+DROP+TABLE+x%3B--"), PartnerPage.objects.live())
    assert not any("DROP" in query["sql"] for query in queries)


# --- The printable slip -----------------------------------------------------------------------


def test_slip_has_need_place_date_partners_and_a_notes_box(client, demo_site):
    html = soup(client.get(URL, {"besoin": "budget-banque", "ou": "Saint-Lô"}))
    slip = html.find("section", id="fiche")
    assert slip.h2.get_text() == "Fiche d'orientation"
    summary = dict(
        zip(
            [dt.get_text() for dt in slip.find("dl", class_="slip__summary").find_all("dt")],
            [dd.get_text() for dd in slip.find("dl", class_="slip__summary").find_all("dd")],
            strict=True,
        )
    )
    assert summary["Besoin"] == "Gérer mon budget ou ma banque"
    assert summary["Lieu"] == "Saint-Lô"
    assert summary["Date"].split()[-1].isdigit()
    partner = slip.find("h4", string="Point conseil budget").find_parent("li")
    details = partner.get_text(" ", strip=True)
    assert "8 rue de la Poste" in details and "50000 Saint-Lô" in details and "sur rendez-vous" in details
    assert partner.find("a", href="tel:0261910056")
    assert slip.find(class_="slip__notes").h3.get_text() == "Notes du médiateur"


def test_print_button_is_progressive_enhancement_without_inline_script(client, demo_site):
    response = client.get(URL, {"besoin": "demarche", "ou": "Caen"})
    html = soup(response)
    button = html.find("button", id="imprimer-fiche")
    assert button.has_attr("hidden") and button["type"] == "button"
    assert "Ctrl" in html.find(id="imprimer-astuce").get_text()
    scripts = html.find_all("script")
    assert all(script.get("src") for script in scripts), "inline scripts are blocked by the CSP"
    assert any(script["src"].endswith("js/orientation-print.js") for script in scripts)
    assert html.find("link", href=lambda href: href and href.endswith("css/partners.css"))


def test_query_count_does_not_grow_with_the_number_of_partners(
    client, demo_site, django_assert_max_num_queries
):
    query = {"besoin": "apprendre-ordinateur", "ou": "Lisieux"}
    client.get(URL, query)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, query)
    normandie = territory("face-normandie")
    for number in range(20):
        add_partner(normandie, f"atelier-{number}", f"Atelier {number}", postcode="14100", commune="Lisieux")
        add_partner(normandie, f"ligne-{number}", f"Ligne {number}")
    with django_assert_max_num_queries(len(few)):
        html = soup(client.get(URL, query))
    assert len(section_names(html, "Près de chez vous")) == 22


def test_orientation_lists_the_nearest_places_with_their_next_sessions(client, demo_site):
    html = BeautifulSoup(
        client.get("/trouver-de-l-aide/", {"besoin": "demarche", "ou": "Bréhal"}).content, "html.parser"
    )
    places = html.select(".orientation-places > li")
    assert places, "a visitor in Bréhal must be sent to a permanence"
    assert "Bréhal" in places[0].h4.get_text()
    assert "50290" in places[0].get_text()
    assert "Prochaines permanences" in places[0].get_text()
    assert len(places) <= 3


def test_territory_page_lists_its_places_and_its_partners(client, demo_site):
    normandie = TerritoryPage.objects.get(slug="face-normandie")
    html = BeautifulSoup(client.get(normandie.url).content, "html.parser")
    headings = [h.get_text() for h in html.select("main h2")]
    assert "Nos lieux de permanence" in headings and "Nos partenaires près de chez vous" in headings
    links = {a.get_text() for a in html.select("main .card a")}
    partners = {p.title for p in PartnerPage.objects.live().child_of(normandie)}
    assert partners and partners <= links
    assert "Bréhal" in " ".join(links)
