"""The site's skeleton: sections, legal pages, reviewers, the review workflow, editors' permissions.

It lives in home, the app of the site's root, and runs after the latest migration of every app
whose pages, snippets or permissions it uses (guides, locations, partners, search and Wagtail's
search promotions), so their tables and historical models exist. home/skeleton.py does the
work: load_demo calls the same function on a flushed test database.

On an existing database it only adds what is missing (sections are found by page type).
"""

from django.db import migrations

from home import skeleton


def build_skeleton(apps, schema_editor):
    skeleton.build(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("guides", "0002_help_needs_from_orientation"),
        ("locations", "0005_partners_move_to_their_app"),
        ("partners", "0001_initial"),
        ("search", "0001_synonyms_and_outcomes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(build_skeleton, migrations.RunPython.noop)]
