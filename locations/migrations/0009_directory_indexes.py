from django.db import migrations

# Wagtail finds a page's children with `depth = N AND path BETWEEN …` and has no index on depth:
# with 20,000 places under /lieux/, every menu and every get_children() of the directory read
# the whole page table (≈ 20 ms each on PostgreSQL). One composite index makes them index scans.
# Raw SQL because the table is Wagtail's; the same statement works on SQLite and PostgreSQL.
INDEX = "locations_page_depth_path_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0008_place_open_data"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
