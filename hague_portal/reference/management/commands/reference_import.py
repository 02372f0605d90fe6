from django.core.management.base import BaseCommand, CommandError

from hague_portal.reference.models import MODELS
from hague_portal.reference.services import ReferenceImportError, reference_import


class Command(BaseCommand):
    help = "Replace the Hague reference tables with the CSV files of a directory (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="fixtures/reference", help="directory of <table>.csv")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only when the tables are empty, so that staff edits survive a restart.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and any(model.objects.exists() for model in MODELS.values()):
            self.stdout.write("Reference data already loaded: kept as it is.")
            return
        try:
            counts = reference_import(directory=options["dir"])
        except ReferenceImportError as exc:
            raise CommandError(str(exc)) from None
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count} rows")
