"""Mediator mode: club staff run the diagnostic with a person in the admin; the profile (never the
person, never the answers) is recorded with the intervention and counted as « fragilités
détectées » in the dashboard, the annual report and the figures' CSV, club by club."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from activity import vocabulary as v
from activity.entry import PLACE_INVALID
from activity.models import ActivityRecord
from activity.tests.factories import foundation_user, make_club, make_record, make_staff, make_user
from diagnostic import figures
from diagnostic.forms import NOTHING_ANSWERED
from diagnostic.models import DetectedProfile
from diagnostic.questions import BANKING, EQUIPMENT, EVERYDAY, PROCEDURES

pytestmark = pytest.mark.django_db

URL = "/admin/activite/diagnostic/"
# No device, no internet, procedures with help, banking not at all, everyday not asked.
ANSWERS = {
    "q-appareil": "non",
    "q-internet": "non",
    "q-forfait": "oui",
    "q-franceconnect": "aide",
    "q-caf": "aide",
    "q-impots": "aide",
    "q-comptes": "non",
    "q-virement": "nsp",
    "q-arnaque": "non",
}


def accompaniment(place, **fields):
    data = {
        "date": timezone.localdate().isoformat(),
        "where": v.AT_PLACE,
        "place": place.pk,
        "kind": v.INDIVIDUAL,
        "duration": "30-60",
        "theme_list": ["demarche"],
        "age_band": "60-69",
        **ANSWERS,
    }
    data.update(fields)
    return data


def profile_for(territory, **fields):
    """A recorded profile: « à accompagner » everywhere unless told otherwise."""
    values = {"equipment": "a-accompagner", "everyday": "a-accompagner"}
    values |= {"procedures": "a-accompagner", "banking": "a-accompagner", **fields}
    return DetectedProfile.objects.create(record=make_record(territory), **values)


@pytest.fixture
def club(client):
    territory, place, _ = make_club()
    user = make_staff(territory)
    client.force_login(user)
    return territory, place, user


def test_the_profile_is_recorded_with_the_intervention_and_leads_to_the_advice(client, club):
    territory, place, user = club
    response = client.post(URL, accompaniment(place))
    assert response.status_code == 302, response.context["form"].errors
    record = ActivityRecord.objects.get(mediator=user)
    assert record.territory_id == territory.pk and record.place_id == place.pk
    profile = record.detected_profile
    assert profile.profile(EQUIPMENT).label == "À accompagner"  # 2 points of 6
    assert profile.profile(EVERYDAY).label == "Pas de réponse"
    assert profile.profile(PROCEDURES).label == "En chemin"
    assert profile.profile(BANKING).label == "À accompagner"
    assert profile.no_device and profile.no_home_internet
    # The mediator sees the profile, and the person's advice is one click away (answers in the
    # address only, for the public page: nothing of them in the database).
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Démarches en ligne</th><td>En chemin" in html and "Sans appareil" in html
    advice = urlsplit(page.context["advice_url"])
    assert advice.path == "/ou-en-etes-vous/"
    assert parse_qs(advice.query)["q-comptes"] == ["non"]
    assert client.get(page.context["advice_url"]).status_code == 200


def test_only_profile_categories_are_stored_never_answers_or_a_person():
    stored = {field.name for field in DetectedProfile._meta.concrete_fields}
    assert stored == {
        "id",
        "record",
        "equipment",
        "everyday",
        "procedures",
        "banking",
        "no_device",
        "no_home_internet",
    }


def test_nothing_answered_or_a_bad_intervention_saves_nothing(client, club):
    _, place, _ = club
    empty = {key: value for key, value in accompaniment(place).items() if not key.startswith("q-")}
    response = client.post(URL, empty)
    assert response.status_code == 200
    assert NOTHING_ANSWERED in response.content.decode()
    response = client.post(URL, accompaniment(place, theme_list=[]))
    assert "Choisissez au moins un thème." in response.content.decode()
    # What was typed stays on screen.
    assert response.context["answers"]["q-caf"].value() == "aide"
    assert not ActivityRecord.objects.exists() and not DetectedProfile.objects.exists()


def test_staff_record_only_for_their_own_club(client, club):
    other, other_place, _ = make_club()
    response = client.post(URL, accompaniment(other_place))
    assert response.status_code == 200
    assert escape(PLACE_INVALID) in response.content.decode()
    assert not DetectedProfile.objects.exists()
    # Another club's recorded profile is refused to them.
    theirs = profile_for(other)
    assert client.get(reverse("diagnostic_recorded", args=[theirs.record_id])).status_code == 403
    # Their own intervention without a diagnostic has no profile to show.
    own = make_record(club[0])
    assert client.get(reverse("diagnostic_recorded", args=[own.pk])).status_code == 404


@pytest.mark.parametrize("who", ["fondation", "editor"])
def test_people_who_record_nothing_cannot_run_the_mediator_mode(client, who):
    client.force_login(
        foundation_user() if who == "fondation" else make_user(Group.objects.get(name="Rédacteurs"))
    )
    assert client.get(URL).status_code == 403
    assert not ActivityRecord.objects.exists()


def test_fragilities_are_counted_by_area(club):
    territory, _, _ = club
    profile_for(territory, no_device=True)
    profile_for(territory, procedures="en-chemin", banking="autonome")
    make_record(territory)  # an intervention without a diagnostic counts for nothing here
    counted = figures.fragilities(ActivityRecord.objects.filter(territory=territory))
    assert counted["diagnostics"] == 2 and counted["no_device"] == 1 and counted["no_home_internet"] == 0
    by_area = {area.code: counts for area, counts in counted["areas"]}
    assert by_area[EQUIPMENT]["a-accompagner"] == 2
    assert by_area[PROCEDURES] == {"a-accompagner": 1, "en-chemin": 1, "autonome": 0, "sans-reponse": 0}
    assert by_area[BANKING]["autonome"] == 1


def test_the_dashboard_shows_the_fragilities_of_the_own_club_only(client, club):
    territory, _, _ = club
    profile_for(territory, no_home_internet=True)
    other, _, _ = make_club()
    profile_for(other)
    profile_for(other)
    response = client.get(reverse("activity_dashboard"))
    html = response.content.decode()
    assert "Fragilités détectées" in html
    assert "1 diagnostic « Où en êtes-vous avec le numérique ? » fait avec" in html
    assert "<dt>Sans internet à la maison</dt><dd>1</dd>" in html
    assert f'href="{URL}"' in html  # one click to run one


def test_the_network_report_and_csv_count_fragilities_by_club(client):
    first, _, _ = make_club("Club des Tilleuls")
    second, _, _ = make_club("Club des Platanes")
    profile_for(first)
    profile_for(second, banking="autonome")
    profile_for(second)
    client.force_login(foundation_user())
    year = timezone.localdate().year
    html = client.get(reverse("activity_report"), {"annee": year}).content.decode()
    assert "Fragilités détectées" in html and "3 diagnostics" in html
    assert "« À accompagner » par club" in html
    assert '<th scope="row">Club des Platanes</th><td>2</td><td>2</td><td>2</td><td>2</td><td>1</td>' in html
    # One club's report: its own figures, no table by club.
    html = client.get(reverse("activity_report"), {"annee": year, "club": first.pk}).content.decode()
    assert "1 diagnostic " in html and "par club" not in html
    raw = client.get(reverse("activity_export_figures")).content.decode("utf-8-sig")
    rows = {(row[0], row[1]): row[2] for row in csv.reader(io.StringIO(raw), delimiter=";")}
    assert rows[("Fragilités détectées", "Diagnostics enregistrés")] == "3"
    assert rows[("Fragilités détectées", "Banque en ligne et sécurité : À accompagner")] == "2"


def test_a_profile_goes_with_its_intervention(club):
    territory, _, _ = club
    profile = profile_for(territory)
    profile.record.delete()
    assert not DetectedProfile.objects.exists()


def test_the_fragilities_cost_the_same_queries_for_few_or_many_profiles(client, club):
    territory, _, _ = club
    profile_for(territory)
    client.get(reverse("activity_dashboard"))  # warm up (session, permissions caches)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("activity_dashboard"))
    for _ in range(30):
        profile_for(territory, banking="en-chemin")
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("activity_dashboard")).content.decode()
    assert "31 diagnostics" in html
    assert len(many) == len(few)
