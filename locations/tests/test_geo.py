"""Postcode, commune and department lookup, without a database."""

import pytest

from locations.geo import AreaError, department_of, normalise, resolve_area


@pytest.mark.parametrize(
    ("typed", "department"),
    [("14480", "14"), ("Lisieux", "14"), ("lisieux", "14"), ("St-Martin-de-la-Lieue", "14"), ("50", "50")],
)
def test_resolves_what_people_type(typed, department):
    assert department in resolve_area(typed).departments


def test_postcode_lists_its_communes():
    area = resolve_area("14400")
    assert "Bayeux" in {c.name for c in area.communes}


def test_overseas_and_corsica_departments():
    assert department_of("97411") == "974"
    assert department_of("2A004") == "2A"
    assert resolve_area("97400").departments == {"974"}
    assert resolve_area("2a").departments == {"2A"}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("99999", "Le code postal 99999 n'existe pas"),
        ("123", "ni un code postal"),
        ("Atlantide", "Nous ne trouvons pas la commune « Atlantide »"),
        ("", "Indiquez une commune"),
        ("x" * 500, "trop long"),
    ],
)
def test_unknown_places_get_a_clear_french_message(typed, message):
    with pytest.raises(AreaError, match=message):
        resolve_area(typed)


def test_proximity_orders_same_commune_then_department_then_elsewhere():
    area = resolve_area("Lisieux")
    lisieux = area.communes[0].insee
    assert area.proximity(insee=lisieux) == 0
    assert area.proximity(insee="14066") == 1  # another Calvados commune
    assert area.proximity(insee="50025") == 2  # Manche
    assert area.proximity(postcode="14100") == 0


def test_normalise_ignores_accents_case_and_hyphens():
    assert normalise("Bréhal") == normalise("BREHAL")
    assert normalise("Saint-Sauveur-Lendelin") == normalise("st sauveur lendelin")


def test_city_with_arrondissements_is_found_by_its_plain_name():
    area = resolve_area("Marseille")
    assert area.departments == {"13"}
    assert len(area.communes) == 16
    assert "13003" in area.postcodes
    assert area.label == "Marseille"
    assert resolve_area("paris").departments == {"75"}
