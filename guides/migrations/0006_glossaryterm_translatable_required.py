# Every term now has its locale and translation key; the word and its anchor are unique in
# their language (a translation keeps the French anchor).

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("guides", "0005_glossaryterm_backfill_locale")]

    operations = [
        migrations.AlterField(
            model_name="glossaryterm",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="glossaryterm",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="glossaryterm",
            name="slug",
            field=models.SlugField(help_text="Utilisée dans l'adresse : /glossaire/#ancre", verbose_name="Ancre"),
        ),
        migrations.AlterField(
            model_name="glossaryterm",
            name="term",
            field=models.CharField(max_length=80, verbose_name="Mot"),
        ),
        migrations.AlterUniqueTogether(
            name="glossaryterm",
            unique_together={("slug", "locale"), ("term", "locale"), ("translation_key", "locale")},
        ),
    ]
