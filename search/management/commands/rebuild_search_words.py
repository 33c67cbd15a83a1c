from django.core.management.base import BaseCommand

from search import words


class Command(BaseCommand):
    help = (
        "Relit les mots de toutes les pages publiques et du glossaire (suggestions d'orthographe). "
        "Filet de sécurité quotidien : la publication d'une page tient déjà ses mots à jour."
    )

    def handle(self, *args, **options):
        count = words.rebuild()
        self.stdout.write(f"Vocabulaire du site : {count} mots.")
