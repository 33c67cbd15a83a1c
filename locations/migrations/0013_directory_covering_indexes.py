from django.db import migrations

# Every first render of /lieux/ (and its filters, a club's page) counts the live places in the
# database: a join of the page table and the places table over all of them. At 20,000 places
# PostgreSQL read both wide tables whole (the places carry their source record): 20 to 60 ms of
# each first click. Two covering indexes let it read only narrow index pages (index-only scans,
# once the tables are vacuumed: import_lieux does it):
# - the live pages' tree paths, with their id and depth (descendant_of, live());
# - each place's area codes, time zone, position and sort title (nearness counts, "open today",
#   ordering by distance).
# PostgreSQL only: SQLite has no INCLUDE, and its tables are read through their rowid anyway.
PAGES = "locations_live_page_path_idx"
PLACES = "locations_place_directory_idx"

CREATE = [
    f"CREATE INDEX IF NOT EXISTS {PAGES} ON wagtailcore_page (path varchar_pattern_ops) "
    "INCLUDE (id, depth) WHERE live",
    f"CREATE INDEX IF NOT EXISTS {PLACES} ON locations_locationpage (page_ptr_id) "
    "INCLUDE (commune_code, epci_code, department_code, region_code, postcode, holiday_zone, "
    "near_latitude, near_longitude, sort_title)",
]
DROP = [f"DROP INDEX IF EXISTS {PAGES}", f"DROP INDEX IF EXISTS {PLACES}"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0012_place_source_data"),
    ]

    operations = [
        migrations.RunPython(run(CREATE), run(DROP), elidable=False),
    ]
