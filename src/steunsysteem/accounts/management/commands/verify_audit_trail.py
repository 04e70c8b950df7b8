"""Check that nobody changed, removed or re-inserted entries in the audit trail."""

from django.core.management.base import BaseCommand, CommandError

from steunsysteem.accounts.audit import ChainAnchor, verify_audit_chain


def _anchor(text: str) -> ChainAnchor:
    try:
        return ChainAnchor.parse(text)
    except ValueError as error:
        raise CommandError(str(error)) from error


class Command(BaseCommand):
    help = (
        "Walk the audit trail's keyed hash chain and exit with an error naming the first entry "
        "that was changed, re-hashed without the key, or that follows a removed entry. Prints "
        "the head (SEQUENCE:HASH) on success. With --head, also fail when the trail no longer "
        "reaches that head, kept outside the database (the newest entries were removed)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Entries read per query (default 1000)."
        )
        parser.add_argument(
            "--head",
            metavar="SEQUENCE:HASH",
            help="A head printed earlier by audit_trail_head; the trail must still reach it.",
        )

    def handle(self, *args, batch_size: int, head: str | None = None, **options):
        anchor = _anchor(head) if head else None
        status = verify_audit_chain(batch_size=batch_size, anchor=anchor)
        if not status.intact:
            broken = status.broken_at
            if broken.entry_id is None:
                raise CommandError(f"Audit trail broken: {broken.problem}.")
            raise CommandError(
                f"Audit trail broken at entry id {broken.entry_id} "
                f"(sequence {broken.sequence}): {broken.problem}."
            )
        reaches = f", reaches the anchor {anchor.sequence}" if anchor else ""
        self.stdout.write(
            f"Audit trail intact: {status.entries} entries{reaches}, newest hash "
            f"{status.head_hash}, head {status.head}."
        )
