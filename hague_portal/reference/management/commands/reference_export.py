from django.core.management.base import BaseCommand

from hague_portal.reference.services import reference_export


class Command(BaseCommand):
    help = "Write the Hague reference tables as CSV files (the reference_import format)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", required=True, help="output directory")

    def handle(self, *args, **options):
        for table, count in reference_export(directory=options["dir"]).items():
            self.stdout.write(f"{table}: {count} rows")
