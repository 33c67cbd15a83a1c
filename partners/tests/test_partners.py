"""The partner directory and partner pages, as a visitor and a club see them.

Each test builds its own clubs and partners; the directory is read filtered on them."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.page_cache import bump_generation
from locations.tests.factories import make_territory
from partners import help_kinds
from partners.directory import kind_q
from partners.fields import HelpKindsFormField
from partners.models import PartnerIndexPage, PartnerPage

from .factories import add_partner

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    """(territory heading, [partner names]) in the order the page shows them."""
    main = soup(response).find("main")
    return [
        (h2.get_text(strip=True), [a.get_text(strip=True) for a in h2.find_next("ul").select("a.card__link")])
        for h2 in main.find_all("h2")
    ]


def status(response):
    return soup(response).find(attrs={"role": "status"}).get_text(" ", strip=True)


def alert(response):
    box = soup(response).find(attrs={"role": "alert"})
    return box.get_text(" ", strip=True) if box else ""


# --- The vocabulary and the model ---------------------------------------------------------


def test_vocabulary_has_url_codes_and_french_labels():
    assert help_kinds.CODES == ("formation", "materiel", "internet", "demarches", "banque-budget", "handicap")
    assert help_kinds.get_kind("materiel").label == "Matériel à prix solidaire"
    assert help_kinds.get_kind("nope") is None
    assert help_kinds.serialise_codes(["internet", "zzz", "formation", "internet"]) == "formation internet"


def test_admin_checkboxes_round_trip_the_stored_codes():
    field = HelpKindsFormField(required=True)
    assert field.clean(["demarches", "formation"]) == "formation demarches"
    assert field.prepare_value("formation demarches") == ["formation", "demarches"]
    assert not field.has_changed("formation demarches", ["demarches", "formation"])
    with pytest.raises(ValidationError):
        field.clean(["pirate"])


@pytest.fixture
def club():
    return make_territory("Club de Bayeux", departments="14")


@pytest.fixture
def other_club():
    return make_territory("Club de Perpignan", departments="66")


@pytest.fixture
def directory_url():
    return PartnerIndexPage.objects.live().first().url


def test_partner_needs_an_address_or_remote_and_a_kind():
    partner = PartnerPage(title="Sans adresse", slug="sans-adresse", help_kinds="")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "help_kinds" in error.value.message_dict and "postcode" in error.value.message_dict


def test_partner_insee_is_filled_from_postcode_and_commune(club):
    partner = add_partner(club, "atelier-bayeux", "Atelier", postcode="14400", commune="Bayeux")
    assert partner.insee == "14047"
    wrong = PartnerPage(title="X", slug="x", help_kinds="formation", postcode="14400", commune="Caen")
    with pytest.raises(ValidationError, match="n'a pas le code postal 14400"):
        wrong.full_clean()


def test_partners_only_live_under_a_territory():
    assert PartnerPage.parent_page_types == ["locations.TerritoryPage"]
    assert PartnerPage.subpage_types == []


def test_kind_filter_matches_whole_codes_only(other_club):
    add_partner(other_club, "a", "A", kinds="internet banque-budget", postcode="66000", commune="Perpignan")
    mine = PartnerPage.objects.child_of(other_club)
    assert set(mine.filter(kind_q("banque-budget")).values_list("title", flat=True)) == {"A"}
    assert not PartnerPage.objects.filter(kind_q("banque")).exists()
    assert not PartnerPage.objects.filter(kind_q("budget")).exists()


# --- the directory --------------------------------------------------------------------------


@pytest.fixture
def partners(club, other_club):
    """Two clubs: Bayeux with three partners, Perpignan with two."""
    add_partner(
        club, "zeta", "Zeta informatique", kinds="materiel formation", postcode="14400", commune="Bayeux"
    )
    add_partner(club, "alpha", "Alpha démarches", kinds="demarches", postcode="14400", commune="Bayeux")
    add_partner(club, "ligne", "Ligne d'aide", kinds="demarches internet", is_remote=True)
    add_partner(other_club, "ccas", "CCAS", kinds="demarches", postcode="66000", commune="Perpignan")
    add_partner(other_club, "reemploi", "Réemploi", kinds="materiel", postcode="66000", commune="Perpignan")
    return club, other_club


def test_directory_lists_every_partner_grouped_by_territory(client, partners, directory_url):
    club, other_club = partners
    groups = dict(listed(client.get(directory_url)))
    # Clubs in the order of the page tree, partners by name within their club.
    titles = [title for title, _ in listed(client.get(directory_url))]
    assert titles.index(club.title) < titles.index(other_club.title)
    assert groups[club.title] == ["Alpha démarches", "Ligne d'aide", "Zeta informatique"]
    assert groups[other_club.title] == ["CCAS", "Réemploi"]
    total = PartnerPage.objects.live().count()
    assert sum(len(names) for names in groups.values()) == total
    assert status(client.get(directory_url)).startswith(f"{total} partenaires")


def test_filter_by_kind_and_territory(client, partners, directory_url):
    club, _other = partners
    response = client.get(directory_url, {"aide": "materiel", "territoire": club.slug})
    assert listed(response) == [(club.title, ["Zeta informatique"])]
    assert status(response).startswith("1 partenaire pour « Matériel à prix solidaire »")
    assert f"dans le territoire {club.title}" in status(response)
    assert soup(response).find("option", selected=True)["value"] == "materiel"


def test_filter_by_kind_across_clubs(client, partners, directory_url):
    response = client.get(directory_url, {"aide": "materiel"})
    names = {name for _, group in listed(response) for name in group}
    assert {"Zeta informatique", "Réemploi"} <= names
    assert "Alpha démarches" not in names and "CCAS" not in names


def test_unpublished_partners_are_not_listed(client, partners, directory_url):
    club, _other = partners
    PartnerPage.objects.get(slug="alpha").unpublish()
    assert listed(client.get(directory_url, {"territoire": club.slug})) == [
        (club.title, ["Ligne d'aide", "Zeta informatique"])
    ]


def test_no_result_says_so_and_offers_the_full_list(client, partners, directory_url):
    _club, other_club = partners
    response = client.get(directory_url, {"aide": "handicap", "territoire": other_club.slug})
    assert status(response).startswith("Aucun partenaire")
    assert soup(response).find("main").find("a", string="voyez tous les partenaires")


def test_filter_form_works_without_javascript(client, directory_url):
    form = soup(client.get(directory_url)).find("form", class_="filters")
    assert form["method"] == "get"
    for name in ("aide", "territoire"):
        select = form.find("select", attrs={"name": name})
        assert form.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert form.find("button", type="submit")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"aide": "pirate"}, "ce type d'aide"),
        ({"aide": "<script>alert(1)</script>"}, "ce type d'aide"),
        ({"aide": "formation\x00"}, ""),  # NUL bytes are dropped: a plain known code remains
        ({"territoire": "atlantide"}, "ce territoire"),
        ({"territoire": "x" * 10_000}, "ce territoire"),
        ({"aide": ["zzz", "materiel"]}, "ce type d'aide"),
    ],
)
def test_hostile_parameters_get_a_french_message_and_no_error(client, directory_url, query, message):
    response = client.get(directory_url, query)
    assert response.status_code == 200
    assert message in alert(response)
    assert b"<script>alert" not in response.content


def test_valid_filter_is_kept_next_to_an_unknown_one(client, partners, directory_url):
    response = client.get(directory_url, {"aide": "materiel", "territoire": "<b>nulle-part</b>"})
    assert "ce territoire" in alert(response)
    names = {name for _, group in listed(response) for name in group}
    assert {"Zeta informatique", "Réemploi"} <= names and "CCAS" not in names


def test_repeated_parameters_keep_the_first_known_value(client, directory_url):
    response = client.get(directory_url, {"aide": ["handicap", "materiel"]})
    assert alert(response) == ""
    assert "Accessibilité / handicap" in status(response)


def test_query_count_does_not_grow_with_the_number_of_partners(
    client, partners, directory_url, django_assert_max_num_queries
):
    client.get(directory_url)  # warm caches (site root paths)
    bump_generation()  # but measure a real render, not the page cache
    with CaptureQueriesContext(connection) as few:
        client.get(directory_url)
    for club in (*partners, make_territory(departments="13")):
        for number in range(10):
            add_partner(club, f"p-{club.slug}-{number}", f"Partenaire {number}", kinds="formation internet")
    bump_generation()
    with django_assert_max_num_queries(len(few)):
        response = client.get(directory_url)
    assert status(response).startswith(f"{PartnerPage.objects.live().count()} partenaires")


# --- A partner's page -------------------------------------------------------------------------


def test_partner_page_shows_contact_as_links(client, club):
    partner = add_partner(
        club,
        "ressourcerie",
        "Ressourcerie informatique solidaire",
        kinds="materiel formation",
        street="12 rue du Réemploi",
        postcode="14000",
        commune="Caen",
        phone="02 61 91 00 12",
        email="contact@ressourcerie.example.org",
        website="https://ressourcerie.example.org/",
        hours="Mardi et jeudi, de 14 h à 18 h.",
    )
    html = soup(client.get(partner.url))
    assert html.h1.get_text() == "Ressourcerie informatique solidaire"
    assert html.find("a", href="tel:0261910012").get_text() == "02 61 91 00 12"
    assert html.find("a", href="mailto:contact@ressourcerie.example.org")
    assert html.find("a", href="https://ressourcerie.example.org/")
    details = html.find("dl", class_="partner-details").get_text(" ", strip=True)
    assert "12 rue du Réemploi" in details and "14000 Caen" in details and "Mardi et jeudi" in details
    kinds = [li.get_text() for li in html.find("ul", class_="partner-kinds").find_all("li")]
    assert kinds == ["Formation", "Matériel à prix solidaire"]  # vocabulary order
    directory = PartnerIndexPage.objects.live().first().url
    assert html.find("a", href=f"{directory}?territoire={club.slug}")


def test_remote_partner_says_it_works_at_a_distance(client, club):
    partner = add_partner(
        club, "ligne", "Ligne d'aide", kinds="demarches", is_remote=True, phone="01 99 00 00 10"
    )
    html = soup(client.get(partner.url))
    address = html.find("dt", string="Adresse").find_next("dd").get_text(" ", strip=True)
    assert address.startswith("À distance")
    assert html.find("a", href="tel:0199000010")
