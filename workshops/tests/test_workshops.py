"""Issue 16: collective workshops people can find, print and add to their phone.

Each test builds its own club, place and workshops (factories); the demo only serves the
site-wide checks (sitemap, open data)."""

import datetime
import io
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from activity import demo_loader as activity_demo
from activity.models import ActivityRecord
from guides.models import GuideIndexPage, GuidePage
from home.testing import sitemap_urls
from home.tests.admin_forms import form_data
from home.tests.factories import guide_fields, make_page, rename, section
from locations import staff
from locations.models import LocationPage
from locations.tests.factories import make_place, make_territory
from workshops import demo_loader as workshops_demo
from workshops import rendering
from workshops.models import WorkshopIndexPage, WorkshopPage
from workshops.tests.factories import days_from_today, make_session, make_workshop

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def words(node):
    return " ".join(node.get_text(" ", strip=True).split())


def titles(response):
    """Workshop titles of the cards on a page."""
    return [words(a) for a in soup(response).select(".workshop-card .card__link")]


def index():
    return WorkshopIndexPage.objects.live().get()


def ical_events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def staff_client(territory):
    user = get_user_model().objects.create_user("equipe-ateliers", "equipe@example.org", "x")
    user.groups.add(staff.staff_group_of(territory))
    client = Client()
    client.force_login(user)
    return client


def add_row(data, prefix, **values):
    index_ = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index_ + 1)
    for name, value in {"id": "", "ORDER": str(index_ + 1), "DELETE": "", **values}.items():
        data[f"{prefix}-{index_}-{name}"] = value
    return data


@pytest.fixture
def guide():
    return make_page(
        section(GuideIndexPage),
        GuidePage,
        **guide_fields("Faire un virement pas à pas", slug="virement-test"),
    )


# --- club staff create a workshop, and people find it everywhere -----------------------------


def test_club_staff_publish_a_workshop_that_appears_everywhere(guide):
    club = make_territory(departments="14")
    place = make_place(club, title="Médiathèque de Lisieux", phone="02 31 00 11 22")
    client = staff_client(club)
    add_url = f"/admin/pages/add/workshops/workshoppage/{place.pk}/"
    data = form_data(client.get(add_url).content)
    day = days_from_today(1)  # sooner than every demo workshop: the home page shows the next three
    data.update(
        {
            "title": "Virements sans stress",
            "slug": "virements-sans-stress",
            "intro": "Apprendre à envoyer de l'argent à un proche.",
            "themes": ["banque-virement"],
            "signup": ["telephone", "permanence"],
            "bring": "Votre téléphone\nVotre RIB",
            "seats": "8",
            "action-publish": "1",
        }
    )
    add_row(data, "sessions", date=day.isoformat(), start="14:00", end="16:00", status="")
    add_row(data, "guide_links", guide=str(guide.pk))
    response = client.post(add_url, data)
    assert response.status_code == 302, words(soup(response).select_one("main") or soup(response))[:1500]
    workshop = WorkshopPage.objects.get(slug="virements-sans-stress")
    assert workshop.live and workshop.get_parent().pk == place.pk

    assert "Virements sans stress" in titles(Client().get(index().url))
    assert "Virements sans stress" in titles(Client().get(place.url))
    assert "Virements sans stress" in titles(Client().get(guide.url))
    assert "Virements sans stress" in titles(Client().get("/"))
    results = soup(Client().get("/recherche/", {"q": "virements sans stress"}))
    assert any(a.get("href") == workshop.url for a in results.select("main a"))

    page = soup(Client().get(workshop.url))
    assert "02 31 00 11 22" in words(page.select_one(".workshop-signup"))
    assert [words(li) for li in page.select(".workshop__sessions li")] == [
        rendering.session_fr(workshop.engine_sessions()[0], days_from_today(0)).capitalize()
    ]
    place_feed = index().subpage_url("place_feed", args=[str(place.pk)])
    for feed in (
        place_feed,
        index().subpage_url("theme_feed", args=["banque-virement"]),
        workshop.url + "agenda.ics",
    ):
        events = ical_events(Client().get(feed))
        mine = [e for e in events if str(e["url"]).endswith(workshop.url)]
        assert len(mine) == 1, feed
        assert mine[0].decoded("dtstart").date() == day
        assert str(mine[0]["status"]) == "CONFIRMED"
    # The place page links to its feed, and the theme feed leaves other themes out.
    assert place_feed in [a["href"] for a in soup(Client().get(place.url)).select("a")]
    other_theme = ical_events(Client().get(index().subpage_url("theme_feed", args=["banque-rib"])))
    assert not any(str(e["url"]).endswith(workshop.url) for e in other_theme)


