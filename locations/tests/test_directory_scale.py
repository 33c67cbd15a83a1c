"""The directory, territory, partners, orientation and search pages at scale: the same number of
queries at 30 and 300 places, small pages, proximity groups kept across pages, cached filtered
views under their normalised query, and upcoming sessions that agree with agenda.ics."""

import datetime
import io

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from home.page_cache import bump_generation
from locations import geo
from locations.models import LocationIndexPage, LocationPage, Slot, UpcomingSession
from locations.sessions import refresh_upcoming_sessions
from locations.tests.factories import make_closure, make_place, make_slot, make_territory
from locations.vocabulary import KINDS, SERVICES

# One process runs the whole module (make test: --dist loadgroup): its 300 places are built once
# (module fixture `scale`).
pytestmark = pytest.mark.xdist_group("directory-scale")
SMALL, LARGE = 30, 300
MAX_PAGE_BYTES = 100_000
# (postcode, INSEE, commune): three in Calvados, so that "Dans le Calvados" runs over pages.
COMMUNES = [
    ("14100", "14366", "Lisieux"),
    ("14000", "14118", "Caen"),
    ("14400", "14047", "Bayeux"),
    ("50000", "50502", "Saint-Lô"),
    ("76000", "76540", "Rouen"),
    ("75001", "75101", "Paris"),
    ("66000", "66136", "Perpignan"),
]
RECURRENCES = ["weekly", "weekly", "first", "even_weeks"]


def add_places(territory, first, last):
    """Places `first`…`last - 1` under `territory`: live, spread over COMMUNES, every weekday,
    several recurrences and services (one save each, sessions refreshed in one go)."""
    ids = []
    for i in range(first, last):
        postcode, insee, commune = COMMUNES[i % len(COMMUNES)]
        page = LocationPage(
            title=f"Lieu d'essai {i:04d}",
            slug=f"lieu-essai-{i}",
            address=f"{i} rue de l'Essai",
            postcode=postcode,
            insee=insee,
            commune=commune,
            kind=KINDS[i % len(KINDS)][0],
            services=[SERVICES[i % 5][0], SERVICES[(i + 1) % 5][0]],
            intro="Permanence numérique au centre social des Glycines.",
        )
        page.slots = [
            Slot(
                weekday=i % 7,
                start=datetime.time(9),
                end=datetime.time(12),
                recurrence=RECURRENCES[i % len(RECURRENCES)],
            ),
            Slot(weekday=(i + 3) % 7, start=datetime.time(14), end=datetime.time(17)),
        ]
        territory.add_child(instance=page)
        ids.append(page.pk)
    refresh_upcoming_sessions(ids)


def urls(territory):
    return [
        "/lieux/",
        "/lieux/?ou=14",
        "/lieux/?ou=14100&page=2",
        "/lieux/?jour=mardi",
        "/lieux/?ouvert=aujourdhui",
        "/lieux/?service=demarches",
        "/lieux/?service=demarches&jour=jeudi&ou=50",
        "/lieux/?page=2",
        territory.url,
        f"{territory.url}?page=2",
        "/partenaires/",
        "/partenaires/?aide=formation",
        "/trouver-de-l-aide/?besoin=demarche&ou=14100",
        "/trouver-de-l-aide/?besoin=banque&ou=14100",  # a need no partner answers
        "/ateliers/?ou=14",
        "/recherche/?q=glycines",
        "/recherche/?q=permanence+numerique+glycines",  # several words, each in every place
    ]


def measure(client, url):
    client.get(url)  # warm what is computed once (site root paths, search vocabulary)
    bump_generation()  # then measure a real render, not the page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    """A club with 30 places, every page measured; then 300 places, left for the module's tests."""
    with django_db_blocker.unblock():
        cache.clear()
        territory = make_territory("Club d'essai à grande échelle", departments="14, 50, 76")
        add_places(territory, 0, SMALL)
        client = Client()
        small = {url: measure(client, url) for url in urls(territory)}
        add_places(territory, SMALL, LARGE)
        yield {"territory": territory, "small": small, "urls": urls(territory)}
        Page.objects.get(pk=territory.pk).delete()
        cache.clear()


@pytest.fixture
def scaled(scale, db):
    return scale


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_query_counts_do_not_grow_with_the_number_of_places(client, scaled):
    large = {url: measure(client, url) for url in scaled["urls"]}
    assert large == scaled["small"]


def test_every_page_stays_under_100_kb_at_300_places(client, scaled):
    assert LocationPage.objects.live().count() > LARGE
    for url in scaled["urls"]:
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.content) < MAX_PAGE_BYTES, (url, len(response.content))


def group_headings(response):
    return [h3.find(string=True).strip() for h3 in soup(response).select("h3.directory-group")]


