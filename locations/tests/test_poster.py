"""The schedule poster of a place: <place url>affiche/, one A4 page to post on a door.

The page tests build their own club and place (Tuesdays 9 h–12 h)."""

from datetime import date, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from home.tests.factories import section
from locations import schedule
from locations.models import Closure, LocationIndexPage, LocationPage
from locations.poster import calendar

from .factories import make_place


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


@pytest.fixture
def place(db):
    return make_place(title="Médiathèque de l'affiche", phone="02 31 12 34 56")


@pytest.fixture
def poster_url(place):
    return place.subpage_url("poster")


@pytest.mark.django_db
def test_place_page_links_to_its_poster(client, place, poster_url):
    page = soup(client.get(place.url))
    link = page.find("a", string="Imprimer l'affiche des horaires")
    assert link is not None and link["href"] == poster_url
    assert poster_url == f"{place.url}affiche/"


@pytest.mark.django_db
def test_poster_shows_place_hours_dates_contact_and_qr(client, place, poster_url):
    plan = place.get_schedule()
    today = schedule.local_now(plan, timezone.now()).date()
    closed_day = schedule.occurrences(plan, today + timedelta(days=1), today + timedelta(days=27))[0].day
    Closure.objects.create(page=place, start=closed_day, end=closed_day, reason="formation des médiateurs")

    response = client.get(poster_url)
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
    assert "02 31 12 34 56" in words(poster.select_one(".poster__contact"))
    qr = poster.select_one("img.poster__qr")
    assert qr["src"].startswith("data:image/svg+xml") and qr["alt"]
    # The site's public address (WAGTAILADMIN_BASE_URL), whatever host the request named.
    assert words(poster.select_one(".poster__url")) == place.full_url
    assert place.full_url.startswith("http") and place.full_url.endswith(place.url)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


UNKNOWN = {
    "unknown place of a club": lambda place: f"{place.get_parent().url}nexiste-pas/affiche/",
    "a club, not a place": lambda place: f"{place.get_parent().url}affiche/",
    "a null byte": lambda place: f"{section(LocationIndexPage).url}%00/affiche/",
    "a very deep path": lambda place: section(LocationIndexPage).url + "x/" * 300 + "affiche/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(UNKNOWN))
def test_poster_of_unknown_place_is_404(client, place, case):
    assert client.get(UNKNOWN[case](place)).status_code == 404


@pytest.mark.django_db
def test_poster_of_unpublished_place_is_404(client, place, poster_url):
    assert client.get(poster_url).status_code == 200
    place.unpublish()
    assert client.get(poster_url).status_code == 404
