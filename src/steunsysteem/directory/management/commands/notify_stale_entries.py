"""E-mail every provider editor one list of their entries that need checking again."""

from django.conf import settings
from django.core.management.base import BaseCommand

from steunsysteem.directory.services import stale_entry_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail each provider editor the names and links of their entries that were not "
        "checked for STALE_AFTER_DAYS days. Run it once a day or once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="Address of this installation for links in the e-mails (default: SITE_URL).",
        )

    def handle(self, *args, base_url: str, **options):
        sent = stale_entry_reminders_send(base_url=base_url)
        self.stdout.write(f"Sent {sent} reminder(s).")
