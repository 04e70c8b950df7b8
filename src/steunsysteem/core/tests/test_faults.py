"""Faults a region meets in years of running: the database restarts in the middle of a write,
the disk fills up while a backup or an export is written.

(The mail server being down is in outbox/tests/test_delivery.py; the matching model missing,
with its lexical fallback, in matching/tests/test_ranking.py.)

The database restarts only on PostgreSQL started by bin/postgres-test-server, which says how
to restart it (TEST_PG_RESTART); elsewhere those tests are skipped.
"""

import datetime as dt
import errno
import os
import shlex
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.core.wsgi import get_wsgi_application
from django.db import OperationalError, close_old_connections, connection
from django.test import RequestFactory
from django.utils import timezone

from steunsysteem.accounts import audit
from steunsysteem.accounts.audit import verify_audit_chain
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.core.backup import BackupError, backup_database
from steunsysteem.directory.hsds import exporter
from steunsysteem.directory.hsds.exporter import hsds_export
from steunsysteem.directory.tests.factories import ServiceFactory, UserFactory
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.models import Question
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services as worktables
from steunsysteem.worktables.models import Meeting
from steunsysteem.worktables.services import meetings
from steunsysteem.worktables.tests.factories import WorktableFactory

restartable = pytest.mark.skipif(
    not os.environ.get("TEST_PG_RESTART") or not os.environ.get("DATABASE_URL"),
    reason="needs the PostgreSQL server of bin/postgres-test-server (TEST_PG_RESTART)",
)


def restart_database():
    subprocess.run(shlex.split(os.environ["TEST_PG_RESTART"]), check=True, capture_output=True)


@pytest.fixture
def crash_before_the_audit_entry(monkeypatch):
    """The database restarts after a service wrote its own rows, before its audit entry."""
    lock_trail = audit._lock_trail

    def crash():
        restart_database()
        lock_trail()

    monkeypatch.setattr(audit, "_lock_trail", crash)
    yield
    monkeypatch.setattr(audit, "_lock_trail", lock_trail)


def next_request():
    """What Django does at the start of every request (request_started)."""
    close_old_connections()


@restartable
@pytest.mark.django_db(transaction=True)
def test_a_question_cut_off_by_a_restart_is_not_half_there_and_the_next_try_works(
    crash_before_the_audit_entry, monkeypatch
):
    janny = ParticipantFactory(name="Janny de Vries", with_account=True)
    entries_before = AuditEntry.objects.count()

    with pytest.raises(OperationalError):
        question_submit(
            participant=janny, text="Ik wil zingen.", life_domains=["culture"], by=janny.user
        )

    monkeypatch.undo()
    next_request()
    assert Question.objects.count() == 0
    assert AuditEntry.objects.count() == entries_before
    question_submit(
        participant=janny, text="Ik wil zingen.", life_domains=["culture"], by=janny.user
    )
    assert Question.objects.count() == 1
    assert verify_audit_chain().intact


@restartable
@pytest.mark.django_db(transaction=True)
def test_a_meeting_cut_off_by_a_restart_is_not_half_planned(monkeypatch):
    """The database restarts after the meeting's row is written, before the invitations."""
    invite = meetings.meeting_invite

    def crash(**kwargs):
        restart_database()
        return invite(**kwargs)

    monkeypatch.setattr(meetings, "meeting_invite", crash)
    chair = UserFactory(coordinator=True, email="ruud@steunsysteem.example.nl")
    table = WorktableFactory(members=[chair])
    start = timezone.now() + dt.timedelta(days=3)
    plan = dict(worktable=table, starts_at=start, ends_at=start + dt.timedelta(hours=2), by=chair)

    with pytest.raises(OperationalError):
        worktables.meeting_plan(location="De Schakel", **plan)

    monkeypatch.undo()
    next_request()
    assert Meeting.objects.count() == 0
    worktables.meeting_plan(location="De Schakel", **plan)
    assert Meeting.objects.count() == 1
    assert verify_audit_chain().intact


