"""/ateliers/: the list of workshops is configuration, not demo content (as home's 0002 skeleton).

Created under the site's home page if no WorkshopIndexPage exists (found by type, so a renamed
or moved list is not duplicated); the demo loader calls the same function on a flushed database.
"""

from django.db import migrations

from workshops.skeleton import ensure_index


def create_index(apps, schema_editor):
    ensure_index(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_initial"),
        ("home", "0003_french_default_names"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
