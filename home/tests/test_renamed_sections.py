"""Every path is a page's slug or a route of its page: an editor who renames a section (or a
guide, a club, a place) in the Promote tab moves the page, its routes and every link to it.

Each test renames a page the way an editor does (new slug, publish), then follows the new URLs
and the links that point to them."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup

from guides.models import (
    GlossaryPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    LearningPathGuide,
    LearningPathIndexPage,
    LearningPathPage,
)
from home.models import HomePage, SitePlanPage
from locations.models import LocationIndexPage, LocationPage, TerritoryPage
from partners.models import OrientationPage, PartnerIndexPage

from .factories import guide_fields, make_page, place_fields, rename

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response
    return BeautifulSoup(response.content, "html.parser")


def hrefs(soup, selector="a"):
    return [a["href"] for a in soup.select(selector) if a.has_attr("href")]


def ok(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response


def home_doors(client):
    return hrefs(html(client.get("/")), "main .card__link")


def menu(client, url="/"):
    return hrefs(html(client.get(url)), "#menu a")


def zero_result_links(client):
    return hrefs(html(client.get("/recherche/", {"q": "zzzzqqq"})), "main .card__link")


def guide_stuck_links(client, guide):
    return hrefs(html(client.get(guide.url)), ".guide-stuck a")


@pytest.fixture
def home(demo_site):
    return HomePage.objects.get(locale__language_code="fr")


@pytest.fixture
def guide(home):
    index = GuideIndexPage.objects.get(locale__language_code="fr")
    return make_page(index, GuidePage, **guide_fields("Envoyer un RIB", slug="envoyer-un-rib-test"))


@pytest.fixture
def place(home):
    club = TerritoryPage.objects.get(slug="face-normandie")
    return make_page(club, LocationPage, **place_fields("Maison du test", slug="maison-du-test"))


# --- guides -------------------------------------------------------------------------------


def test_renamed_guides_index_moves_its_guides_their_handouts_and_the_links(client, guide):
    rename(GuideIndexPage.objects.get(locale__language_code="fr"), "fiches-pratiques")
    guide.refresh_from_db()
    assert guide.url == "/fiches-pratiques/envoyer-un-rib-test/"
    assert client.get("/guides/").status_code == 404
    ok(client, "/fiches-pratiques/")
    page = html(ok(client, guide.url))
    assert "/fiches-pratiques/envoyer-un-rib-test/fiche.pdf" in hrefs(page, ".guide-handout a")
    form = page.select_one(".guide-handout form")
    assert form["action"] == "/fiches-pratiques/envoyer-un-rib-test/fiche.pdf"
    pdf = ok(client, "/fiches-pratiques/envoyer-un-rib-test/fiche.pdf", gros="1", lieu="creully")
    assert pdf["Content-Type"] == "application/pdf" and pdf["X-Robots-Tag"] == "noindex"
    assert client.get("/guides/envoyer-un-rib-test/fiche.pdf").status_code == 404
    assert "/fiches-pratiques/" in home_doors(client)
    assert "/fiches-pratiques/" in menu(client)
    assert "/fiches-pratiques/" in zero_result_links(client)


def test_renamed_guide_moves_its_handout(client, guide):
    guide = rename(guide, "envoyer-son-rib")
    page = html(ok(client, "/guides/envoyer-son-rib/"))
    assert "/guides/envoyer-son-rib/fiche.pdf" in hrefs(page, ".guide-handout a")
    assert ok(client, "/guides/envoyer-son-rib/fiche.pdf")["Content-Type"] == "application/pdf"
    assert client.get("/guides/envoyer-un-rib-test/fiche.pdf").status_code == 404
    assert "/guides/envoyer-son-rib/" in hrefs(html(client.get("/guides/")), "main a")


def test_renamed_glossary_is_where_guides_and_search_send_readers(client, guide):
    rename(GlossaryPage.objects.get(locale__language_code="fr"), "lexique")
    assert client.get("/glossaire/").status_code == 404
    ok(client, "/lexique/")
    page = html(ok(client, guide.url))
    glossary_links = hrefs(page, ".guide-steps a.glossary-link")
    assert glossary_links == ["/lexique/#iban"]
    assert "/lexique/" in hrefs(page, ".guide-stuck a")
    assert "/lexique/" in hrefs(html(client.get("/guides/")), "main a")
    assert GlossaryTerm.objects.get(slug="iban", locale__language_code="fr").get_url() == "/lexique/#iban"
    results = hrefs(html(client.get("/recherche/", {"q": "IBAN", "type": "glossaire"})), "main a")
    assert "/lexique/#iban" in results
    assert "/lexique/" in home_doors(client)


# --- learning paths -----------------------------------------------------------------------


def test_renamed_learning_paths_keep_guiding_from_guide_to_guide(client, guide):
    index = rename(LearningPathIndexPage.objects.get(), "chemins")
    path = make_page(index, LearningPathPage, title="Premiers pas", slug="premiers-pas")
    second = GuidePage.objects.live().exclude(pk=guide.pk).first()
    for order, item in enumerate([guide, second]):
        LearningPathGuide.objects.create(path=path, guide=item, sort_order=order)
    path.save_revision().publish()
    assert client.get("/parcours/").status_code == 404
    assert "/chemins/premiers-pas/" in hrefs(html(ok(client, "/chemins/")), "main a")
    path = rename(path, "debuter")
    steps = hrefs(html(ok(client, "/chemins/debuter/")), "main a")
    first_step = f"{guide.url}?parcours=debuter"
    assert first_step in steps
    navigation = html(ok(client, first_step)).select_one(".path-nav")
    assert navigation is not None
    assert "/chemins/debuter/" in hrefs(navigation)
    assert any(href.startswith(second.url) and "parcours=debuter" in href for href in hrefs(navigation))
    assert "/chemins/" in hrefs(html(client.get("/guides/")), "main a")
    assert "/chemins/" in home_doors(client)


# --- places -------------------------------------------------------------------------------


def test_renamed_directory_moves_places_their_routes_exports_and_links(client, guide, place):
    rename(LocationIndexPage.objects.get(), "annuaire")
    base = "/annuaire/face-normandie/maison-du-test/"
    assert client.get("/lieux/").status_code == 404
    directory = html(ok(client, "/annuaire/"))
    assert base in hrefs(directory, "main a")
    exports = [h for h in hrefs(directory, "main a") if "export" in h]
    assert exports == [
        "/annuaire/export/lieux-mediation-numerique.csv",
        "/annuaire/export/lieux-mediation-numerique.json",
    ]
    page = html(ok(client, base))
    assert base + "agenda.ics" in hrefs(page, "main a")
    assert page.select_one('link[rel="alternate"][type="text/calendar"]')["href"] == base + "agenda.ics"
    assert base + "affiche/" in hrefs(page, "main a")
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["url"].endswith(base)
    agenda = ok(client, base + "agenda.ics")
    assert agenda["Content-Type"].startswith("text/calendar") and "no-cache" in agenda["Cache-Control"]
    assert "Maison du test" in ok(client, base + "affiche/").content.decode()
    assert client.get("/lieux/face-normandie/maison-du-test/agenda.ics").status_code == 404
    rows = list(csv.DictReader(io.StringIO(ok(client, exports[0]).getvalue().decode())))
    assert any(row["site_web"].endswith(base) for row in rows)
    records = json.loads(ok(client, exports[1]).getvalue())
    assert any(record["site_web"].endswith(base) for record in records)
    assert client.get("/lieux/export/lieux-mediation-numerique.csv").status_code == 404
    assert "/annuaire/" in guide_stuck_links(client, guide)
    assert "/annuaire/" in zero_result_links(client)
    assert "/annuaire/" in home_doors(client)
    assert "/annuaire/" in menu(client, base)


def test_renamed_club_moves_its_places_and_their_routes(client, place):
    club = rename(TerritoryPage.objects.get(slug="face-normandie"), "normandie")
    base = "/lieux/normandie/maison-du-test/"
    assert base in hrefs(html(ok(client, club.url)), "main a")
    assert base + "agenda.ics" in hrefs(html(ok(client, base)), "main a")
    ok(client, base + "agenda.ics")
    ok(client, base + "affiche/")
    assert client.get("/lieux/face-normandie/maison-du-test/").status_code == 404


def test_renamed_place_moves_its_agenda_and_poster(client, place):
    rename(place, "maison-renommee")
    base = "/lieux/face-normandie/maison-renommee/"
    page = html(ok(client, base))
    assert {base + "agenda.ics", base + "affiche/"} <= set(hrefs(page, "main a"))
    ok(client, base + "agenda.ics")
    poster = ok(client, base + "affiche/")
    assert "no-cache" in poster["Cache-Control"]
    assert client.get("/lieux/face-normandie/maison-du-test/affiche/").status_code == 404
    # The handout's « Votre permanence » box finds the place by its new slug.
    handout = GuidePage.objects.live().first().url + "fiche.pdf"
    assert client.get(handout, {"lieu": "maison-renommee"}).status_code == 200


# --- partners, orientation, site plan -----------------------------------------------------


def test_renamed_partners_index(client, home):
    rename(PartnerIndexPage.objects.get(), "acteurs-locaux")
    assert client.get("/partenaires/").status_code == 404
    ok(client, "/acteurs-locaux/")
    assert "/acteurs-locaux/" in home_doors(client)
    assert "/acteurs-locaux/" in menu(client)


def test_renamed_orientation_page_is_where_guides_and_search_send_readers(client, guide):
    rename(OrientationPage.objects.get(), "aide")
    assert client.get("/trouver-de-l-aide/").status_code == 404
    ok(client, "/aide/")
    stuck = [h for h in guide_stuck_links(client, guide) if h.startswith("/aide/")]
    assert stuck == [f"/aide/?besoin={guide.help_need}"]
    ok(client, stuck[0])
    assert "/aide/" in zero_result_links(client)
    assert "/aide/" in home_doors(client)


def test_renamed_site_plan_is_where_the_404_page_and_the_footer_send_readers(client, home):
    rename(SitePlanPage.objects.get(), "toutes-les-pages")
    assert client.get("/plan-du-site/").status_code == 404
    ok(client, "/toutes-les-pages/")
    not_found = client.get("/page-introuvable/")
    assert not_found.status_code == 404
    soup = BeautifulSoup(not_found.content, "html.parser")
    assert "/toutes-les-pages/" in hrefs(soup, "main a")
    assert "/toutes-les-pages/" in hrefs(soup, "footer a")