@restartable
@pytest.mark.django_db(transaction=True)
def test_after_a_restart_the_site_answers_again_without_anyone_doing_anything():
    """Connections are kept between requests (CONN_MAX_AGE); CONN_HEALTH_CHECKS notices that
    the kept one died with the old server and opens a new one."""
    application = get_wsgi_application()
    choir = ServiceFactory(name="Zangkoor De Lijster")

    def get(path):
        environ = RequestFactory().get(path).environ
        statuses = []
        body = application(environ, lambda status, headers: statuses.append(status))
        content = b"".join(body)
        body.close()  # request_finished
        return int(statuses[0].split()[0]), content

    assert get("/healthz")[0] == 200
    restart_database()

    assert get("/healthz") == (200, b'{"status": "ok", "database": "ok"}')
    status, page = get(f"/sociale-kaart/dienst/{choir.pk}/")
    assert status == 200 and b"Zangkoor De Lijster" in page
    assert connection.is_usable()


class FullDisk:
    """A writer that fills the disk after a few rows, as /dev/full does at once."""

    def __init__(self, real, rows_before_full=3):
        self.real = real
        self.rows = rows_before_full

    def writerow(self, row):
        if self.rows <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.rows -= 1
        return self.real.writerow(row)


@pytest.fixture
def full_disk_for_csv(monkeypatch):
    real_writer = exporter.csv.writer
    monkeypatch.setattr(exporter.csv, "writer", lambda handle: FullDisk(real_writer(handle)))


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.django_db
def test_a_full_disk_during_an_export_leaves_the_previous_export_as_it_was(tmp_path, monkeypatch):
    for number in range(5):
        ServiceFactory(name=f"Koor {number}")
    target = tmp_path / "export"
    hsds_export(outdir=target)
    before = folder_listing(target)
    real_writer = exporter.csv.writer
    monkeypatch.setattr(exporter.csv, "writer", lambda handle: FullDisk(real_writer(handle)))
    ServiceFactory(name="Nieuw koor")

    with pytest.raises(CommandError, match="the disk is full. Nothing was written"):
        call_command("export_hsds", str(target), "--no-progress", verbosity=0)

    assert folder_listing(target) == before
    assert [path.name for path in tmp_path.iterdir()] == ["export"]  # no half folder left


@pytest.mark.django_db
def test_a_full_disk_during_a_first_export_leaves_nothing(tmp_path, full_disk_for_csv):
    ServiceFactory.create_batch(5)
    target = tmp_path / "export"

    with pytest.raises(OSError, match="the disk is full"):
        hsds_export(outdir=target)

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_full_disk_during_a_backup_leaves_no_file_that_looks_like_a_backup(tmp_path, monkeypatch):
    from steunsysteem.core import backup

    def fill_the_disk(connection, path):
        path.write_bytes(b"PGDMP half a dump")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backup, "_backup_to", fill_the_disk)
    target = tmp_path / "steunsysteem.backup"

    with pytest.raises(BackupError, match="the disk is full"):
        backup_database(target)

    assert list(tmp_path.iterdir()) == []
    with pytest.raises(CommandError, match="the disk is full"):
        call_command("backup", str(target))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_failed_backup_tool_leaves_no_file_either(tmp_path, monkeypatch):
    from steunsysteem.core import backup

    def dump_fails(connection, path):
        path.write_bytes(b"PGDMP")
        raise BackupError("pg_dump failed: could not write to output file")

    monkeypatch.setattr(backup, "_backup_to", dump_fails)

    with pytest.raises(BackupError, match="pg_dump failed"):
        backup_database(tmp_path / "steunsysteem.backup")

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)  # a backup copies what is committed
def test_a_backup_that_succeeds_has_its_name_and_nothing_beside_it(tmp_path):
    target = tmp_path / "steunsysteem.backup"

    backup_database(target)

    assert [path.name for path in tmp_path.iterdir()] == ["steunsysteem.backup"]
    assert target.stat().st_size > 0


def test_pg_dump_on_a_full_disk_is_said_like_every_other_full_disk(tmp_path, monkeypatch):
    from steunsysteem.core import backup

    def dump_on_a_full_disk(tool, connection, arguments):
        Path(arguments[-1].removeprefix("--file=")).write_bytes(b"PGDMP half")
        raise BackupError(
            "pg_dump failed: pg_dump: error: could not write to output file:"
            " No space left on device"
        )

    monkeypatch.setattr(backup, "_run_postgres_tool", dump_on_a_full_disk)
    postgresql = SimpleNamespace(vendor="postgresql")
    monkeypatch.setattr(backup, "connections", {"default": postgresql})

    with pytest.raises(BackupError, match=r"steunsysteem\.backup: the disk is full\. Nothing was"):
        backup_database(tmp_path / "steunsysteem.backup")

    assert list(tmp_path.iterdir()) == []
