"""Wagtail's default « Editors » group gets its French name too (home.skeleton)."""

from django.db import migrations

from home import skeleton


def rename(apps, schema_editor):
    skeleton.french_default_names(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_translated_roots"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
