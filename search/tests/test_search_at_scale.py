"""Search at national scale: the site's vocabulary follows each publication without re-reading
every page, a search's page is shared in the cache when it is made of the site's own words, and
every search is counted once in the editors' statistics, from the cache or not."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query

from guides.tests.factories import make_term
from home.models import StandardPage
from home.tests.factories import home_page, publish
from locations.models import LocationPage
from locations.tests.factories import make_territory
from search import hits as search_hits
from search import words
from search.models import Word

pytestmark = pytest.mark.django_db


def standard_page(title, intro=""):
    return publish(StandardPage(title=title, intro=intro), home_page())


def suggestion(client, typed):
    """The corrected query the search offers for `typed`, or None."""
    html = BeautifulSoup(client.get("/recherche/", {"q": typed}).content, "html.parser")
    found = html.select_one(".search-correction a")
    return found.get_text(strip=True) if found else None


def page_keys():
    keys = set(cache.keys("*")) if hasattr(cache, "keys") else set(cache._cache)
    return {key for key in keys if "search:page:" in key}


def hits(text):
    return Query.get(text).hits


def test_a_published_word_is_corrected_until_its_page_is_edited_or_unpublished(client):
    assert suggestion(client, "quetzalcaotl") is None
    page = standard_page("Le quetzalcoatl de la médiathèque")
    assert suggestion(client, "quetzalcaotl") == "quetzalcoatl"

    page.title = "Le xochipilli de la médiathèque"
    page.save_revision().publish()
    assert suggestion(client, "quetzalcaotl") is None  # a word no page uses any more
    assert suggestion(client, "xochipili") == "xochipilli"

    page.unpublish()
    assert suggestion(client, "xochipili") is None
    assert not Word.objects.filter(word="xochipilli").exists()


def test_a_draft_does_not_change_the_vocabulary_a_deleted_page_does(client):
    page = standard_page("Le quetzalcoatl de la médiathèque")
    page.title = "Le xochipilli de la médiathèque"
    page.save_revision()  # a draft: visitors still read the published title
    assert suggestion(client, "quetzalcaotl") == "quetzalcoatl"
    assert suggestion(client, "xochipili") is None
    page.delete()
    assert suggestion(client, "quetzalcaotl") is None


def test_a_glossary_term_brings_its_words(client):
    term = make_term("Tlalocanium", definition="Un mot du glossaire.")
    assert suggestion(client, "tlalocaniom") == "tlalocanium"
    term.delete()
    assert suggestion(client, "tlalocaniom") is None


def test_the_rebuild_command_finds_the_same_words_as_publishing(client):
    # From a rebuilt vocabulary (pages other tests left may not have sent their signals in a
    # transaction that never commits), a publication must change it as a rebuild would.
    call_command("rebuild_search_words", stdout=open("/dev/null", "w"))  # noqa: SIM115
    standard_page("Le quetzalcoatl de la médiathèque")
    before = dict(Word.objects.values_list("word", "count"))
    Word.objects.all().delete()
    call_command("rebuild_search_words", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert dict(Word.objects.values_list("word", "count")) == before
    assert suggestion(client, "quetzalcaotl") == "quetzalcoatl"


def add_places(territory, first, last):
    for i in range(first, last):
        page = LocationPage(
            title=f"Permanence des Glycines {i:03d}",
            slug=f"glycines-{i}",
            address=f"{i} rue des Glycines",
            postcode="14100",
            insee="14366",
            commune="Lisieux",
            intro="Permanence numérique au centre social des Glycines.",
        )
        territory.add_child(instance=page)


def cold_queries(client, text):
    cache.clear()  # after a publication: no page, no vocabulary version, no results in the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/recherche/", {"q": text}).status_code == 200
    return len(queries)


def test_a_cold_search_runs_as_many_queries_at_300_places_as_at_30(
    client, django_capture_on_commit_callbacks
):
    territory = make_territory("Club des Glycines")
    with django_capture_on_commit_callbacks(execute=True):  # places added live, as an import does
        add_places(territory, 0, 30)
    assert Word.objects.filter(word="glycines").exists()
    small = cold_queries(client, "glycines")
    with django_capture_on_commit_callbacks(execute=True):
        add_places(territory, 30, 300)
    assert cold_queries(client, "glycines") == small


def test_a_search_made_of_the_sites_words_is_served_whole_from_the_cache(client):
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    first = client.get("/recherche/", {"q": "virement Tombouctou"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/recherche/", {"q": "virement Tombouctou"})
    assert len(queries) == 0
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "virement zqxjkw"},  # a word the site never uses
        {"q": "virment Tombouctou"},  # corrected: the page names the typo
        {"q": "virement 0612345678"},
        {"q": "virement", "utm_source": "ailleurs"},
        {"q": "virement", "type": "<b>x</b>"},
        {"q": "virement", "page": "99999"},
        {"q": ["virement", "cheque"]},
    ],
)
def test_a_hostile_or_unknown_search_adds_no_page_to_the_cache(client, params):
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    for _ in range(2):
        assert client.get("/recherche/", params).status_code == 200
    assert not page_keys()


def test_an_editors_search_is_never_shared(client, django_user_model):
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "pw"))
    client.get("/recherche/", {"q": "virement Tombouctou"})
    assert not page_keys()


def test_each_search_is_counted_once_even_when_served_from_the_cache(client):
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    for _ in range(4):
        client.get("/recherche/", {"q": "virement Tombouctou"})
    client.get("/recherche/", {"q": "Virement  tombouctou"})  # the same query for the statistics
    client.get("/recherche/", {"q": "virement Tombouctou", "page": "2"})  # not a new search
    client.get("/recherche/", {"q": "virement Tombouctou", "type": "guides"})
    call_command("flush_search_hits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert hits("virement tombouctou") == 5
    call_command("flush_search_hits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert hits("virement tombouctou") == 5  # written once
    client.get("/recherche/", {"q": "virement Tombouctou"})
    call_command("flush_search_hits", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert hits("virement tombouctou") == 6


def test_the_searches_report_shows_the_searches_counted_in_the_cache(client, django_user_model):
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    for _ in range(3):
        client.get("/recherche/", {"q": "virement Tombouctou"})
    client.force_login(django_user_model.objects.create_superuser("chef", "chef@example.org", "pw"))
    assert client.get("/admin/reports/recherches-sans-resultat/").status_code == 200
    assert hits("virement tombouctou") == 3
    assert Query.get("virement tombouctou").outcome.result_count >= 1


def test_a_visitors_search_writes_nothing_until_the_flush_writes_every_one(client):
    """On SQLite a visitor's write would hold the file a publish waits for: searches are only
    counted, those of the site's words as well as any other, and written in one go later."""
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    with CaptureQueriesContext(connection) as queries:
        for text in ("virement Tombouctou", "virement Tombouctou", "xylophone", "virment"):
            assert client.get("/recherche/", {"q": text}).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert hits("virement tombouctou") == 0
    assert search_hits.flush() == 4
    assert (hits("virement tombouctou"), hits("xylophone"), hits("virment")) == (2, 1, 1)
    assert Query.get("xylophone").outcome.result_count == 0


