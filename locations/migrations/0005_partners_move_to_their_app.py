"""PartnerPage, PartnerIndexPage and OrientationPage now belong to the `partners` app, which
took over their tables (partners.0001): only the migration state forgets them here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("locations", "0004_club_staff"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OrientationPage"),
                migrations.DeleteModel(name="PartnerIndexPage"),
                migrations.DeleteModel(name="PartnerPage"),
            ],
        ),
    ]
