from django.core.management.base import BaseCommand

from search import hits


class Command(BaseCommand):
    help = "Écrit dans les statistiques de recherche les recherches comptées dans le cache partagé (cron)."

    def handle(self, *args, **options):
        written = hits.flush()
        self.stdout.write(f"Recherches enregistrées : {written}.")
