from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from steunsysteem.core.atomic_files import WriteFailed
from steunsysteem.directory.hsds.exporter import hsds_export


class Command(BaseCommand):
    help = (
        "Export the sociale kaart as an Open Referral HSDS 3.0 tabular data package: "
        "datapackage.json and one CSV file per HSDS table, in OUTDIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path, help="The folder to write (created if needed).")
        parser.add_argument("--no-progress", action="store_true", help="Show no progress bar.")

    def handle(self, *args, outdir: Path, no_progress: bool, **options):
        try:
            counts = hsds_export(
                outdir=outdir, progress=not no_progress and options["verbosity"] > 0
            )
        except WriteFailed as error:
            raise CommandError(error.strerror) from error
        for table, count in counts.items():
            self.stdout.write(_("%(table)s: %(count)s rows") % {"table": table, "count": count})
        self.stdout.write(self.style.SUCCESS(_("HSDS export written to %s.") % outdir))
