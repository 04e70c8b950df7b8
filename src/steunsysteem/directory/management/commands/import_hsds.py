from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from steunsysteem.directory.hsds.errors import HsdsImportError
from steunsysteem.directory.hsds.importer import hsds_import
from steunsysteem.directory.hsds.reader import open_source


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.0 data: a tabular data package folder (datapackage.json "
        "and CSV files) or an HSDS JSON file. Rows keep their HSDS ids; importing again updates "
        "them. Every row is checked first: when anything is wrong, nothing is imported and "
        "every problem is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A data package folder or a JSON file.")
        parser.add_argument(
            "--allow-dangling",
            action="store_true",
            help="Import links to ids that exist nowhere as empty links, with a warning each.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Show no progress bar.")

    def handle(self, *args, path: Path, allow_dangling: bool, no_progress: bool, **options):
        if not path.exists():
            raise CommandError(_("%s does not exist.") % path)
        try:
            report = hsds_import(
                source=open_source(path),
                allow_dangling=allow_dangling,
                progress=not no_progress and options["verbosity"] > 0,
            )
        except HsdsImportError as error:
            count = len(error.problems)
            lines = [
                ngettext(
                    "Nothing was imported: %(count)s problem.",
                    "Nothing was imported: %(count)s problems.",
                    count,
                )
                % {"count": count}
            ]
            raise CommandError("\n".join(lines + [str(p) for p in error.problems])) from error
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(_("Warning: %s") % warning))
        for table in sorted(report.created.keys() | report.updated.keys()):
            self.stdout.write(
                _("%(table)s: %(created)s new, %(updated)s updated")
                % {
                    "table": table,
                    "created": report.created[table],
                    "updated": report.updated[table],
                }
            )
        self.stdout.write(self.style.SUCCESS(_("HSDS import finished.")))
