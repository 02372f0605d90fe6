"""`manage.py backup [ARCHIVE]`: the database and every stored file in one .tar.gz with a
SHA-256 manifest (core/backup.py; docs/operations.md, "Backup and restore")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hague_portal.core.backup import BackupError, backup_write, default_archive_name


class Command(BaseCommand):
    help = "Write the database and the media files to one .tar.gz archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="where to write it (default var/backups/hague-portal-<time>.tar.gz)",
        )
        parser.add_argument(
            "--database-method", choices=("auto", "pg_dump", "dumpdata"), default="auto",
            help="auto: pg_dump for PostgreSQL when the program is there, else dumpdata",
        )  # fmt: skip

    def handle(self, *args, archive=None, database_method="auto", **options):
        path = Path(archive) if archive else default_archive_name()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            manifest = backup_write(archive=path, method=database_method)
        except BackupError as exc:
            path.unlink(missing_ok=True)
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{path}: database ({manifest['database']['method']}) and "
            f"{len(manifest['files'])} files, {path.stat().st_size} bytes."
        )
