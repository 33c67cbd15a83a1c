# Glossary terms become translatable (wagtail-localize), in three steps: add the columns empty,
# fill them (0005), then require them (0006). Separate migrations, so that PostgreSQL never
# alters a table with rows updated in the same transaction.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0003_help_need_default"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="glossaryterm",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
    ]
