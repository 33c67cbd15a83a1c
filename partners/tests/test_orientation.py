"""Orientation (/trouver-de-l-aide/): a need and a place give local partners, remote services
and the clubs nearby, on a slip a mediator can print.

Each test builds its own club, partners and places in Dordogne (24), where the demo has
nothing; remote partners ("à distance") are national, so demo ones may be listed next to ours
and the expected remote lists are read from the database."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from home.page_cache import bump_generation
from locations import geo
from locations.models import LocationIndexPage
from locations.tests.factories import make_place, make_territory
from partners.directory import offering, sort_key
from partners.models import OrientationPage, PartnerPage
from partners.orientation import NEEDS, get_need, nearest_help_points, orient

from .factories import add_partner

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_names(html, heading):
    """Partner names listed under the h3 `heading` of the slip."""
    title = html.find("h3", string=heading)
    if title is None:
        return None
    listing = title.find_next_sibling()
    while listing.name == "p" and "order-note" in listing.get("class", []):
        listing = listing.find_next_sibling()  # « Les plus proches d'abord. »
    if listing.name != "ul":
        return []
    return [h4.get_text(strip=True) for h4 in listing.find_all("h4")]


def alert(html):
    box = html.find(attrs={"role": "alert"})
    return box.get_text(" ", strip=True) if box else ""


def remote_offering(*kinds):
    """Every live remote partner offering one of `kinds` (ours and any other), by name."""
    partners = offering(PartnerPage.objects.live().public().filter(is_remote=True), kinds)
    return [partner.title for partner in sorted(partners, key=sort_key)]


REMOTE = "À distance, partout en France"
LOCAL = "Partenaires dans la Dordogne"


@pytest.fixture
def url():
    return OrientationPage.objects.live().first().url


@pytest.fixture
def club():
    return make_territory("Club du Périgord", departments="24")


# Partners the tests pick from, by slug: in Périgueux, elsewhere in Dordogne, in Agen (47), remote.
PARTNERS = {
    "mediatheque": ("Médiathèque de Périgueux", "formation", {"postcode": "24000", "commune": "Périgueux"}),
    "atelier": ("Atelier de Bergerac", "formation", {"postcode": "24100", "commune": "Bergerac"}),
    "ccas": ("CCAS de Périgueux", "demarches", {"postcode": "24000", "commune": "Périgueux"}),
    "centre-social": ("Centre social de Bergerac", "demarches", {"postcode": "24100", "commune": "Bergerac"}),
    "ressourcerie": (
        "Ressourcerie de Sarlat",
        "materiel",
        {"postcode": "24200", "commune": "Sarlat-la-Canéda"},
    ),
    "budget": (
        "Point conseil budget du Périgord",
        "banque-budget",
        {
            "street": "8 rue de la Poste",
            "postcode": "24000",
            "commune": "Périgueux",
            "conditions": "Gratuit, sur rendez-vous.",
            "phone": "05 53 00 00 56",
        },
    ),
    "agen": ("Cyber-base d'Agen", "formation demarches", {"postcode": "47000", "commune": "Agen"}),
    "ligne": ("Ligne d'aide du Périgord", "formation demarches", {"is_remote": True}),
    "association": ("Association Périgord à distance", "formation", {"is_remote": True}),
}


@pytest.fixture
def add(club):
    """add("ccas", "ligne"): those partners of PARTNERS under the Périgord club, by slug."""

    def add(*slugs):
        made = {}
        for slug in slugs:
            title, kinds, fields = PARTNERS[slug]
            made[slug] = add_partner(club, slug, title, kinds=kinds, **fields)
        return made

    return add


@pytest.fixture
def learning(add):
    """Help to learn the computer: in Périgueux, in Bergerac, and two remote services."""
    return add("mediatheque", "atelier", "ligne", "association")


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


def test_a_need_with_no_partner_in_the_department_shows_the_regions_nearest_first(client, url, add):
    add("agen", "ligne")  # Agen (47) is in Nouvelle-Aquitaine, as Périgueux (24)
    html = soup(client.get(url, {"besoin": "demarche", "ou": "Périgueux"}))
    assert section_names(html, LOCAL) is None
    assert section_names(html, "Partenaires ailleurs en Nouvelle-Aquitaine") == ["Cyber-base d'Agen"]
    assert "pas encore de partenaire pour ce besoin dans la Dordogne" in html.get_text()
    assert "1 partenaire ailleurs en Nouvelle-Aquitaine" in html.find(attrs={"role": "status"}).get_text()


def test_same_commune_first_then_same_department_then_remote(client, url, learning):
    html = soup(client.get(url, {"besoin": "apprendre-ordinateur", "ou": "Périgueux"}))
    assert section_names(html, LOCAL) == [
        "Médiathèque de Périgueux",  # Périgueux itself, although "Atelier" comes first by name
        "Atelier de Bergerac",  # same department
    ]
    remote = section_names(html, REMOTE)
    assert remote == remote_offering("formation")
    ours = [
        name for name in remote if name in {"Association Périgord à distance", "Ligne d'aide du Périgord"}
    ]
    assert ours == ["Association Périgord à distance", "Ligne d'aide du Périgord"]  # by name
    status = html.find(attrs={"role": "status"}).get_text(" ", strip=True)
    assert (
        status
        == f"2 partenaires dans la Dordogne, {len(remote)} services à distance et 1 club de médiateurs."
    )


def test_orient_ranks_local_then_remote_partners(learning, club):
    result = orient(
        QueryDict("besoin=apprendre-ordinateur&ou=P%C3%A9rigueux"), PartnerPage.objects.live().child_of(club)
    )
    assert [p.title for p in result.local_partners] == ["Médiathèque de Périgueux", "Atelier de Bergerac"]
    assert [p.title for p in result.remote_partners] == [
        "Association Périgord à distance",
        "Ligne d'aide du Périgord",
    ]
    assert [point.title for point in result.help_points] == [club.title]


def test_partners_of_another_department_are_not_local(client, url, add):
    add("ccas", "centre-social", "agen")
    html = soup(client.get(url, {"besoin": "demarche", "ou": "24000"}))
    local = section_names(html, LOCAL)
    assert local == ["CCAS de Périgueux", "Centre social de Bergerac"]
    assert "Cyber-base d'Agen" not in html.get_text()


def test_need_narrows_the_partners(client, url, add):
    add("ressourcerie", "ccas", "mediatheque")
    html = soup(client.get(url, {"besoin": "ordinateur-pas-cher", "ou": "24200"}))
    assert section_names(html, LOCAL) == ["Ressourcerie de Sarlat"]


def test_nearest_help_points_are_the_clubs_of_the_area(client, url, club):
    html = soup(client.get(url, {"besoin": "demarche", "ou": "Périgueux"}))
    points = html.find("h3", string="Les clubs de médiateurs").find_next("ul")
    assert points.find("a", href=club.url).get_text() == club.title
    places_url = LocationIndexPage.objects.live().first().url
    assert points.find("a", href=f"{places_url}?ou=P%C3%A9rigueux")


def test_nearest_help_points_function(club):
    points = nearest_help_points(geo.resolve_area("24"))
    assert [p.title for p in points] == [club.title]
    assert points[0].directory_url == f"{LocationIndexPage.objects.live().first().url}?ou=24"
    assert nearest_help_points(geo.resolve_area("47")) == []


def test_place_without_club_or_partner_still_answers(client, url, add):
    add("agen", "budget")
    # Agen (47): our club covers Dordogne only, and our Agen partner offers no budget help.
    html = soup(client.get(url, {"besoin": "budget-banque", "ou": "47000"}))
    text = html.find("section", id="fiche").get_text(" ", strip=True)
    assert "Nous ne connaissons pas encore de partenaire" in text
    assert "Aucun club de médiateurs ne couvre encore ce département" in text


def test_place_without_need_lists_every_local_partner(client, url, add):
    add("mediatheque", "ccas", "ressourcerie", "agen", "ligne")
    html = soup(client.get(url, {"ou": "24"}))
    assert section_names(html, LOCAL) == [
        "CCAS de Périgueux",
        "Médiathèque de Périgueux",
        "Ressourcerie de Sarlat",
    ]
    assert "Choisissez un besoin" in html.find(class_="slip__prompt").get_text()


# --- Prefilled need (links from guides) -------------------------------------------------------


@pytest.mark.parametrize("code", ["internet-moins-cher", "internet"])
def test_need_alone_preselects_it_and_shows_remote_partners_and_a_prompt(client, url, add, club, code):
    add("ligne")
    add_partner(club, "box-solidaire", "Box solidaire", kinds="internet")
    html = soup(client.get(url, {"besoin": code}))
    checked = html.find("input", attrs={"name": "besoin", "checked": True})
    assert checked["value"] == "internet-moins-cher"
    assert html.find("input", id="ou")["value"] == ""
    assert section_names(html, LOCAL) is None
    remote = section_names(html, REMOTE)
    assert "Box solidaire" in remote and remote == remote_offering("internet")
    assert "Ligne d'aide du Périgord" not in remote  # remote, but no internet offer
    prompt = html.find(class_="slip__prompt")
    assert "écrivez votre commune" in prompt.get_text() and prompt.find("a", href="#ou")
    assert not alert(html)


def test_empty_form_shows_only_the_questions(client, url):
    html = soup(client.get(url))
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
def test_hostile_parameters_get_an_escaped_french_message(client, url, query, message):
    response = client.get(url, query)
    assert response.status_code == 200
    html = soup(response)
    assert message in alert(html)
    assert b"<script>alert" not in response.content and b"\x00" not in response.content


def test_valid_need_is_kept_when_the_place_is_unknown_and_no_slip_pretends_to_answer(client, url, add):
    add("ligne", "association")
    html = soup(client.get(url, {"besoin": "demarche", "ou": "Lisieu"}))
    summary = html.find(attrs={"data-error-summary": True})
    assert summary["id"] == "resultats" and summary["tabindex"] == "-1"  # the form's scroll target
    assert summary.find("a", href="#ou") and "Lisieu" in alert(html)
    suggestion = summary.find("a", string="Lisieux")
    assert suggestion and "ou=Lisieux" in suggestion["href"] and "besoin=demarche" in suggestion["href"]
    field = html.find("input", id="ou")
    assert field["value"] == "Lisieu" and field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "ou-aide ou-erreur" and html.find(id="ou-erreur")
    assert html.find("input", attrs={"name": "besoin", "checked": True})["value"] == "demarche"
    assert html.find(id="fiche") is None  # no « Lieu : Non indiqué » slip


def test_an_empty_submission_says_what_is_missing_but_a_first_visit_does_not(client, url):
    assert not alert(soup(client.get(url)))
    html = soup(client.get(url, {"envoi": "1", "ou": ""}))
    assert "Choisissez de quoi vous avez besoin" in alert(html)
    first_need = html.find("input", attrs={"name": "besoin"})["id"]
    assert html.find(attrs={"data-error-summary": True}).find("a", href=f"#{first_need}")
    assert html.find(id="fiche") is None
    assert not alert(soup(client.get(url)))  # the first visit was not cached with the error


def test_valid_place_is_kept_when_the_need_is_unknown(client, url, add):
    add("mediatheque")
    html = soup(client.get(url, {"besoin": "zzz", "ou": "Périgueux"}))
    assert "ce besoin" in alert(html)
    assert html.find("input", id="ou")["value"] == "Périgueux" and html.find(id="fiche") is None


@pytest.mark.parametrize("need, other_spelling", [("demarche", "demarches"), ("banque", "zzz")])
def test_the_same_question_is_answered_from_the_shared_cache(client, url, add, need, other_spelling):
    """Whoever asks the same need (or any unknown one) at the same place gets the answer
    without a database query; a shared public computer's browser still keeps nothing."""
    add("mediatheque")
    first = client.get(url, {"besoin": need, "ou": "Périgueux"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"besoin": other_spelling, "ou": "perigueux"})
    assert len(queries) == 0
    assert again.content == first.content
    assert "no-store" in again["Cache-Control"]


