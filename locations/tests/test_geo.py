"""Postcode, commune and department lookup, without a database."""

import importlib

import pytest

import portal.wsgi
from locations import geo
from locations.geo import (
    COMMUNE,
    DEPARTMENT,
    ELSEWHERE,
    EPCI,
    REGION,
    AreaError,
    department_of,
    normalise,
    resolve_area,
)


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


def test_proximity_orders_commune_epci_department_region_elsewhere():
    area = resolve_area("Lisieux")
    lisieux = area.communes[0].insee
    assert area.proximity(insee=lisieux) == COMMUNE
    assert area.proximity(insee="14625") == EPCI  # Saint-Martin-de-la-Lieue, CA Lisieux Normandie
    assert area.proximity(insee="14200") == DEPARTMENT  # Creully sur Seulles, Calvados
    assert area.proximity(insee="50076") == REGION  # Bréhal, Manche, Normandie
    assert area.proximity(insee="66136") == ELSEWHERE  # Perpignan
    assert area.proximity(postcode="14100") == COMMUNE  # several communes share it


def test_arrondissements_are_their_city():
    area = resolve_area("75001")
    assert area.short_name == "Paris"
    assert area.proximity(insee="75115") == COMMUNE
    assert area.proximity(insee="92012") == EPCI  # Boulogne-Billancourt: Métropole du Grand Paris
    assert area.proximity(insee="78646") == REGION  # Versailles
    assert area.department_phrase == "à Paris"


def test_group_headings_say_what_area_they_are():
    area = resolve_area("14100")
    codes = ["14366", "14625", "14200", "50076", "97411", "66136"]
    places = [(f"p{n}", code) for n, code in enumerate(codes, start=1)]
    groups = area.group(places, lambda p: (p[1], ""), lambda p: p[0])
    assert [(g.heading, [p[0] for p in g.items]) for g in groups] == [
        ("À Lisieux", ["p1"]),
        ("À Saint-Martin-de-la-Lieue", ["p2"]),
        ("Dans le Calvados", ["p3"]),
        ("Ailleurs en Normandie", ["p4"]),
        ("Plus loin", ["p5", "p6"]),
    ]
    assert [g.near for g in groups] == [True, True, True, False, False]
    assert resolve_area("Lisieux").heading(EPCI) == "Autour de Lisieux"
    assert resolve_area("Le Havre").heading(COMMUNE) == "Au Havre"
    assert resolve_area("Le Havre").heading(EPCI) == "Autour du Havre"
    assert resolve_area("50").heading(DEPARTMENT) == "Dans la Manche"
    assert resolve_area("50").label == "Manche"


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


def test_a_served_worker_reads_the_geography_before_its_first_search():
    """A search by department or postcode must not wait for the files to be parsed: the WSGI
    module (what each gunicorn worker imports) reads every table at start."""
    tables = (geo.geography, geo.communes_by_postcode, geo.communes_by_name, geo.departments)
    for table in tables:
        table.cache_clear()
    importlib.reload(portal.wsgi)
    assert [table.cache_info().currsize for table in tables] == [1, 1, 1, 1]