def test_staff_cannot_delete_a_workshop_but_may_unpublish_it():
    club = make_territory(departments="14")
    workshop = make_workshop(make_place(club, phone="02 31 00 11 22"))
    client = staff_client(club)
    response = client.post(f"/admin/pages/{workshop.pk}/delete/")
    assert response.status_code == 302
    assert WorkshopPage.objects.filter(pk=workshop.pk).exists()
    response = client.post(f"/admin/pages/{workshop.pk}/unpublish/")
    assert response.status_code == 302
    assert not WorkshopPage.objects.get(pk=workshop.pk).live


def test_phone_sign_up_needs_the_place_phone_and_a_link_needs_its_address():
    club = make_territory(departments="14")
    place = make_place(club, phone="")
    client = staff_client(club)
    add_url = f"/admin/pages/add/workshops/workshoppage/{place.pk}/"
    data = form_data(client.get(add_url).content)
    data.update(
        {"title": "Atelier sans numéro", "slug": "sans-numero", "themes": ["demarche"], "action-publish": "1"}
    )
    data["signup"] = ["telephone", "lien"]
    add_row(data, "sessions", date=days_from_today(3).isoformat(), start="10:00", end="12:00", status="")
    response = client.post(add_url, data)
    text = words(soup(response))
    assert "Le lieu n'a pas de numéro de téléphone" in text
    assert "Indiquez le lien de réservation" in text
    assert not WorkshopPage.objects.filter(slug="sans-numero").exists()


def test_participants_can_only_be_typed_once_the_date_has_passed():
    club = make_territory(departments="14")
    workshop = make_workshop(make_place(club, phone="02 31 00 11 22"), sessions=[make_session(5)])
    client = staff_client(club)
    data = form_data(client.get(f"/admin/pages/{workshop.pk}/edit/").content)
    data["sessions-0-participants"] = "6"
    data["action-publish"] = "1"
    response = client.post(f"/admin/pages/{workshop.pk}/edit/", data)
    assert "Cette date n'est pas encore passée" in words(soup(response))
    assert WorkshopPage.objects.get(pk=workshop.pk).sessions.get().participants is None


# --- past, full, cancelled -------------------------------------------------------------------


def test_an_ended_workshop_leaves_the_lists_but_keeps_its_page_marked_past(guide):
    place = make_place(phone="02 31 00 11 22")
    ended = make_workshop(place, title="Atelier terminé", sessions=[make_session(-3)], guides=[guide])
    coming = make_workshop(place, title="Atelier à venir", guides=[guide])
    for url in (index().url, place.url, guide.url, "/"):
        shown = titles(Client().get(url))
        assert "Atelier terminé" not in shown and "Atelier à venir" in shown, url
    page = soup(Client().get(ended.url))
    assert "Cet atelier est passé" in words(page.select_one(".workshop__past"))
    assert "annulé" not in words(page.select_one("main")).lower()
    assert page.find("a", string=re.compile("Imprimer l'affiche")) is None
    feed = ical_events(Client().get(index().subpage_url("place_feed", args=[str(place.pk)])))
    assert [str(e["summary"]) for e in feed] == [f"Atelier : {coming.title}"]
    assert "passé" in ended.summary


def test_full_and_cancelled_workshops_say_so_in_list_page_ical_and_json_ld():
    place = make_place(phone="02 31 00 11 22")
    full = make_workshop(place, title="Atelier plein", status="complet", seats=6, seats_left=0)
    cancelled = make_workshop(place, title="Atelier annulé", status="annule")
    listing = soup(Client().get(index().url))
    badges = {
        words(card.select_one(".card__link")): words(card.select_one(".badge"))
        if card.select_one(".badge")
        else ""
        for card in listing.select(".workshop-card")
    }
    assert badges["Atelier plein"] == "Complet" and badges["Atelier annulé"] == "Annulé"

    for workshop, sentence, status, ld_status in (
        (full, "Cet atelier est complet.", "CONFIRMED", "EventScheduled"),
        (cancelled, "Cet atelier est annulé.", "CANCELLED", "EventCancelled"),
    ):
        page = soup(Client().get(workshop.url))
        assert sentence in words(page.select_one("main"))
        events = ical_events(Client().get(workshop.url + "agenda.ics"))
        assert [str(e["status"]) for e in events] == [status]
        data = json.loads(page.find("script", type="application/ld+json").string)
        event = data["@graph"][0]
        assert event["eventStatus"] == f"https://schema.org/{ld_status}"
        assert event["location"]["address"]["postalCode"] == place.postcode
        assert event["isAccessibleForFree"] is True
    assert (
        json.loads(soup(Client().get(full.url)).find("script", type="application/ld+json").string)["@graph"][
            0
        ]["remainingAttendeeCapacity"]
        == 0
    )
    assert "COMPLET" in str(ical_events(Client().get(full.url + "agenda.ics"))[0]["summary"])


