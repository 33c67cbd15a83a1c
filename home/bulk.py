"""Many rows written at once, as fast as the database allows.

On PostgreSQL, Django's bulk_create sends each column as an array that psycopg quotes in Python
(client-side binding), after building a model instance per row: most of the time of a big
import's session table went there. COPY streams plain values in psycopg's own format instead.
Other databases keep bulk_create.
"""

from django.db import connections, router


def insert_rows(model, rows, batch_size=1000):
    """Insert `rows` into `model`'s table: dicts of field attname -> plain value (numbers, text,
    dates; JSON as its text), every dict with the same keys. No signals and no primary keys read
    back, like bulk_create."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return
    names = list(rows[0])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def create_objects(objs):
    """Insert model instances of one model, setting their primary keys, like bulk_create().

    On PostgreSQL the keys are reserved from the table's sequence first (one query), then the
    rows go through COPY: no array quoted per column, no RETURNING. Only the concrete fields are
    written (no signals, no save()), each instance's values as they are."""
    if not objs:
        return objs
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs)
    assert not model._meta.parents, model  # one table: multi-table models need insert_pages
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(objs)],
        )
        for obj, (value,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, value)
    fields = model._meta.local_concrete_fields
    insert_rows(
        model,
        [{f.attname: f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields} for obj in objs],
    )
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def delete_rows(queryset):
    """Delete the rows of `queryset` in one DELETE, without reading them first.

    QuerySet.delete() fetches every row to send post_delete for it (a handler listens to every
    model: the page cache's, for snippets). Only for tables no other row points to and whose
    deletion no handler acts on (an import's hours, services and sessions)."""
    assert not queryset.model._meta.related_objects, queryset.model
    return queryset._raw_delete(queryset.db)
