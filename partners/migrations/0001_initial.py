"""Partners and orientation move out of `locations` into their own app.

The tables and pages stay: the models are taken over in the migration state, their content
types change app (so every page, revision and permission keeps pointing at them), then the
tables are renamed."""

import django.db.models.deletion
import partners.fields
import search.indexing
from django.conf import settings
from django.db import migrations, models


MODELS = ("partnerpage", "partnerindexpage", "orientationpage")


def move_content_types(apps, schema_editor, source="locations", target="partners"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def restore_content_types(apps, schema_editor):
    move_content_types(apps, schema_editor, source="partners", target="locations")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("locations", "0004_club_staff"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OrientationPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, help_text='Une ou deux phrases simples.', verbose_name='Introduction')),
                    ],
                    options={
                        'db_table': 'locations_orientationpage',
                        'verbose_name': "Orientation (trouver de l'aide)",
                    },
                    bases=(search.indexing.FrenchStemsMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='PartnerIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, help_text='Une ou deux phrases simples.', verbose_name='Introduction')),
                    ],
                    options={
                        'db_table': 'locations_partnerindexpage',
                        'verbose_name': 'Liste des partenaires',
                    },
                    bases=(search.indexing.FrenchStemsMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='PartnerPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, help_text='Une ou deux phrases simples.', verbose_name='Introduction')),
                        ('help_kinds', partners.fields.HelpKindsField(help_text='Cochez tout ce que ce partenaire propose. Au moins un.', verbose_name="Types d'aide")),
                        ('audience', models.TextField(blank=True, help_text='Ex. : tout public, plus de 60 ans, RSA…', verbose_name='Pour qui ?')),
                        ('conditions', models.TextField(blank=True, help_text="Ex. : gratuit, sur rendez-vous, 5 € l'adhésion.", verbose_name='Conditions et coût')),
                        ('is_remote', models.BooleanField(default=False, help_text="Cochez si l'aide se fait par téléphone ou par internet, depuis toute la France.", verbose_name='À distance')),
                        ('street', models.CharField(blank=True, max_length=200, verbose_name='Adresse (numéro et rue)')),
                        ('postcode', models.CharField(blank=True, max_length=5, verbose_name='Code postal')),
                        ('commune', models.CharField(blank=True, max_length=100, verbose_name='Commune')),
                        ('insee', models.CharField(blank=True, help_text='Rempli automatiquement à partir du code postal et de la commune.', max_length=5, verbose_name='Code INSEE de la commune')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='Téléphone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='Courriel')),
                        ('website', models.URLField(blank=True, verbose_name='Site internet')),
                        ('hours', models.TextField(blank=True, help_text='Ex. : du lundi au vendredi, de 9 h à 12 h.', verbose_name='Horaires')),
                    ],
                    options={
                        'db_table': 'locations_partnerpage',
                        'verbose_name': 'Partenaire',
                        'verbose_name_plural': 'Partenaires',
                    },
                    bases=(search.indexing.FrenchStemsMixin, 'wagtailcore.page'),
                ),
                    ],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
        migrations.AlterModelTable(name="partnerpage", table=None),
        migrations.AlterModelTable(name="partnerindexpage", table=None),
        migrations.AlterModelTable(name="orientationpage", table=None),
    ]