def test_one_cancelled_date_of_a_series_is_struck_but_the_series_goes_on():
    workshop = make_workshop(
        sessions=[make_session(3, status="annule"), make_session(10), make_session(17, status="complet")]
    )
    page = soup(Client().get(workshop.url))
    rows = [words(li) for li in page.select(".workshop__sessions li")]
    assert (
        rows[0].endswith(": annulé") and rows[2].endswith(": complet") and ":" not in rows[1].split(",")[-1]
    )
    assert page.select_one(".workshop__state .badge") is None  # the workshop itself still takes place
    statuses = [str(e["status"]) for e in ical_events(Client().get(workshop.url + "agenda.ics"))]
    assert statuses == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    card = next(
        c for c in soup(Client().get(index().url)).select(".workshop-card") if workshop.title in words(c)
    )
    next_date = rendering.session_fr(workshop.engine_sessions()[1], days_from_today(0))
    assert next_date in words(card)


# --- /ateliers/: proximity, filters, pages ------------------------------------------------------


def test_list_groups_workshops_by_honest_proximity():
    lisieux = make_workshop(make_place(phone="02 31 00 11 22"), title="Atelier à Lisieux")
    marseille_place = make_place(
        make_territory(departments="13"),
        postcode="13003",
        insee="13203",
        commune="Marseille",
        phone="04 91 00 11 22",
    )
    make_workshop(marseille_place, title="Atelier à Marseille")
    page = soup(Client().get(index().url, {"ou": "14100"}))
    groups = {
        words(h3): [words(a) for a in h3.find_next_sibling("ul").select(".card__link")]
        for h3 in page.select("h3.directory-group")
    }
    first_heading = words(page.select("h3.directory-group")[0])
    assert first_heading == "À Lisieux" and lisieux.title in groups["À Lisieux"]
    far = [heading for heading, shown in groups.items() if "Atelier à Marseille" in shown]
    assert far and far[0] not in ("À Lisieux", "Autour de Lisieux", "Dans le Calvados")


def test_filters_by_theme_and_month_without_javascript():
    place = make_place(phone="02 31 00 11 22")
    soon = make_workshop(place, title="Atelier RIB", themes=["banque-rib"], sessions=[make_session(2)])
    later = make_workshop(
        place, title="Atelier chéquier", themes=["banque-chequier"], sessions=[make_session(70)]
    )
    shown = titles(Client().get(index().url, {"theme": "banque-rib"}))
    assert soon.title in shown and later.title not in shown
    month = later.engine_sessions()[0].day.strftime("%Y-%m")
    shown = titles(Client().get(index().url, {"mois": month}))
    assert later.title in shown and soon.title not in shown
    page = soup(Client().get(index().url))
    assert page.select_one("form.directory-filters")["method"] == "get"
    assert month in [o["value"] for o in page.select("#filtre-mois option")]


def test_a_filtered_list_is_answered_from_the_shared_cache_whatever_the_spelling():
    make_workshop(make_place(phone="02 31 00 11 22"), title="Atelier à Lisieux", themes=["banque-rib"])
    url = index().url
    first = Client().get(url, {"ou": "Lisieux", "theme": "banque-rib", "mois": ""})
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url, {"ou": " lisieux", "theme": "banque-rib"})
    assert len(queries) == 0 and again.content == first.content
    assert soup(again).select_one("#filtre-ou")["value"] == "Lisieux"
    assert "Atelier à Lisieux" in titles(again)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"ou": "<script>alert(1)</script>"}, None),
        ({"theme": "rien\x00"}, "Ce thème n'existe pas."),
        ({"mois": "2027-13"}, "Ce mois n'existe pas."),
        ({"page": "deux"}, "Ce numéro de page n'existe pas"),
    ],
)
def test_malformed_filters_answer_with_a_french_alert(params, message):
    make_workshop()
    response = Client().get(index().url, params)
    # A wrong filter is an error to correct (summary); an impossible page number only a notice
    # above the first page of the list, as on the directory.
    alert = soup(response).select_one(
        "p.callout" if "page" in params else "[data-error-summary] [role=alert]"
    )
    assert alert is not None
    if message:
        assert message in words(alert)
    assert b"<script>alert(1)" not in response.content


