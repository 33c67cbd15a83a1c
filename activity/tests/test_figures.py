"""The figures are counted by the database, in a fixed number of queries; the CSV and the report."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activity import figures
from activity import vocabulary as v
from activity.models import ActivityRecord
from activity.views import RECORD_HEADER

from .factories import make_club, make_record, make_staff

pytestmark = pytest.mark.django_db


codes = v.serialise_themes


@pytest.fixture
def club():
    territory, place, _ = make_club()
    return territory, place


def add_records(territory, place, count):
    today = timezone.localdate()
    ActivityRecord.objects.bulk_create(
        [
            ActivityRecord(
                date=today - timedelta(days=index % 20),
                territory=territory,
                place=place,
                kind=v.WORKSHOP if index % 5 == 0 else v.INDIVIDUAL,
                participants=6 if index % 5 == 0 else None,
                themes=v.serialise_themes(["banque-rib" if index % 2 else "demarche"]),
                first_visit=index % 3 == 0,
            )
            for index in range(count)
        ]
    )


def test_totals_and_breakdowns(club):
    territory, place = club
    make_record(territory, place, themes=codes(["banque-rib", "banque-virement"]), first_visit=True)
    make_record(territory, place, kind=v.WORKSHOP, participants=8, themes=codes(["banque-arnaques"]))
    make_record(territory, None, where=v.REMOTE, kind=v.DONE_FOR, themes=codes(["demarche"]))
    found = figures.records([territory], date(2000, 1, 1), timezone.localdate())
    totals = figures.totals(found)
    assert totals["interventions"] == 3
    assert totals["people"] == 10
    assert totals["workshops"] == 1 and totals["workshop_people"] == 8
    assert totals["individual"] == 2 and totals["first_visits"] == 1
    assert figures.banking_total(found) == {"interventions": 2, "people": 9}
    by_code = {theme.code: (count, people) for theme, count, people in figures.by_theme(found)}
    assert by_code == {
        "banque-rib": (1, 1),
        "banque-virement": (1, 1),
        "banque-arnaques": (1, 8),
        "demarche": (1, 1),
    }
    assert dict((name, n) for name, n, _ in figures.by_place(found)) == {place.title: 2, "À distance": 1}
    assert sum(n for _, n, _ in figures.by_month(found)) == 3


def dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("activity_dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_records(client, club):
    territory, place = club
    client.force_login(make_staff(territory))
    add_records(territory, place, 5)
    client.get(reverse("activity_dashboard"))  # warm up (session, permissions caches)
    few = dashboard_queries(client)
    add_records(territory, place, 400)
    assert dashboard_queries(client) == few


def read_csv(response):
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_csv_of_records_has_the_columns_and_never_the_note(client, club):
    territory, place = club
    make_record(territory, place, note="=Salle du fond")
    make_record(territory, place, kind=v.WORKSHOP, participants=7, themes=codes(["banque-arnaques"]))
    client.force_login(make_staff(territory))
    rows = read_csv(client.get(reverse("activity_export_records")))
    assert rows[0] == RECORD_HEADER
    assert len(rows) == 3
    assert "Salle du fond" not in str(rows)
    workshop = dict(zip(rows[0], rows[2], strict=True))
    assert workshop["Participants"] == "7"
    assert workshop["Thématiques (CRA)"] == "banque et achats en ligne"
    assert workshop["Type (CRA)"] == "collectif"
    assert workshop["Lieu"] == place.title


def test_csv_of_figures(client, club):
    territory, place = club
    make_record(territory, place)
    client.force_login(make_staff(territory))
    rows = read_csv(client.get(reverse("activity_export_figures")))
    assert rows[0] == ["Rubrique", "Libellé", "Interventions", "Personnes"]
    assert ["Total", "Interventions", "1", ""] in rows
    assert ["Thème", "Faire un virement", "1", "1"] in rows


def test_dashboard_and_report_show_charts_and_tables(client, club):
    territory, place = club
    make_record(territory, place)
    client.force_login(make_staff(territory))
    html = client.get(reverse("activity_dashboard")).content.decode()
    assert 'role="img"' in html and "<title>Interventions par thème" in html
    assert "<table" in html and place.title in html
    report = client.get(reverse("activity_report"), {"annee": timezone.localdate().year})
    text = report.content.decode()
    assert f"Rapport d'activité {timezone.localdate().year} : {territory.title}" in text
    assert "activity.css" in text and "Personnes accompagnées" in text
