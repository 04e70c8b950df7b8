from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steunsysteem.directory.district_import import (
    DistrictImportError,
    districts_import,
    read_geojson,
    read_population_csv,
)


class Command(BaseCommand):
    help = (
        "Import district boundaries (GeoJSON, e.g. CBS Wijken en Buurten in WGS84) and"
        " optionally their population (CSV). All or nothing: one bad row imports nothing."
        " See docs/districts.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="GeoJSON FeatureCollection, one feature per district")
        parser.add_argument(
            "--population", help="CSV with wijkcode (or wijknaam) and aantal_inwoners"
        )
        parser.add_argument(
            "--municipality", default="", help="Municipality for new districts without gemeentenaam"
        )

    def handle(self, *args, **options):
        try:
            rows = read_geojson(Path(options["file"]).read_text(encoding="utf-8"))
            population = None
            if options["population"]:
                population = read_population_csv(
                    Path(options["population"]).read_text(encoding="utf-8-sig")
                )
            result = districts_import(
                rows=rows, population=population, municipality=options["municipality"]
            )
        except OSError as error:
            raise CommandError(str(error)) from error
        except DistrictImportError as error:
            raise CommandError(
                "Niets geïmporteerd:\n" + "\n".join(f"- {p}" for p in error.problems)
            ) from error
        self.stdout.write(f"{result.created} wijk(en) aangemaakt, {result.updated} bijgewerkt.")