def test_repeated_parameters_use_the_first_usable_value(client, url):
    html = soup(client.get(url + "?besoin=&besoin=materiel&besoin=demarche&ou=&ou=Bergerac&ou=Périgueux"))
    assert not alert(html)
    assert html.find("input", attrs={"name": "besoin", "checked": True})["value"] == "ordinateur-pas-cher"
    assert html.find("dt", string="Lieu").find_next("dd").get_text() == "Bergerac"


def test_orient_never_sends_visitor_text_to_the_database():
    with CaptureQueriesContext(connection) as queries:
        orient(QueryDict("besoin=demarche&ou=%27%3B+DROP+TABLE+x%3B--"), PartnerPage.objects.live())
    assert not any("DROP" in query["sql"] for query in queries)


# --- The printable slip -----------------------------------------------------------------------


def test_slip_has_need_place_date_partners_and_a_notes_box(client, url, add):
    add("budget")
    html = soup(client.get(url, {"besoin": "budget-banque", "ou": "Périgueux"}))
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
    assert summary["Lieu"] == "Périgueux"
    assert summary["Date"].split()[-1].isdigit()
    partner = slip.find("h4", string="Point conseil budget du Périgord").find_parent("li")
    details = partner.get_text(" ", strip=True)
    assert "8 rue de la Poste" in details and "24000 Périgueux" in details and "sur rendez-vous" in details
    assert partner.find("a", href="tel:0553000056")
    assert slip.find(class_="slip__notes").h3.get_text() == "Notes du médiateur"


