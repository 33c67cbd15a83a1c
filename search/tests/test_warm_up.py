"""A server process reads the search's vocabulary when it starts (portal/wsgi.py), so that its
first visitor's search does not wait for it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import StandardPage
from home.tests.factories import home_page, publish
from search import french, generation, service, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_process(monkeypatch):
    """This process as a new server worker finds it: no vocabulary, no stem remembered."""
    monkeypatch.setattr(words, "_memo", [None, 0.0, None])
    monkeypatch.setattr(french, "_STEMS", {})


def test_a_warmed_process_answers_its_first_search_without_reading_the_vocabulary(client, fresh_process):
    publish(StandardPage(title="Le quetzalcoatl de la médiathèque"), home_page())
    words._memo[:] = [None, 0.0, None]  # the publication's own read, as another process did it
    service.warm_up()
    generation.bump()  # no result nor page cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/recherche/", {"q": "quetzalcoatl"})
    assert "quetzalcoatl" in response.content.decode().lower()
    assert not [query for query in queries if "search_word" in query["sql"]]


def test_the_vocabularys_words_are_not_stemmed_again(fresh_process, monkeypatch):
    publish(StandardPage(title="Les virements de la médiathèque"), home_page())
    words._memo[:] = [None, 0.0, None]
    french._STEMS.clear()
    words.site_vocabulary()

    def no_stemmer():
        raise AssertionError("a word of the vocabulary stemmed again")

    monkeypatch.setattr(french, "_stemmer", no_stemmer)
    # Ranking a result stems its whole text: the stems the table holds are used as they are.
    assert french.stems("Les virements de la médiathèque") == ["vir", "mediathequ"]
