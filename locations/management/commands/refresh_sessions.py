"""Rewrite the upcoming sessions and the open-data hours of every place: run it once a day (see README)."""

from django.core.management.base import BaseCommand

from locations.sessions import SESSION_WEEKS, refresh_upcoming_sessions


class Command(BaseCommand):
    help = (
        "Recalcule les permanences des prochaines semaines et les horaires des exports open data "
        "de tous les lieux (à lancer chaque nuit)."
    )

    def handle(self, *args, **options):
        count = refresh_upcoming_sessions()
        self.stdout.write(f"{count} permanences calculées pour les {SESSION_WEEKS} prochaines semaines.")
