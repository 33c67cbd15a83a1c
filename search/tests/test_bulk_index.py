"""The import's bulk search index writer leaves exactly the rows Wagtail's backend writes."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from locations.models import LocationPage
from locations.tests.factories import make_place, make_territory
from search import bulk_index

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search index only"),
]


def index_rows(pages):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, body::text, autocomplete::text, title_text, body_text "
            "FROM wagtailsearch_indexentry WHERE object_id = ANY(%s) ORDER BY object_id",
            [[str(page.pk) for page in pages]],
        )
        return cursor.fetchall()


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
    territory = make_territory()
    pages = [
        make_place(territory, title="Médiathèque André-Malraux de la ville"),
        make_place(territory, title="Mairie"),
    ]
    get_search_backend().add_bulk(LocationPage, pages)
    norms = "SELECT object_id, title_norm FROM wagtailsearch_indexentry WHERE object_id = ANY(%s) ORDER BY 1"
    with connection.cursor() as cursor:
        cursor.execute(norms, [[str(page.pk) for page in pages]])
        expected = cursor.fetchall()
        average = bulk_index.title_length_average()
        cursor.execute(
            "DELETE FROM wagtailsearch_indexentry WHERE object_id = ANY(%s)", [[str(p.pk) for p in pages]]
        )
        bulk_index.add_bulk(LocationPage, pages, title_average=average)
        cursor.execute(norms, [[str(page.pk) for page in pages]])
        written = cursor.fetchall()
    assert [pk for pk, _norm in written] == [pk for pk, _norm in expected]
    assert [round(norm, 6) for _pk, norm in written] == [round(norm, 6) for _pk, norm in expected]
    assert expected[0][1] != expected[1][1]  # a long title and a short one: two different norms
