"""Look for white spots in the offer: run nightly, e.g. ``steunsysteem detect_signals``."""

from django.core.management.base import BaseCommand

from steunsysteem.white_spots.services import signal_detect


class Command(BaseCommand):
    help = (
        "Raise a signal where questions in one life domain and district keep ending without a"
        " fitting offer (SIGNAL_THRESHOLD within SIGNAL_WINDOW_DAYS); refresh open signals."
    )

    def handle(self, *args, **options):
        raised = signal_detect()
        for signal in raised:
            self.stdout.write(f"raised: {signal.title} (#{signal.pk})")
        self.stdout.write(f"{len(raised)} new signal(s)")