def test_a_group_that_goes_on_repeats_its_heading_on_the_next_page(client, scaled):
    first = client.get("/lieux/", {"ou": "14"})
    assert group_headings(first) == ["Dans le Calvados"]
    second = client.get("/lieux/", {"ou": "14", "page": "2"})
    assert group_headings(second)[0] == "Dans le Calvados (suite)"
    titles = [a.get_text() for a in soup(first).select(".directory-results .card__link")]
    assert len(titles) == 25
    page_two = [a.get_text() for a in soup(second).select(".directory-results .card__link")]
    assert not set(titles) & set(page_two)
    # The links keep the filter, say where the visitor is, and work without JavaScript.
    nav = soup(second).select_one("nav.pagination")
    assert "Page 2 sur" in nav.get_text()
    links = {a.get_text(): a["href"] for a in nav.select("a")}
    assert links["Page précédente"].startswith("?ou=14#") and "page=3" in links["Page suivante"]


def test_groups_by_nearness_run_in_order_across_pages(client, scaled):
    """Lisieux first, then around, then the department, the region, elsewhere: never back."""
    seen, number = [], 1
    while True:
        response = client.get("/lieux/", {"ou": "14100", "page": str(number)})
        for heading in group_headings(response):
            name = heading.removesuffix(" (suite)")
            if heading.endswith("(suite)"):
                assert seen[-1] == name
            else:
                assert name not in seen
                seen.append(name)
        if not soup(response).select_one("a[rel=next]"):
            break
        number += 1
    assert seen[0] == "À Lisieux" and seen[-1] == "Plus loin"
    assert "Dans le Calvados" in seen and "Ailleurs en Normandie" in seen


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "2" * 40, "1e3"])
def test_an_impossible_page_number_gives_a_page_and_a_french_notice(client, scaled, page):
    response = client.get("/lieux/", {"ou": "14", "page": page})
    assert response.status_code == 200
    notice = soup(response).select_one("p.callout").get_text()
    assert "n'existe pas" in notice
    assert soup(response).select(".directory-results .card")


def test_day_and_service_filters_count_every_matching_place(client, scaled):
    tuesday = client.get("/lieux/", {"jour": "mardi"})
    expected = UpcomingSession.objects.filter(weekday=1, place__live=True).values("place").distinct().count()
    assert soup(tuesday).find(attrs={"role": "status"}).get_text().startswith(f"{expected} lieux.")
    for a in soup(tuesday).select(".directory-results .card__link"):
        place = LocationPage.objects.get(title=a.get_text())
        assert place.upcoming_sessions.filter(weekday=1).exists()
    security = client.get("/lieux/", {"service": "securite"})
    expected = sum("securite" in place.services for place in LocationPage.objects.live())
    assert soup(security).find(attrs={"role": "status"}).get_text().startswith(f"{expected} lieux.")


def all_cache_keys():
    """Every key of the tests' cache: local memory, or Redis in the PostgreSQL + Redis run."""
    return set(cache.keys("*")) if hasattr(cache, "keys") else set(cache._cache)


def cache_keys():
    return {key for key in all_cache_keys() if "/lieux/?" in key}


def test_a_filtered_view_is_served_from_cache_under_its_normalised_query(client, scaled, monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)  # one minute: the per-minute cache
    first = client.get("/lieux/", {"ou": "Lisieux", "jour": "mardi"})
    keys = cache_keys()
    assert keys
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/lieux/", {"ou": "LISIEUX ", "jour": "mardi"})
    assert len(queries) == 0
    assert again.content == first.content
    assert cache_keys() == keys


@pytest.mark.parametrize(
    "query",
    [
        {"ou": "Caen\x00<script>"},
        {"ou": "x" * 5000},
        {"service": "piratage"},
        {"jour": "funday", "ou": "14"},
        {"page": "abc"},
        {"utm_source": "ailleurs"},
        {"ou": ["14", "50"]},
    ],
)
def test_a_hostile_query_string_adds_no_cache_key(client, scaled, query):
    before = cache_keys()
    for _ in range(2):
        response = client.get("/lieux/", query)
        assert response.status_code == 200
    assert cache_keys() == before


def test_search_results_are_cached_per_normalised_query(client, scaled):
    client.get("/recherche/", {"q": "centre glycines"})
    with CaptureQueriesContext(connection) as again:
        client.get("/recherche/", {"q": "  Centre   GLYCINES"})
    keys = {key for key in all_cache_keys() if "search:" in key}
    with CaptureQueriesContext(connection) as hostile:
        client.get("/recherche/", {"q": "glycines zqxjkw"})
    searches = [q for q in again.captured_queries if "indexentry" in q["sql"]]
    assert not searches
    assert [q for q in hostile.captured_queries if "indexentry" in q["sql"]]
    assert len(again) < len(hostile)
    assert {key for key in all_cache_keys() if "search:" in key} == keys  # no key for an unknown word


