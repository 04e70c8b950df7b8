from django.core.management.base import BaseCommand

from steunsysteem.directory.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the sociale kaart search index from scratch (run after a bulk import)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, batch_size: int, **options):
        count = rebuild_index(batch_size=batch_size, progress=options["verbosity"] > 0)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} services."))
