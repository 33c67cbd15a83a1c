"""/ou-en-etes-vous/: the diagnostic page is configuration, not demo content (as /ateliers/).

Created under the site's home page if no DiagnosticPage exists (found by type, so a renamed or
moved page is not duplicated); the demo loader calls the same function on a flushed database."""

from django.db import migrations

from diagnostic.skeleton import ensure_page


def create_page(apps, schema_editor):
    ensure_page(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0001_initial"),
        ("home", "0003_french_default_names"),
    ]

    operations = [migrations.RunPython(create_page, migrations.RunPython.noop)]
