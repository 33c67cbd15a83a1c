"""PostgreSQL only: a small pending list for the `title || body` GIN index.

GIN queues new entries in a "pending list" (4 MB by default) that every search then reads in
full until a vacuum merges it. Right after a bulk import (20,000 places: 412 pages, 11,744
entries) that cost about 7 ms per word searched, 20 to 30 ms per place query. At 64 kB the
list is merged during the import itself, a few pages at a time."""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def shrink(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} SET (gin_pending_list_limit = 64)")
    # What is pending already is merged now rather than at the next vacuum.
    schema_editor.execute(f"SELECT gin_clean_pending_list('{INDEX}'::regclass)")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER INDEX IF EXISTS {INDEX} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_search_indexes")]

    operations = [migrations.RunPython(shrink, restore, elidable=False)]
