"""Loads the demo site from the apps' data files. Creates what is missing, never overwrites."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from home.demo_loader import build_skeleton

# Each app adds its own demo content, in this order (later ones may link to earlier ones).
# The modules are named, not imported: the demo is an edge of every app, home included.
DEMO_MODULES = [
    ("home.demo_loader", "page d'accueil"),
    ("locations.demo_loader", "clubs et lieux"),
    ("partners.demo_loader", "partenaires"),
    ("locations.demo_staff", "comptes des équipes (développement)"),
    ("guides.demo_loader", "thèmes, glossaire, guides et parcours"),
    ("search.demo_loader", "synonymes de recherche"),
    ("activity.demo_loader", "une année d'activité des clubs"),
    ("workshops.demo_loader", "une saison d'ateliers"),
    ("diagnostic.demo_loader", "le diagnostic « Où en êtes-vous ? »"),
    ("followup.demo_loader", "une cohorte de suivi à six mois (développement)"),
]


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration : crée ce qui manque, ne modifie jamais une page existante. "
        "Avec --reset, supprime d'abord le contenu de démonstration puis le recrée."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprimer le contenu de démonstration (pages, lieux, guides, glossaire…) puis le recréer.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ne pas demander de confirmation.",
        )

    def handle(self, *args, reset=False, interactive=True, **options):
        if reset and not settings.DEBUG:
            # The demo clubs' slugs look like real clubs: a reset on a real site would delete them.
            raise CommandError(
                "--reset n'est permis qu'en développement (DEBUG activé) : sur un vrai site, il "
                "supprimerait des clubs entiers. Rien n'a été supprimé."
            )
        if reset and interactive:
            answer = input(
                "Le contenu de démonstration va être supprimé puis recréé : les clubs de démonstration "
                "avec tout ce qui est rangé dessous (lieux et partenaires ajoutés compris), les guides, "
                "le glossaire, les parcours, le corps de la page d'accueil, avec les modifications qui y "
                "ont été faites. Les rubriques du site restent. Tapez « oui » pour continuer : "
            )
            if answer.strip().lower() != "oui":
                raise CommandError("Rien n'a été supprimé.")
        try:
            self.load(reset)
        except ProtectedError as error:
            raise CommandError(
                "Rien n'a été supprimé : des interventions enregistrées (activité) ou des personnes "
                f"inscrites au suivi à six mois dépendent de ces clubs ({len(error.protected_objects)} au "
                "moins). Elles ne sont jamais supprimées par la démo."
            ) from error
        self.stdout.write(self.style.SUCCESS("Site de démonstration prêt."))

    def load(self, reset):
        with transaction.atomic():
            home = build_skeleton()
            modules = [(import_module(name), label) for name, label in DEMO_MODULES]
            if reset:
                for module, label in reversed(modules):
                    if hasattr(module, "reset"):
                        deleted = module.reset(home)
                        self.stdout.write(f"Supprimé ({label}) : {deleted or 0}")
            for module, label in modules:
                created = module.load(home)
                count = len(created) if isinstance(created, list) else created or 0
                self.stdout.write(f"Créé ({label}) : {count}")
