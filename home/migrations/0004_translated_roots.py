"""The locales of the translations (English, Arabic) and, in each, the home page and the guides
index: /en/, /ar/, /en/guides/, /ar/guides/ answer on a site built by `migrate` alone
(home.skeleton.ensure_translated_roots, also run by load_demo on a flushed test database)."""

from django.db import migrations
from django.utils import timezone

from home import skeleton


def translated_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first()
    home = Page.objects.filter(pk=site.root_page_id).first() if site else None
    if home is None:
        return
    guides = skeleton.find_section(apps, home, "guides.GuideIndexPage", "guides")
    skeleton.ensure_translated_roots(apps, home, guides, timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_french_default_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(translated_roots, migrations.RunPython.noop)]