def test_the_list_is_paginated(monkeypatch):
    monkeypatch.setattr(rendering, "PER_PAGE", 2)
    place = make_place(phone="02 31 00 11 22")
    made = [
        make_workshop(place, title=f"Série {n}", themes=["handicap"], sessions=[make_session(30 + n)])
        for n in range(3)
    ]
    first = titles(Client().get(index().url, {"theme": "handicap"}))
    second_page = Client().get(index().url, {"theme": "handicap", "page": "99"})  # the last page
    page = soup(second_page)
    assert first == ["Série 0", "Série 1"] and titles(second_page) == ["Série 2"]
    assert [w.title for w in made] == first + titles(second_page)
    assert "Page" in words(page.select_one("nav.pagination"))
    prev = page.select_one("nav.pagination a")["href"]
    assert "theme=handicap" in prev and "page=" not in prev  # the first page has no number


# --- poster ------------------------------------------------------------------------------------


def test_poster_shows_dates_sign_up_and_a_qr_code_to_the_page():
    workshop = make_workshop(sessions=[make_session(4), make_session(11)], bring="Votre téléphone")
    page = soup(Client().get(workshop.url))
    link = page.find("a", string="Imprimer l'affiche de l'atelier")
    assert link["href"] == workshop.url + "affiche/"
    response = Client().get(link["href"])
    assert "no-cache" in response["Cache-Control"]
    poster = soup(response).select_one("main article.poster")
    assert workshop.title in words(poster.h1)
    assert len(poster.select(".poster__sessions li")) == 2
    assert "02 31 00 11 22" in words(poster.select_one(".poster__contact"))
    assert "Votre téléphone" in words(poster)
    assert poster.select_one("img.poster__qr")["src"].startswith("data:image/svg+xml")
    assert words(poster.select_one(".poster__url")) == workshop.full_url
    assert workshop.full_url.startswith("http")


# --- site-wide ---------------------------------------------------------------------------------


def test_the_list_and_workshops_are_in_the_sitemap(demo_site):
    urls = sitemap_urls(Client())  # the index followed to each section
    assert index().full_url in urls
    workshop = WorkshopPage.objects.live().first()
    assert workshop.full_url in urls


def test_the_list_is_made_by_a_migration_at_ateliers():
    found = index()
    assert found.slug == "ateliers" and found.url == "/ateliers/"
    assert found.get_parent().specific_class.__name__ == "HomePage"


def test_the_demo_has_a_season_with_a_series_a_cancelled_date_a_full_and_a_past_workshop(demo_site):
    workshops = list(WorkshopPage.objects.live())
    communes = {w.commune for w in workshops}
    assert {"Lisieux", "Marseille"} <= communes
    assert any(w.sessions.count() == 3 for w in workshops)
    assert any(w.sessions.filter(status="annule").exists() for w in workshops)
    assert any(w.status == "complet" for w in workshops)
    assert any(w.is_past for w in workshops)
    assert all(isinstance(w.get_parent().specific, LocationPage) for w in workshops)


def test_in_development_the_demo_past_workshop_feeds_demo_activity_and_reset_still_works(demo_site, settings):
    settings.DEBUG = True  # made-up activity only in development, as activity's own demo
    call_command("load_demo", "--reset", "--noinput", stdout=io.StringIO())
    past = WorkshopPage.objects.get(slug="scanner-un-document")
    record = ActivityRecord.objects.get(workshop_session__session__page=past)
    assert record.is_demo and record.kind == "atelier" and record.participants == 7
    # The next reset removes them with the demo (workshops first, then activity's demo records),
    # so the demo clubs can go: nothing protects them any more.
    home = past.get_site().root_page
    workshops_demo.reset(home)
    activity_demo.reset(home)
    assert not ActivityRecord.objects.filter(pk=record.pk).exists()


def test_a_renamed_list_moves_its_feeds_and_every_link_to_it():
    place = make_place(phone="02 31 00 11 22")
    workshop = make_workshop(place)
    moved = rename(index(), "ateliers-numeriques")
    assert moved.url == "/ateliers-numeriques/"
    feed = f"/ateliers-numeriques/lieu/{place.pk}.ics"
    assert feed in [a["href"] for a in soup(Client().get(place.url)).select(".workshops-upcoming a")]
    assert len(ical_events(Client().get(feed))) == 1
    assert len(ical_events(Client().get("/ateliers-numeriques/theme/banque-virement.ics"))) >= 1
    assert "/ateliers-numeriques/" in [a["href"] for a in soup(Client().get(workshop.url)).select("#menu a")]
    assert Client().get(f"/ateliers/lieu/{place.pk}.ics").status_code == 404


