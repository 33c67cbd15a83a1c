"""Wagtail's default moderators' group, workflow and task get French names (home.skeleton)."""

from django.db import migrations

from home import skeleton


def rename(apps, schema_editor):
    skeleton.french_default_names(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_skeleton"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