def test_print_button_is_progressive_enhancement_without_inline_script(client, url):
    response = client.get(url, {"besoin": "demarche", "ou": "Bergerac"})
    html = soup(response)
    button = html.find("button", id="imprimer-fiche")
    assert button.has_attr("hidden") and button["type"] == "button"
    assert "Ctrl" in html.find(id="imprimer-astuce").get_text()
    scripts = html.find_all("script")
    assert all(script.get("src") for script in scripts), "inline scripts are blocked by the CSP"
    assert any(script["src"].endswith("js/orientation-print.js") for script in scripts)
    assert html.find("link", href=lambda href: href and href.endswith("css/partners.css"))


def test_query_count_does_not_grow_with_the_number_of_partners(
    client, url, club, learning, django_assert_max_num_queries
):
    query = {"besoin": "apprendre-ordinateur", "ou": "Périgueux"}
    client.get(url, query)
    bump_generation()  # measure a real render, not the page cache
    with CaptureQueriesContext(connection) as few:
        client.get(url, query)
    for number in range(20):
        add_partner(club, f"atelier-{number}", f"Atelier {number}", postcode="24000", commune="Périgueux")
        add_partner(club, f"ligne-{number}", f"Ligne {number}")
    bump_generation()
    with django_assert_max_num_queries(len(few)):
        html = soup(client.get(url, query))
    assert len(section_names(html, LOCAL)) == 22


