"""`manage.py restore ARCHIVE`: a backup (`manage.py backup`) into an empty database and empty
media storage, each SHA-256 of its manifest checked (docs/operations.md, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hague_portal.core.backup import BackupError, restore_read


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and an empty media storage."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by manage.py backup")

    def handle(self, *args, archive, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No archive at {path}.")
        try:
            manifest = restore_read(archive=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {path}: database ({manifest['database']['method']}) and "
            f"{len(manifest['files'])} files, each SHA-256 as in the manifest."
        )
