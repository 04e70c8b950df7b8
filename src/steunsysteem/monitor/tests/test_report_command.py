"""``steunsysteem report --period 2026H2 --out report.pdf`` writes the evaluation report."""

import pytest
from django.core.management import CommandError, call_command

from steunsysteem.monitor.tests.factories import CovenantPartnerFactory

pytestmark = pytest.mark.django_db


def test_the_report_command_writes_the_pdf(tmp_path):
    CovenantPartnerFactory(name="GGZ Partistad")
    out = tmp_path / "report.pdf"
    call_command("report", "--period", "2026H2", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_the_report_command_refuses_a_wrong_period(tmp_path):
    with pytest.raises(CommandError):
        call_command("report", "--period", "laatst", "--out", str(tmp_path / "r.pdf"))


def test_the_report_command_refuses_an_unknown_district(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "report", "--period", "2026", "--district", "nergens", "--out", str(tmp_path / "r.pdf")
        )