# --- Places (permanences) -------------------------------------------------------------------


@pytest.fixture
def places(club):
    """Four permanences of the Périgord club: one in Périgueux, three elsewhere in Dordogne."""
    elsewhere = [
        ("Bergerac", "24100", "24037", "Bergerac"),
        ("Sarlat", "24200", "24520", "Sarlat-la-Canéda"),
        ("Bergerac bis", "24100", "24037", "Bergerac"),
    ]
    made = [
        make_place(club, f"Accueil de {name}", postcode=postcode, insee=insee, commune=commune)
        for name, postcode, insee, commune in elsewhere
    ]
    made.insert(
        0, make_place(club, "Permanence de Périgueux", postcode="24000", insee="24322", commune="Périgueux")
    )
    return made


def test_orientation_lists_the_nearest_places_with_their_next_sessions(client, url, places):
    html = soup(client.get(url, {"besoin": "demarche", "ou": "Périgueux"}))
    found = html.select(".orientation-places > li")
    assert found, "a visitor in Périgueux must be sent to a permanence"
    # Same commune first, although the other places come first by name.
    assert "Périgueux" in found[0].h4.get_text()
    assert "24000" in found[0].get_text()
    assert "Prochaines permanences" in found[0].get_text()
    assert len(found) == 3  # the nearest three of our four


def test_territory_page_lists_its_places_and_its_partners(client, club, learning, places):
    html = soup(client.get(club.url))
    headings = [h.get_text() for h in html.select("main h2")]
    assert "Nos lieux de permanence" in headings and "Nos partenaires près de chez vous" in headings
    links = {a.get_text() for a in html.select("main .card a")}
    assert {p.title for p in learning.values()} <= links
    assert {p.title for p in places} <= links
