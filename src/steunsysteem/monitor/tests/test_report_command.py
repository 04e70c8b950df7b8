"""``steunsysteem report --period 2026H2 --out report.pdf`` writes the evaluation report."""

import errno
import os
from pathlib import Path

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


def test_a_full_disk_leaves_no_half_report_and_says_so(tmp_path, monkeypatch):
    """Half the PDF reaches the disk, then the disk is full."""
    real_write_bytes = Path.write_bytes

    def fill_the_disk(path, data):
        real_write_bytes(path, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", fill_the_disk)
    out = tmp_path / "report.pdf"

    with pytest.raises(CommandError, match=r"report\.pdf: the disk is full\. Nothing was written"):
        call_command("report", "--period", "2026H2", "--out", str(out))

    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_last_periods_report_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF the report of last period")

    def full_at_once(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full_at_once)

    with pytest.raises(CommandError, match="the disk is full"):
        call_command("report", "--period", "2026H2", "--out", str(out))

    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]
    assert out.read_bytes() == b"%PDF the report of last period"


def test_a_folder_that_does_not_exist_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match=r"nergens/report\.pdf: No such file or directory"):
        call_command("report", "--period", "2026H2", "--out", str(tmp_path / "nergens/report.pdf"))
