import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from steunsysteem.directory.distance import PostcodeImportError, postcode_areas_import


class Command(BaseCommand):
    help = (
        "Load four-digit postcode centres from a CSV file with the columns "
        "code,latitude,longitude and optionally district (a district slug). "
        "Nothing is written when a row is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", type=Path)

    def handle(self, *args, csv_file: Path, **options):
        try:
            with csv_file.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = {"code", "latitude", "longitude"} - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"Missing columns: {', '.join(sorted(missing))}")
                count = postcode_areas_import(rows=reader)
        except OSError as error:
            raise CommandError(str(error)) from error
        except PostcodeImportError as error:
            raise CommandError(_("No postcodes imported.") + f"\n{error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {count} postcode areas."))
