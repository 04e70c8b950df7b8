"""The operator backs up the Partistad database while it runs and restores it on a new,
empty database: every record is back, and the audit trail's hash chain still verifies.
A restore never overwrites a database that holds data."""

import json
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from steunsysteem.core.backup import BackupError, restore_database
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.vocabularies import install_vocabularies

from .command_line import steunsysteem

COUNT_EVERY_MODEL = (
    "import json; from django.apps import apps; print(json.dumps("
    "{m._meta.label: m._base_manager.count() for m in apps.get_models()}))"
)


def counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_partistad_restores_every_record_and_a_trail_that_verifies(
    tmp_path, empty_database
):
    # Transactional tests empty every table afterwards, the vocabularies of migration 0002 too.
    install_vocabularies(Taxonomy, TaxonomyTerm)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    before = counts()
    assert before["accounts.AuditEntry"] > 0 and before["participants.Participant"] > 0
    backup = tmp_path / "partistad.backup"

    call_command("backup", str(backup), stdout=open(os.devnull, "w"))  # noqa: SIM115
    restored = steunsysteem("restore", str(backup), database_url=empty_database)

    assert restored.returncode == 0, restored.stderr
    assert "Audit trail intact" in restored.stdout
    after = steunsysteem("shell", "-c", COUNT_EVERY_MODEL, database_url=empty_database)
    assert json.loads(after.stdout.strip().splitlines()[-1]) == before, after.stdout[:500]
    verified = steunsysteem("verify_audit_trail", database_url=empty_database)
    assert verified.returncode == 0 and "Audit trail intact" in verified.stdout


@pytest.mark.django_db
def test_restoring_into_a_database_with_data_is_refused_and_changes_nothing(tmp_path):
    backup = tmp_path / "any.backup"
    backup.write_bytes(b"not looked at")
    before = counts()

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("restore", str(backup))
    assert counts() == before


def test_a_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "yesterday.backup"
    existing.write_bytes(b"yesterday")

    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"yesterday"


@pytest.mark.django_db(transaction=True)
def test_restoring_a_file_that_is_no_backup_says_so(tmp_path, empty_database):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("boodschappen: brood, melk")

    restored = steunsysteem("restore", str(not_a_backup), database_url=empty_database)

    assert restored.returncode != 0
    assert "notes.txt" in restored.stderr or "failed" in restored.stderr


def test_restoring_a_missing_file_says_which(tmp_path):
    with pytest.raises(BackupError, match="missing.backup is not a file"):
        restore_database(Path(tmp_path / "missing.backup"))