# --- the sessions table and the iCal feed ---------------------------------------------------


def agenda_sessions(client, place):
    calendar = icalendar.Calendar.from_ical(client.get(place.url + "agenda.ics").content)
    return sorted((event.decoded("dtstart"), event.decoded("dtend")) for event in calendar.walk("VEVENT"))


def table_sessions(place):
    return sorted(UpcomingSession.objects.filter(place=place).values_list("start", "end"))


def test_materialised_sessions_agree_with_the_agenda(client, db):
    today = timezone.localdate()
    territory = make_territory()
    places = [
        make_place(territory, slots=[make_slot(weekday=2, recurrence="first")]),
        make_place(territory, slots=[make_slot(weekday=3, recurrence="even_weeks"), make_slot(weekday=5)]),
        make_place(
            territory,
            slots=[make_slot(weekday=today.weekday()), make_slot(weekday=4, start=(14, 0), end=(17, 0))],
            closures=[make_closure(today + datetime.timedelta(days=7), today + datetime.timedelta(days=20))],
        ),
        # Weekly on Fridays: Christmas and New Year's Day are holidays (closed unless told).
        make_place(territory, slots=[make_slot(weekday=4)]),
        make_place(territory, slots=[make_slot(weekday=4)], open_on_public_holidays=True),
        make_place(territory, slots=[make_slot(weekday=0, valid_until=today + datetime.timedelta(days=10))]),
    ]
    for place in places:
        table = table_sessions(place)
        assert table, place.title
        assert [(a.timestamp(), b.timestamp()) for a, b in agenda_sessions(client, place)] == [
            (a.timestamp(), b.timestamp()) for a, b in table
        ]


def test_publishing_new_hours_refreshes_the_sessions_and_unpublishing_empties_them(db):
    place = make_place(slots=[make_slot(weekday=1)])
    assert set(UpcomingSession.objects.filter(place=place).values_list("weekday", flat=True)) == {1}
    place.slots = [make_slot(weekday=3)]
    place.save_revision().publish()
    assert set(UpcomingSession.objects.filter(place=place).values_list("weekday", flat=True)) == {3}
    place.unpublish()
    assert not UpcomingSession.objects.filter(place=place).exists()


def test_refresh_sessions_command_rebuilds_the_table(db):
    from django.core.management import call_command

    place = make_place(slots=[make_slot(weekday=1)])
    UpcomingSession.objects.filter(place=place).delete()
    out = io.StringIO()
    call_command("refresh_sessions", stdout=out)
    assert UpcomingSession.objects.filter(place=place).exists()
    assert "permanences calculées" in out.getvalue()


def test_area_codes_follow_the_address(db):
    place = make_place(
        postcode="50000", insee="50502", commune="Saint-Lô", services=["demarches", "securite"]
    )
    stored = LocationPage.objects.get(pk=place.pk)
    assert (stored.department_code, stored.region_code, stored.commune_code) == ("50", "28", "50502")
    assert stored.epci_code
    assert set(stored.service_links.values_list("service", flat=True)) == {"demarches", "securite"}
    stored.services = ["securite"]
    stored.save_revision().publish()
    assert list(stored.service_links.values_list("service", flat=True)) == ["securite"]


def test_a_draft_does_not_change_what_the_directory_filters_on(db):
    place = make_place(services=["demarches"])
    place.services = ["securite"]
    place.postcode, place.insee, place.commune = "50000", "50502", "Saint-Lô"
    place.save_revision()
    stored = LocationPage.objects.get(pk=place.pk)
    assert list(stored.service_links.values_list("service", flat=True)) == ["demarches"]
    assert stored.department_code == "14"


def test_every_place_is_listed_once_in_its_nearness_group_across_all_pages(client, scaled):
    """Each page reads only the groups it shows: walked page by page, the list is exactly the
    places grouped by geo.Area.proximity (the Python reference), nearest first, by title."""
    area = geo.resolve_area("14100")
    places = LocationPage.objects.live().public().descendant_of(LocationIndexPage.objects.get())
    origin = geo.area_origin(area)

    def order(place):
        position = geo.place_position(place.latitude, place.longitude, place.insee, place.postcode)
        return (geo.distance_key(*position, origin), place.sort_title, place.pk)

    expected = [
        (group.heading, place.title)
        for group in area.group(places, lambda p: (p.insee, p.postcode), order)
        for place in group.items
    ]
    shown, number = [], 1
    while True:
        page = soup(client.get("/lieux/", {"ou": "14100", "page": str(number)}))
        for heading in page.select("h3.directory-group"):
            name = heading.find(string=True).strip().removesuffix(" (suite)")
            cards = heading.find_next("ul").select(".card__link")
            shown += [(name, card.get_text()) for card in cards]
        if not page.select_one("a[rel=next]"):
            break
        number += 1
    assert len(expected) > LARGE
    assert shown == expected
