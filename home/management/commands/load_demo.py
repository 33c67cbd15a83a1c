"""Loads the demo site. Idempotent: running it twice gives the same site."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import ensure_home

# Each app adds its own demo content, in this order (later ones may link to earlier ones).
DEMO_MODULES = [
    "home.demo",
    "locations.demo",
    "partners.demo",
    "locations.demo_staff",
    "guides.demo",
    "search.demo",
    "home.demo_links",
]


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (peut être relancé sans doublon)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = ensure_home()
        for module_name in DEMO_MODULES:
            import_module(module_name).load(home)
            self.stdout.write(f"Contenu de démonstration chargé : {module_name}")
        self.stdout.write(self.style.SUCCESS("Site de démonstration prêt."))
