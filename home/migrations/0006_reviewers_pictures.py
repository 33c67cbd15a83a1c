"""The guide reviewers add and choose the steps' pictures (home.skeleton.ensure_reviewers_pictures)."""

from django.db import migrations

from home import skeleton


def grant(apps, schema_editor):
    skeleton.ensure_reviewers_pictures(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_french_editors_group"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
