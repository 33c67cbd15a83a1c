"""Creates the local administrator that `make run` prints. Refused outside DEBUG."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "pas-a-pas-local"  # noqa: S105 - local development only, refused when DEBUG is off


class Command(BaseCommand):
    help = "Crée le compte administrateur local (développement seulement)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Ce compte de développement n'est créé que lorsque DEBUG est activé.")
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Administration : http://127.0.0.1:8000/admin/  identifiant « {USERNAME} », "
                f"mot de passe « {PASSWORD} »"
            )
        )
