"""Re-encrypt every follow-up contact with the newest key of FOLLOWUP_KEYS.

Rotation: put a new key first in FOLLOWUP_KEYS (the old one after it), restart the site, run
this command, then remove the old key. `--new-key` prints a fresh key and changes nothing.
"""

import logging

from django.core.management.base import BaseCommand
from django.db import transaction

from followup import crypto
from followup.models import Contact

logger = logging.getLogger("followup")
BATCH = 500


class Command(BaseCommand):
    help = "Rechiffre les coordonnées du suivi à six mois avec la première clé de FOLLOWUP_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", action="store_true", help="Affiche une nouvelle clé, sans rien modifier."
        )

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(crypto.new_key())
            return
        crypto.cipher()  # no key: stop before touching anything
        done = 0
        pks = list(Contact.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                # Decrypted with any key, saved with the first: re-encrypted, never written in clear.
                for contact in Contact.objects.select_for_update().filter(pk__in=pks[start : start + BATCH]):
                    contact.save(update_fields=["value", "nickname"])
                    done += 1
        logger.info("rotate_followup_key: %d contact(s) re-encrypted", done)
        self.stdout.write(f"Coordonnées rechiffrées : {done}")
