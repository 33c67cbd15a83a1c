"""The vocabulary, the SVG charts and the CSV helper: plain Python, no database."""

import csv
import io
import xml.etree.ElementTree as ET

from activity import charts, spreadsheet
from activity import vocabulary as v
from partners.help_kinds import NEEDS


def test_themes_are_the_needs_plus_one_per_banking_operation():
    codes = set(v.THEME_CODES)
    assert {need.code for need in NEEDS} <= codes
    assert len(v.BANKING_THEMES) == 7
    assert {theme.cra for theme in v.BANKING_THEMES} == {"banque et achats en ligne"}


def test_stored_themes_match_exactly():
    stored = v.serialise_themes(["demarche", "banque-rib", "inconnu", "banque-rib"])
    assert stored == " banque-rib demarche "
    assert v.parse_themes(stored) == ["banque-rib", "demarche"]
    assert v.stored_marker("banque-rib") in stored
    assert v.stored_marker("banque") not in stored
    assert v.serialise_themes([]) == ""
    assert v.cra_themes(["banque-rib", "banque-virement", "demarche"]) == [
        "banque et achats en ligne",
        "démarches en ligne",
    ]


def test_bar_chart_is_an_accessible_svg():
    svg = charts.bar_chart("Par thème", [("Faire un virement", 12), ("RIB <&>", 3)])
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    assert root.get("role") == "img"
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert "Par thème" in title and "Faire un virement : 12" in title
    assert "<&>" in title  # escaped in the markup, intact in the text
    widths = [int(rect.get("width")) for rect in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths == [charts.BAR_AREA, round(charts.BAR_AREA * 3 / 12)]
    assert "<script" not in svg


def test_empty_chart_says_so():
    root = ET.fromstring(charts.bar_chart("Vide", []))  # noqa: S314
    assert "aucune donnée" in root.find("{http://www.w3.org/2000/svg}title").text


def test_csv_is_french_excel_friendly_and_formula_safe():
    text = spreadsheet.csv_text(["Libellé", "Nombre"], [["=HYPERLINK(1)", 3], ["RIB; chéquier", 0]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Libellé", "Nombre"], ["'=HYPERLINK(1)", "3"], ["RIB; chéquier", "0"]]
