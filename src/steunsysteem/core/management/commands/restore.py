"""Restore a backup into an empty database, then check the audit trail."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steunsysteem.accounts.audit import verify_audit_chain
from steunsysteem.core.backup import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'backup' into the configured database, which must be new "
        "and empty (a restore never overwrites data), then walk the audit trail's hash "
        "chain: the command fails if the restored trail does not verify."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup file to restore.")

    def handle(self, *args, file: Path, **options):
        try:
            restore_database(file)
        except BackupError as error:
            raise CommandError(str(error)) from error
        status = verify_audit_chain()
        if not status.intact:
            raise CommandError(
                f"Restored, but the audit trail does not verify: {status.broken_at.problem}."
                " Was the backup made with another AUDIT_TRAIL_KEY?"
            )
        self.stdout.write(
            f"Restored {file}. Audit trail intact: {status.entries} entries, head {status.head}."
        )
