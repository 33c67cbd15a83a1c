"""Many pages of one model written to the search index at once (an import's batch).

Wagtail's PostgreSQL backend (modelsearch) builds three SearchVector expressions per page
through the ORM and compiles each of them with its texts quoted client-side: about a third of a
national import went there. Here the very same texts and weights, read by the backend's own
ObjectIndexer, go to PostgreSQL as a few text arrays; one INSERT … SELECT FROM unnest(…) builds
the same vectors (setweight(to_tsvector(config, text), weight) joined with ||, piece by piece,
in the backend's order) and writes the same rows, then the backend refreshes its title norms as
after its own add_bulk. Any other backend (SQLite, tests) keeps its add_bulk.

The title norm is the average title length of the whole index over the entry's own: the
backends (PostgreSQL's and SQLite's) read that average and update their new entries (found by a
scan of the whole index) after each add, twice O(entries) per batch of an import. Given the
average (title_length_average(), once per import), each entry gets its norm with the batch.
"""

from django.db import connections, router
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresSearchBackend,
)
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backends

WEIGHTS = frozenset("ABCD")


class _TextIndexer(ObjectIndexer):
    """The backend's indexer, keeping each column's (text, weight) pieces instead of a vector.

    Its five columns each read every search field of the page again (each stemmed field five
    times): the values are read once here and given back to the other four."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self._prepared = {}

    def prepare_field(self, obj, field):
        if obj is not self.obj:  # a related object's field: as the backend does
            return super().prepare_field(obj, field)
        if id(field) not in self._prepared:
            self._prepared[id(field)] = list(super().prepare_field(obj, field))
        return iter(self._prepared[id(field)])

    def as_vector(self, texts, for_autocomplete=False):
        texts = [(text.strip(), weight) for text, weight in texts]
        return tuple((text, weight) for text, weight in texts if text)


def add_bulk(model, objs, title_average=None):
    """Index `objs` (instances of `model`) in every auto-updated search backend; with their
    title norms from `title_average` when given (else as the backend does: a scan of its whole
    index)."""
    objs = list(objs)
    if not objs:
        return
    for backend in get_search_backends(with_auto_update=True):
        if isinstance(backend, PostgresSearchBackend):
            _postgres_add(backend, model, objs, title_average)
        elif title_average is not None and hasattr(backend.index_class, "_refresh_title_norms"):
            _add_with_norms(backend, model, objs, title_average)
        else:
            backend.add_bulk(model, objs)


def _add_with_norms(backend, model, objs, title_average):
    """The backend's own add (SQLite's), then the norms of these entries only."""
    index = backend.get_index_for_model(model)  # a new instance each time: patched alone
    index._refresh_title_norms = lambda full=False: None
    index.add_items(model, objs)
    index.entries.filter(
        content_type_id=get_content_type_pk(model), object_id__in=[str(obj.pk) for obj in objs]
    ).annotate(title_length=Length("title")).filter(title_length__gt=0).update(
        title_norm=title_average / F("title_length")
    )


def title_length_average(model):
    """What the database search backends divide by a title's length for its norm: the average
    length of the non-empty titles in the index of `model`; None when there are none (or when
    the backend keeps no norms)."""
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        if hasattr(index, "entries") and hasattr(index, "_refresh_title_norms"):
            return (
                index.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
    return None


def _vector_sql(columns, weights, config):
    """The SQL of one vector from its pieces: what modelsearch's as_vector() compiles to."""
    if not columns:
        return "''::tsvector"  # the backend's empty vector
    assert set(weights) <= WEIGHTS
    config_sql = f"'{config}'::regconfig, " if config else ""
    return " || ".join(
        f"setweight(to_tsvector({config_sql}COALESCE(u.{column}, '')), '{weight}')"
        for column, weight in zip(columns, weights, strict=True)
    )


def _postgres_add(backend, model, objs, title_average=None):
    if not model.get_search_fields():
        return
    index = backend.get_index_for_model(model)
    connection = connections[router.db_for_write(IndexEntry)]
    for config in (backend.config, backend.autocomplete_config):
        # Interpolated into the SQL below (a regconfig name, from the settings): never a value.
        assert config is None or config.replace("_", "").isalnum(), config
    # Pages whose columns have the same number of pieces with the same weights share one query
    # (all the places of an import, whatever is empty in their row).
    groups = {}
    for obj in objs:
        indexer = _TextIndexer(obj, backend)
        vectors = (indexer.title, indexer.autocomplete, indexer.body)
        shape = tuple(tuple(weight for _text, weight in pieces) for pieces in vectors)
        groups.setdefault(shape, []).append((indexer, vectors))
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    content_type = get_content_type_pk(model)
    with connection.cursor() as cursor:
        for shape, rows in groups.items():
            names, arrays, vectors_sql = ["object_id", "title_text", "body_text"], [], []
            arrays += [
                [indexer.id for indexer, _v in rows],
                [indexer.title_text for indexer, _v in rows],
                [indexer.body_text for indexer, _v in rows],
            ]
            for position, (prefix, weights) in enumerate(zip(("t", "a", "b"), shape, strict=True)):
                columns = [f"{prefix}{i}" for i in range(len(weights))]
                for i in range(len(weights)):
                    arrays.append([vectors[position][i][0] for _indexer, vectors in rows])
                names += columns
                config = backend.autocomplete_config if prefix == "a" else backend.config
                vectors_sql.append(_vector_sql(columns, weights, config))
            title_sql, autocomplete_sql, body_sql = vectors_sql
            unnest = ", ".join(["%s::text[]"] * len(arrays))
            # Names and configs interpolated are checked above; every value is a parameter.
            # The backend's norm (average / the title's length), 1.0 for an empty title or
            # when the backend computes it below.
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm,
                                     title_text, body_text)
                SELECT %s, v.object_id, v.title, v.autocomplete, v.body,
                       CASE WHEN %s::float IS NOT NULL AND length(v.title) > 0
                            THEN %s::float / length(v.title) ELSE 1.0 END,
                       v.title_text, v.body_text
                FROM (SELECT u.object_id, {title_sql} AS title, {autocomplete_sql} AS autocomplete,
                             {body_sql} AS body, u.title_text, u.body_text
                      FROM unnest({unnest}) AS u({", ".join(names)})) AS v
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = EXCLUDED.title_norm,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608
                [content_type, title_average, title_average, *arrays],
            )
    if title_average is None:
        index._refresh_title_norms()
