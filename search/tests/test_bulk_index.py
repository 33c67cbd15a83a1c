"""The import's bulk search index writer leaves exactly the rows Wagtail's backend writes."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from locations.models import LocationPage
from locations.tests.factories import make_place, make_territory
from search import bulk_index

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search index")


def index_rows(pages):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, body::text, autocomplete::text, title_text, body_text "
            "FROM wagtailsearch_indexentry WHERE object_id = ANY(%s) ORDER BY object_id",
            [[str(page.pk) for page in pages]],
        )
        return cursor.fetchall()


@postgresql_only
def test_bulk_rows_equal_the_backends_rows():
    territory = make_territory()
    pages = [
        make_place(territory, title="Médiathèque André-Malraux", intro="Aide aux démarches en ligne"),
        make_place(territory, title="France services de Lisieux", intro=""),  # an empty column
        make_place(territory, title="Le la les", commune="Caen", postcode="14000", insee="14118"),
    ]
    pages = list(LocationPage.objects.filter(pk__in=[page.pk for page in pages]))
    get_search_backend().add_bulk(LocationPage, pages)
    expected = index_rows(pages)
    assert len(expected) == 3 and all(row[1] and row[2] for row in expected)

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM wagtailsearch_indexentry")
    bulk_index.add_bulk(LocationPage, pages)
    assert index_rows(pages) == expected

    # An update in place (ON CONFLICT) too.
    pages[0].title = "Médiathèque Jacques-Prévert"
    bulk_index.add_bulk(LocationPage, pages)
    updated = index_rows(pages)
    get_search_backend().add_bulk(LocationPage, pages)
    assert updated == index_rows(pages) != expected


def test_imported_places_are_found_by_search():
    territory = make_territory()
    page = make_place(territory, title="Espace numérique des Quatrans")
    bulk_index.add_bulk(LocationPage, [page])
    assert page in LocationPage.objects.live().search("quatrans")


def test_norms_written_from_the_average_are_the_backends():
    """PostgreSQL and SQLite: the norms given with the batch are those the backend computes."""
    territory = make_territory()
    pages = [
        make_place(territory, title="Médiathèque André-Malraux de la ville"),
        make_place(territory, title="Mairie"),
    ]
    entries = (
        get_search_backend()
        .get_index_for_model(LocationPage)
        .entries.filter(object_id__in=[str(page.pk) for page in pages])
    )
    entries.delete()  # indexed on save: added again below as new entries, as by an import
    get_search_backend().add_bulk(LocationPage, pages)
    expected = dict(entries.values_list("object_id", "title_norm"))
    average = bulk_index.title_length_average(LocationPage)
    entries.delete()
    bulk_index.add_bulk(LocationPage, pages, title_average=average)
    written = dict(entries.values_list("object_id", "title_norm"))
    assert written.keys() == expected.keys()
    assert {pk: round(norm, 6) for pk, norm in written.items()} == {
        pk: round(norm, 6) for pk, norm in expected.items()
    }
    assert len(set(expected.values())) == 2  # a long title and a short one: two different norms
