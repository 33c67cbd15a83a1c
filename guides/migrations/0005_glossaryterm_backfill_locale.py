# Every existing term is French (the source language) with a translation key of its own.

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def backfill(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    GlossaryTerm = apps.get_model("guides", "GlossaryTerm")
    terms = list(GlossaryTerm.objects.filter(translation_key__isnull=True))
    if not terms:
        return
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _created = Locale.objects.get_or_create(language_code=code)
    for term in terms:
        term.locale_id = locale.pk
        term.translation_key = uuid.uuid4()
    GlossaryTerm.objects.bulk_update(terms, ["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("guides", "0004_glossaryterm_translatable_fields")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
