from django.core.management.base import BaseCommand

from steunsysteem.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the Partistad demo data (safe to run again: it updates instead of duplicating)."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Partistad demo data loaded."))