def test_statistics_the_database_refuses_are_kept_for_the_next_flush(client, monkeypatch):
    from django.db import OperationalError

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    client.get("/recherche/", {"q": "xylophone"})
    monkeypatch.setattr("search.hits.write", locked)
    assert search_hits.flush() == 0
    monkeypatch.undo()
    assert search_hits.flush() == 1
    assert hits("xylophone") == 1


def test_vocabulary_reads_one_table_not_the_pages(django_assert_num_queries):
    standard_page("Le quetzalcoatl de la médiathèque")
    cache.clear()
    with django_assert_num_queries(1):
        counts, known_stems = words.site_vocabulary()
    assert "quetzalcoatl" in counts and "quetzalcoatl" in known_stems
    with django_assert_num_queries(0):
        words.site_vocabulary()  # until the word set changes


def test_a_word_of_more_places_than_listed_says_so_and_lists_those_with_every_word_first(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("search.service.MAX_PLACES", 5)
    territory = make_territory("Club des Glycines")
    with django_capture_on_commit_callbacks(execute=True):
        add_places(territory, 0, 8)
        # Last in the tree, the only one with both words.
        territory.add_child(
            instance=LocationPage(
                title="Tilleuls et Glycines",
                slug="tilleuls",
                address="1 rue des Tilleuls",
                postcode="14100",
                insee="14366",
                commune="Lisieux",
            )
        )
    standard_page("Les glycines du jardin")  # another type: the page shows the type filters
    html = BeautifulSoup(client.get("/recherche/", {"q": "glycines tilleuls"}).content, "html.parser")
    titles = [link.get_text(strip=True) for link in html.select(".search-results a")]
    assert titles.index("Tilleuls et Glycines") < titles.index("Permanence des Glycines 000")
    status = html.select_one(".results-count").get_text(" ", strip=True)
    assert status.startswith("Plus de ")
    # The 5 places listed and the territory page.
    assert "Lieux (plus de 6)" in html.select_one(".result-types").get_text(" ", strip=True)


def test_a_word_of_fewer_places_than_listed_gives_their_exact_number(
    client, django_capture_on_commit_callbacks
):
    territory = make_territory("Club des Glycines")
    with django_capture_on_commit_callbacks(execute=True):
        add_places(territory, 0, 8)
    standard_page("Les glycines du jardin")
    html = BeautifulSoup(client.get("/recherche/", {"q": "glycines"}).content, "html.parser")
    assert "Plus de" not in html.select_one(".results-count").get_text()
    assert "Lieux (9)" in html.select_one(".result-types").get_text(" ", strip=True)


def test_searches_served_from_the_cache_reach_the_statistics_even_if_the_cache_then_fails(
    client, monkeypatch
):
    monkeypatch.setattr("search.hits.shared", lambda: True)  # the local cache stands for Redis
    monkeypatch.setattr("search.hits.PUSH_SECONDS", 3600)  # held until the cache fails
    standard_page("Faire un virement vers Tombouctou", "Envoyer de l'argent.")
    for _ in range(3):  # the first reaches the database, the others are served from the cache
        client.get("/recherche/", {"q": "virement Tombouctou"})
    assert hits("virement tombouctou") == 0  # counted in this process

    def unavailable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr("search.hits._add", unavailable)
    monkeypatch.setattr("search.hits.PUSH_SECONDS", 0)  # a second later
    client.get("/")  # any request of this process adds what it counted
    assert hits("virement tombouctou") == 3  # written to the database instead
