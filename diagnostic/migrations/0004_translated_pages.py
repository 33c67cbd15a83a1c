"""/en/ou-en-etes-vous/ and /ar/ou-en-etes-vous/: the diagnostic's translations are part of the
skeleton, as the translated home pages and guides indexes are (home.skeleton)."""

from django.db import migrations

from diagnostic.skeleton import ensure_pages


def create_pages(apps, schema_editor):
    ensure_pages(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0003_detected_profile"),
        ("home", "0003_french_default_names"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
