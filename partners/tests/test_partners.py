"""The partner directory (/partenaires/) and partner pages, as a visitor and a club see them."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.page_cache import bump_generation
from partners import help_kinds
from partners.directory import kind_q
from partners.fields import HelpKindsFormField
from partners.models import PartnerPage

from .factories import add_partner, territory

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


def test_partner_needs_an_address_or_remote_and_a_kind(demo_site):
    partner = PartnerPage(title="Sans adresse", slug="sans-adresse", help_kinds="")
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "help_kinds" in error.value.message_dict and "postcode" in error.value.message_dict


def test_partner_insee_is_filled_from_postcode_and_commune(demo_site):
    partner = add_partner(
        territory("face-normandie"), "atelier-bayeux", "Atelier", postcode="14400", commune="Bayeux"
    )
    assert partner.insee == "14047"
    wrong = PartnerPage(title="X", slug="x", help_kinds="formation", postcode="14400", commune="Caen")
    with pytest.raises(ValidationError, match="n'a pas le code postal 14400"):
        wrong.full_clean()


def test_partners_only_live_under_a_territory():
    assert PartnerPage.parent_page_types == ["locations.TerritoryPage"]
    assert PartnerPage.subpage_types == []


def test_kind_filter_matches_whole_codes_only(demo_site):
    add_partner(
        territory("mediance-66"),
        "a",
        "A",
        kinds="internet banque-budget",
        postcode="66000",
        commune="Perpignan",
    )
    names = set(PartnerPage.objects.filter(kind_q("banque-budget")).values_list("title", flat=True))
    assert "A" in names
    assert not PartnerPage.objects.filter(kind_q("banque")).exists()
    assert not PartnerPage.objects.filter(kind_q("budget")).exists()


# --- /partenaires/ --------------------------------------------------------------------------


def test_directory_lists_every_partner_grouped_by_territory(client, demo_site):
    groups = listed(client.get("/partenaires/"))
    assert [title for title, _ in groups] == ["FACE Normandie", "Médiance 66", "Médiance 13", "FACE Réunion"]
    normandie = dict(groups)["FACE Normandie"]
    assert normandie == sorted(normandie)  # by name within the club
    assert sum(len(names) for _, names in groups) == PartnerPage.objects.live().count() >= 8
    assert status(client.get("/partenaires/")).startswith(f"{PartnerPage.objects.live().count()} partenaires")


def test_filter_by_kind(client, demo_site):
    response = client.get("/partenaires/", {"aide": "materiel"})
    names = [name for _, group in listed(response) for name in group]
    assert names == ["Ressourcerie informatique solidaire", "Point internet solidaire"]
    assert status(response) == "2 partenaires pour « Matériel à prix solidaire »."
    assert soup(response).find("option", selected=True)["value"] == "materiel"


def test_filter_by_territory_and_kind(client, demo_site):
    response = client.get("/partenaires/", {"aide": "demarches", "territoire": "mediance-66"})
    assert listed(response) == [
        ("Médiance 66", ["CCAS de Perpignan", "Espace de vie sociale du quartier Saint-Jacques"])
    ]
    assert "dans le territoire Médiance 66" in status(response)


def test_unpublished_partners_are_not_listed(client, demo_site):
    PartnerPage.objects.get(slug="ccas-perpignan").unpublish()
    names = [name for _, group in listed(client.get("/partenaires/")) for name in group]
    assert "CCAS de Perpignan" not in names


def test_no_result_says_so_and_offers_the_full_list(client, demo_site):
    response = client.get("/partenaires/", {"aide": "handicap", "territoire": "face-reunion"})
    assert status(response).startswith("Aucun partenaire")
    assert soup(response).find("main").find("a", string="voyez tous les partenaires")


def test_filter_form_works_without_javascript(client, demo_site):
    form = soup(client.get("/partenaires/")).find("form", class_="filters")
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
def test_hostile_parameters_get_a_french_message_and_no_error(client, demo_site, query, message):
    response = client.get("/partenaires/", query)
    assert response.status_code == 200
    assert message in alert(response)
    assert b"<script>alert" not in response.content


def test_valid_filter_is_kept_next_to_an_unknown_one(client, demo_site):
    response = client.get("/partenaires/", {"aide": "materiel", "territoire": "<b>nulle-part</b>"})
    assert "ce territoire" in alert(response)
    names = [name for _, group in listed(response) for name in group]
    assert names == ["Ressourcerie informatique solidaire", "Point internet solidaire"]


def test_repeated_parameters_keep_the_first_known_value(client, demo_site):
    response = client.get("/partenaires/", {"aide": ["handicap", "materiel"]})
    assert alert(response) == ""
    assert "Accessibilité / handicap" in status(response)


def test_query_count_does_not_grow_with_the_number_of_partners(
    client, demo_site, django_assert_max_num_queries
):
    client.get("/partenaires/")  # warm caches (site root paths)
    bump_generation()  # but measure a real render, not the page cache
    with CaptureQueriesContext(connection) as few:
        client.get("/partenaires/")
    for club in ("face-normandie", "mediance-13", "face-reunion"):
        parent = territory(club)
        for number in range(10):
            add_partner(parent, f"p-{club}-{number}", f"Partenaire {number}", kinds="formation internet")
    bump_generation()
    with django_assert_max_num_queries(len(few)):
        response = client.get("/partenaires/")
    assert status(response).startswith(f"{PartnerPage.objects.live().count()} partenaires")


# --- A partner's page -------------------------------------------------------------------------


def test_partner_page_shows_contact_as_links(client, demo_site):
    html = soup(client.get("/lieux/face-normandie/ressourcerie-informatique-caen/"))
    assert html.h1.get_text() == "Ressourcerie informatique solidaire"
    assert html.find("a", href="tel:0261910012").get_text() == "02 61 91 00 12"
    assert html.find("a", href="mailto:contact@ressourcerie.example.org")
    assert html.find("a", href="https://ressourcerie.example.org/")
    details = html.find("dl", class_="partner-details").get_text(" ", strip=True)
    assert "12 rue du Réemploi" in details and "14000 Caen" in details and "Mardi et jeudi" in details
    kinds = [li.get_text() for li in html.find("ul", class_="partner-kinds").find_all("li")]
    assert kinds == ["Formation", "Matériel à prix solidaire"]  # vocabulary order
    assert html.find("a", href="/partenaires/?territoire=face-normandie")


def test_remote_partner_says_it_works_at_a_distance(client, demo_site):
    html = soup(client.get("/lieux/face-normandie/ligne-aide-numerique/"))
    address = html.find("dt", string="Adresse").find_next("dd").get_text(" ", strip=True)
    assert address.startswith("À distance")
    assert html.find("a", href="tel:0199000010")
