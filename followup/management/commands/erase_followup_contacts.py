"""Daily: erase the follow-up contacts that must go (T+7 months, or a closed follow-up).

Idempotent: a second run the same day erases nothing. Logs counts, never a contact.
"""

import logging

from django.core.management.base import BaseCommand
from django.utils import timezone

from followup import lifecycle

logger = logging.getLogger("followup")


class Command(BaseCommand):
    help = "Efface les coordonnées du suivi à six mois arrivées à échéance (7 mois, ou suivi clos)."

    def handle(self, *args, **options):
        counts = lifecycle.erase_due(timezone.localdate())
        logger.info(
            "erase_followup_contacts: %d contact(s) erased, %d at seven months",
            counts["erased"],
            counts["expired"],
        )
        self.stdout.write(
            f"Coordonnées effacées : {counts['erased']} (dont {counts['expired']} arrivées à sept mois)"
        )
