"""python manage.py import_lieux FICHIER.csv|FICHIER.json --territoire SLUG [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from locations import importer
from locations.models import TerritoryPage

# Rows from which an import refreshes the planner's statistics (PostgreSQL).
ANALYZE_FROM = 1000
# The tables the directory's first render reads through index-only scans.
VACUUMED = (
    "wagtailcore_page",
    "locations_locationpage",
    "locations_upcomingsession",
    "locations_placeservice",
)


class Command(BaseCommand):
    help = (
        "Importe des lieux au format du standard national des lieux de médiation numérique "
        "(CSV ou JSON) sous le territoire d'un club. Un nouvel import met à jour les lieux déjà importés."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichier", help="Fichier CSV ou JSON au format du standard national.")
        parser.add_argument(
            "--territoire", required=True, help="Slug du territoire (club), ex. : face-normandie."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vérifie tout sans rien enregistrer.")

    def handle(self, *args, **options):
        territory = TerritoryPage.objects.filter(slug=options["territoire"]).first()
        if territory is None:
            known = ", ".join(TerritoryPage.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f"Territoire « {options['territoire']} » inconnu. Territoires : {known}.")
        try:
            records = importer.read_records(options["fichier"])
        except importer.ImportFileError as error:
            raise CommandError(str(error)) from error
        for name in importer.unknown_columns(records):
            self.stderr.write(
                f"Attention : la colonne « {name} » ne fait pas partie du standard : elle est gardée "
                "avec le lieu, mais ni affichée ni exportée."
            )
        total = len(records)
        report = importer.import_records(
            importer.consumed(records),
            territory,
            dry_run=options["dry_run"],
            progress=self.progress_bar(total),
        )
        self.stderr.write("")
        for line in importer.format_report(report):
            self.stdout.write(line)
        if not options["dry_run"] and connection.vendor == "postgresql" and total >= ANALYZE_FROM:
            # Thousands of new rows: without fresh statistics PostgreSQL plans the directory's
            # queries for the tables it knew before (ten times slower) until autovacuum comes by;
            # and until the tables the directory counts are vacuumed, its index-only scans
            # (locations migration 0013) still read every new row's page.
            with connection.cursor() as cursor:
                for table in VACUUMED:
                    cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
                cursor.execute("ANALYZE")

    def progress_bar(self, total, width=30):
        """A small progress bar on stderr: « Import [#####-----] 12/40 »."""

        def show(done, _total):
            filled = int(width * done / total) if total else width
            self.stderr.write(f"\rImport [{'#' * filled}{'-' * (width - filled)}] {done}/{total}", ending="")
            self.stderr.flush()

        return show
