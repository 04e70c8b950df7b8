"""Check that nobody changed or removed entries in the audit trail."""

from django.core.management.base import BaseCommand, CommandError

from steunsysteem.accounts.audit import verify_audit_chain


class Command(BaseCommand):
    help = (
        "Walk the audit trail's hash chain and exit with an error naming the first entry "
        "that was changed, or that follows a removed entry. Prints the newest hash on "
        "success: keep it elsewhere to detect later removal of the newest entries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Entries read per query (default 1000)."
        )

    def handle(self, *args, batch_size: int, **options):
        status = verify_audit_chain(batch_size=batch_size)
        if not status.intact:
            broken = status.broken_at
            raise CommandError(
                f"Audit trail broken at entry id {broken.entry_id} "
                f"(sequence {broken.sequence}): {broken.problem}."
            )
        self.stdout.write(
            f"Audit trail intact: {status.entries} entries, newest hash {status.head_hash}."
        )
