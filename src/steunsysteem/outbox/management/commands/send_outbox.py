"""Deliver the outbox (uitgaande post). Run it every minute (cron or a systemd timer)."""

from django.core.management.base import BaseCommand
from post_office.lockfile import FileLock, FileLocked, default_lockfile

from steunsysteem.outbox.services import outbox_deliver


class Command(BaseCommand):
    help = (
        "Send the queued e-mail through the mail server of EMAIL_URL. Mail that cannot be "
        "delivered stays queued and is tried again after MAIL_RETRY_MINUTES. Run it every "
        "minute; a run that finds another one still busy stops at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lockfile",
            default=default_lockfile,
            help="Lock file that keeps two runs apart (default: DATA_DIR/outbox-send.lock).",
        )

    def handle(self, *args, lockfile: str, **options):
        try:
            with FileLock(lockfile):
                delivery = outbox_deliver()
        except FileLocked:
            self.stdout.write("Another send_outbox is still running; nothing done.")
            return
        self.stdout.write(
            f"Sent {delivery.sent}, to try again {delivery.requeued}, failed {delivery.failed}."
        )
