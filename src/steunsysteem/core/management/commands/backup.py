"""Back up the whole database to one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steunsysteem.core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the whole database to FILE, while the site keeps "
        "running: pg_dump's custom format on PostgreSQL, SQLite's online backup API on "
        "SQLite. The file holds personal data: keep it encrypted and out of reach."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file to write (must not exist).")

    def handle(self, *args, file: Path, **options):
        try:
            backup_database(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {file} ({file.stat().st_size} bytes).")