def test_a_workshop_under_a_private_place_is_listed_nowhere():
    place = make_place(phone="02 31 00 11 22")
    make_workshop(place, title="Atelier réservé")
    PageViewRestriction.objects.create(page=place, restriction_type="password", password="x")
    cache.clear()  # privacy is no publication: like every cached page, the cards follow within a minute
    for url in (index().url, "/"):
        assert "Atelier réservé" not in titles(Client().get(url)), url


def test_a_session_during_a_closure_is_refused_in_the_admin_and_said_cancelled_everywhere(client):
    """A place closed 24 December – 1 January: its staff cannot add a workshop date on the 26th
    (unless marked cancelled); a date already there reads « annulé (fermeture) » on the page,
    the poster and the agenda."""
    from locations.tests.factories import make_closure

    club = make_territory(departments="14")
    closed = days_from_today(10)
    place = make_place(
        club,
        phone="02 31 00 11 22",
        closures=[make_closure(closed, closed + datetime.timedelta(days=3), "Noël")],
    )
    staff = staff_client(club)
    add_url = f"/admin/pages/add/workshops/workshoppage/{place.pk}/"
    data = form_data(staff.get(add_url).content)
    data.update({"title": "Atelier de Noël", "slug": "atelier-de-noel", "themes": ["banque-virement"]})
    data.update({"signup": ["telephone"], "action-publish": "1"})
    add_row(
        data, "sessions", date=(closed + datetime.timedelta(days=2)).isoformat(), start="14:00", end="16:00"
    )
    response = staff.post(add_url, data)
    assert response.status_code == 200 and not WorkshopPage.objects.filter(slug="atelier-de-noel").exists()
    assert "Le lieu est fermé ce jour-là" in words(soup(response))

    workshop = make_workshop(place, sessions=[make_session(days=11), make_session(days=20)])
    page = soup(client.get(workshop.url))
    rows = [words(li) for li in page.select(".workshop__sessions li")]
    assert rows[0].endswith(": annulé (fermeture)") and "annulé" not in rows[1]
    poster = soup(client.get(workshop.url + "affiche/"))
    assert "annulé (fermeture)" in words(poster)
    events = ical_events(client.get(workshop.url + "agenda.ics"))
    assert [str(e["status"]) for e in events] == ["CANCELLED", "CONFIRMED"]
    assert str(events[0]["summary"]).startswith("ANNULÉ (FERMETURE) — ")


def test_ateliers_cards_say_a_date_is_cancelled_by_a_closure_and_never_offer_it_as_next(client):
    """Issue 31: on /ateliers/ a date during the place's closure reads « Annulé (fermeture) »,
    and the next date offered is the first one the place is open."""
    from locations.tests.factories import make_closure
    from workshops.vocabulary import Session, session_fr

    def said(days):  # how a page writes that date, 14 h–16 h
        return session_fr(Session(days_from_today(days), datetime.time(14), datetime.time(16)), today)

    closed = days_from_today(10)
    place = make_place(closures=[make_closure(closed, closed + datetime.timedelta(days=3), "Noël")])
    make_workshop(place, title="Atelier série", sessions=[make_session(days=11), make_session(days=20)])
    make_workshop(place, title="Atelier unique", sessions=[make_session(days=12)])
    cache.clear()
    cards = {
        words(card.select_one(".card__link")): card
        for card in soup(client.get(index().url)).select(".workshop-card")
    }
    today = days_from_today(0)
    series = words(cards["Atelier série"])
    assert f"Prochaine date : {said(20)}" in series
    assert f"Annulé (fermeture) : {said(11)}" in series
    single = words(cards["Atelier unique"])
    assert "Prochaine date" not in single
    assert f"Était prévu : {said(12)} — annulé (fermeture)" in single
    assert "workshop-card--cancelled" in cards["Atelier unique"]["class"]
    # The place's own page lists them the same way (with the closures it has read already).
    here = {
        words(card.select_one(".card__link")): words(card)
        for card in soup(client.get(place.url)).select(".workshop-card")
    }
    assert f"Prochaine date : {said(20)}" in here["Atelier série"]
    assert f"Annulé (fermeture) : {said(11)}" in here["Atelier série"]
