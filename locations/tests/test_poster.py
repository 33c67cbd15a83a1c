"""The schedule poster of a place: <place url>affiche/, one A4 page to post on a door."""

from datetime import date, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from locations import schedule
from locations.models import Closure, LocationPage
from locations.poster import calendar

POSTER = "/lieux/face-normandie/creully/affiche/"


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def words(node):
    return " ".join(node.get_text(" ", strip=True).split())


def test_calendar_names_public_holidays_and_closures():
    plan = schedule.Schedule(
        slots=[schedule.Slot(weekday=4, start=time(9), end=time(12))],  # Fridays
        closures=[schedule.Closure(date(2027, 1, 8), date(2027, 1, 8), "formation des médiateurs")],
    )
    entries = calendar(plan, date(2026, 12, 21))["entries"]
    assert [(e["date"], e.get("closed")) for e in entries] == [
        ("vendredi 25 décembre", "jour férié : Noël"),
        ("vendredi 1er janvier 2027", "jour férié : Jour de l'an"),
        ("vendredi 8 janvier 2027", "formation des médiateurs"),
        ("vendredi 15 janvier 2027", None),
    ]
    assert entries[3]["times"] == "de 9 h à 12 h"


def test_calendar_covers_four_weeks_and_keeps_holidays_when_the_place_opens():
    plan = schedule.Schedule(
        slots=[
            schedule.Slot(weekday=2, start=time(9), end=time(12)),
            schedule.Slot(weekday=2, start=time(14), end=time(17), note="sur rendez-vous"),
        ],
        open_on_public_holidays=True,
    )
    result = calendar(plan, date(2026, 11, 9))  # Wednesday 11 November is a holiday
    assert result["end"] == date(2026, 12, 6)
    assert [e["day"] for e in result["entries"]] == [
        date(2026, 11, 11) + timedelta(weeks=n) for n in range(4)
    ]
    assert not any(e.get("closed") for e in result["entries"])
    assert result["entries"][0]["times"] == "de 9 h à 12 h et de 14 h à 17 h (sur rendez-vous)"


@pytest.mark.django_db
def test_place_page_links_to_its_poster(client, demo_site):
    page = soup(client.get("/lieux/face-normandie/creully/"))
    link = page.find("a", string="Imprimer l'affiche des horaires")
    assert link is not None and link["href"] == POSTER


@pytest.mark.django_db
def test_poster_shows_place_hours_dates_contact_and_qr(client, demo_site):
    place = LocationPage.objects.get(slug="creully")
    plan = place.get_schedule()
    today = schedule.local_now(plan, timezone.now()).date()
    closed_day = schedule.occurrences(plan, today + timedelta(days=1), today + timedelta(days=27))[0].day
    Closure.objects.create(page=place, start=closed_day, end=closed_day, reason="formation des médiateurs")

    response = client.get(POSTER)
    assert "no-cache" in response["Cache-Control"]
    page = soup(response)
    poster = page.select_one("main article.poster")
    title = words(poster.h1)
    assert "Permanence numérique gratuite" in title and place.title in title
    assert words(poster.select_one(".poster__address")) == place.full_address
    hours = words(poster.select_one(".poster__hours"))
    for sentence in schedule.sentences_fr(place.get_schedule()):
        assert sentence in hours.lower()
    assert "Fermé les jours fériés" in hours

    place = LocationPage.objects.get(pk=place.pk)
    expected = sorted(
        {o.day for o in schedule.occurrences(place.get_schedule(), today, today + timedelta(days=27))}
    )
    items = poster.select(".poster__calendar li")
    open_items = [words(li) for li in items if "poster__closed" not in li.get("class", [])]
    closed_items = [words(li) for li in items if "poster__closed" in li.get("class", [])]
    assert len(open_items) == len(expected) >= 1
    for item, day in zip(open_items, expected, strict=True):
        assert schedule.date_fr(day, with_year=day.year != today.year) in item
        assert ": de 9 h à 12 h" in item
    closed_date = schedule.date_fr(closed_day, with_year=closed_day.year != today.year)
    weekday = schedule.DAYS_FR[closed_day.weekday()].capitalize()
    assert closed_items == [f"{weekday} {closed_date} : fermé (formation des médiateurs)"]
    assert place.phone in words(poster.select_one(".poster__contact"))
    qr = poster.select_one("img.poster__qr")
    assert qr["src"].startswith("data:image/svg+xml") and qr["alt"]
    assert words(poster.select_one(".poster__url")) == "http://testserver/lieux/face-normandie/creully/"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/lieux/face-normandie/nexiste-pas/affiche/",
        "/lieux/face-normandie/affiche/",
        "/lieux/%00/affiche/",
        "/lieux/" + "x/" * 300 + "affiche/",
    ],
)
def test_poster_of_unknown_place_is_404(client, demo_site, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_poster_of_unpublished_place_is_404(client, demo_site):
    LocationPage.objects.get(slug="creully").unpublish()
    assert client.get(POSTER).status_code == 404
