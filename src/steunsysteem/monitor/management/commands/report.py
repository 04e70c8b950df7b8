"""The half-yearly evaluation report as a PDF, e.g.
``steunsysteem report --period 2026H2 --out report.pdf``: the same document as the monitor's
download, with the same suppression of small numbers. The file appears whole or not at all
(``core.atomic_files``): a full disk leaves no half PDF and says so."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.core.atomic_files import WriteFailed, atomic_file
from steunsysteem.directory.models import District
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.monitor.report import report_pdf


class Command(BaseCommand):
    help = "Write the monitor's evaluation report for a period (2026H2 or 2026) as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="A half-year (2026H2) or a year.")
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--district", default="", help="Only this district (its slug).")
        parser.add_argument("--language", default="nl", help="Language of the report (nl, en).")

    def handle(self, *args, period, out, district, language, **options):
        try:
            chosen = Period.parse(period)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        district_id = None
        if district:
            found = District.objects.filter(slug=district).first()
            if found is None:
                raise CommandError(f"No district with slug {district!r}.")
            district_id = found.pk
        with translation.override(language):
            pdf = report_pdf(Scope(chosen, district_id))
        try:
            with atomic_file(Path(out)) as partial:
                partial.write_bytes(pdf)
        except WriteFailed as error:
            raise CommandError(error.strerror) from error
        audit_record(
            actor=None,
            action=AuditAction.EXPORT,
            object_type="monitor",
            object_id=f"pdf:{chosen.code}",
        )
        self.stdout.write(f"report for {chosen.code} written to {out} ({len(pdf)} bytes)")
