"""Someone who can write to the database still cannot rewrite the audit trail unnoticed.

The chain is keyed (HMAC with AUDIT_TRAIL_KEY, which is not in the database), so entries
re-inserted with hashes computed without the key fail the check; the database refuses
DELETE on SQLite and PostgreSQL; and the operator keeps the head outside the database, so
removing the newest entries is caught too.
"""

import hashlib
import hmac
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from steunsysteem.accounts.audit import (
    GENESIS_HASH,
    ChainAnchor,
    audit_record,
    audit_trail_head,
    compute_entry_hash,
    compute_unkeyed_entry_hash,
    verify_audit_chain,
)
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.models import AuditEntry, User

from .test_audit import TABLE, bypass_database_guard

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def professional():
    return User.objects.create_user(
        username="hulpverlener", password="een-lang-wachtwoord", role=Role.PROFESSIONAL
    )


def record(actor, count):
    return [
        audit_record(actor=actor, action=AuditAction.READ, object_type="x.y", object_id=str(n))
        for n in range(count)
    ]


def remove_from_database(*entries):
    bypass_database_guard()
    with connection.cursor() as cursor:
        for entry in entries:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])


def rewrite(entries, *, hashed_with, change=lambda entry: None):
    """Remove the entries and insert them again, re-linked and re-hashed by ``hashed_with``:
    what someone with database rights but without the key can do."""
    previous_hash = (
        AuditEntry.objects.filter(sequence=entries[0].sequence - 1)
        .values_list("entry_hash", flat=True)
        .first()
        or GENESIS_HASH
    )
    remove_from_database(*entries)
    for entry in entries:
        forged = AuditEntry.objects.get_queryset().model(
            **{
                field.attname: getattr(entry, field.attname)
                for field in AuditEntry._meta.concrete_fields
                if field.attname != "id"
            }
        )
        change(forged)
        forged.previous_hash = previous_hash
        forged.entry_hash = hashed_with(forged)
        forged.save(force_insert=True)
        previous_hash = forged.entry_hash


def with_other_key(entry):
    return compute_entry_hash(entry, key=b"a key that is not the one of this installation")


class TestTheChainIsKeyed:
    def test_an_entry_hash_is_an_hmac_with_the_key_from_the_settings(self, professional, settings):
        (entry,) = record(professional, 1)

        settings.AUDIT_TRAIL_KEY = "another key altogether, 32 chars+"
        assert compute_entry_hash(entry) != entry.entry_hash
        assert entry.entry_hash != compute_unkeyed_entry_hash(entry)

    def test_a_trail_rewritten_without_the_key_fails_the_check(self, professional):
        """Finding 7: DELETE and re-INSERT with recomputed hashes passed the check."""
        entries = record(professional, 3)

        rewrite(entries, hashed_with=compute_unkeyed_entry_hash, change=_hide_entry_two)

        status = verify_audit_chain()
        assert status.broken_at.sequence == 1
        assert "without the trail's key" in status.broken_at.problem
        with pytest.raises(CommandError, match="sequence 1"):
            call_command("verify_audit_trail")

    def test_a_trail_rewritten_with_another_key_fails_the_check(self, professional):
        entries = record(professional, 3)

        rewrite(entries[1:], hashed_with=with_other_key, change=_hide_entry_two)

        broken = verify_audit_chain().broken_at
        assert broken.sequence == 2
        assert "does not match its hash" in broken.problem

    def test_without_a_key_nothing_is_recorded_or_checked(self, professional, settings):
        settings.AUDIT_TRAIL_KEY = ""

        with pytest.raises(ImproperlyConfigured, match="AUDIT_TRAIL_KEY"):
            record(professional, 1)
        with pytest.raises(ImproperlyConfigured, match="AUDIT_TRAIL_KEY"):
            verify_audit_chain()
        assert not AuditEntry.objects.exists()


def _hide_entry_two(entry):
    if entry.sequence == 2:
        entry.object_id = "iets anders"


class TestEntriesFromBeforeTheKey:
    """Entries written before the chain was keyed keep their plain SHA-256; the line between
    the two is a setting, so nobody can move it by editing the database."""

    def write_unkeyed(self, professional, count):
        entries = record(professional, count)
        rewrite(entries, hashed_with=compute_unkeyed_entry_hash)

    def test_they_verify_up_to_the_sequence_in_the_setting(self, professional, settings):
        self.write_unkeyed(professional, 2)
        record(professional, 2)  # keyed, continuing the old chain

        settings.AUDIT_TRAIL_UNKEYED_UNTIL = 2
        assert verify_audit_chain().intact
        assert verify_audit_chain().entries == 4

        settings.AUDIT_TRAIL_UNKEYED_UNTIL = 0
        broken = verify_audit_chain().broken_at
        assert broken.sequence == 1
        assert "AUDIT_TRAIL_UNKEYED_UNTIL" in broken.problem

    def test_an_unkeyed_entry_after_the_line_is_caught(self, professional, settings):
        self.write_unkeyed(professional, 1)
        entries = record(professional, 3)
        settings.AUDIT_TRAIL_UNKEYED_UNTIL = 1

        rewrite(entries[1:], hashed_with=compute_unkeyed_entry_hash, change=_hide_entry_two)

        assert verify_audit_chain().broken_at.sequence == 3

    def test_an_old_entry_changed_is_still_caught(self, professional, settings):
        self.write_unkeyed(professional, 2)
        settings.AUDIT_TRAIL_UNKEYED_UNTIL = 2
        bypass_database_guard()
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET object_id = 'x' WHERE sequence = 2")

        broken = verify_audit_chain().broken_at
        assert broken.sequence == 2
        assert "does not match its hash" in broken.problem


class TestTheOperatorAnchorsTheHead:
    def test_the_head_command_prints_sequence_and_hash(self, professional, capsys):
        entries = record(professional, 3)

        call_command("audit_trail_head")

        assert capsys.readouterr().out.strip() == f"3:{entries[2].entry_hash}"

    def test_an_empty_trail_has_the_start_of_a_chain_as_its_head(self, capsys):
        call_command("audit_trail_head")
        anchor = capsys.readouterr().out.strip()

        assert anchor == f"0:{GENESIS_HASH}"
        call_command("verify_audit_trail", head=anchor)

    def test_a_trail_that_still_reaches_the_anchor_passes(self, professional, capsys):
        record(professional, 2)
        anchor = str(audit_trail_head())
        record(professional, 2)

        call_command("verify_audit_trail", head=anchor)

        assert "reaches the anchor 2" in capsys.readouterr().out

    def test_removing_the_newest_entries_is_caught_with_the_anchor(self, professional):
        entries = record(professional, 4)
        anchor = str(audit_trail_head())

        remove_from_database(entries[3], entries[2])

        assert verify_audit_chain().intact  # a shorter chain holds by itself
        with pytest.raises(CommandError, match="newest entries were removed"):
            call_command("verify_audit_trail", head=anchor)

    def test_a_rewritten_tail_is_caught_with_the_anchor(self, professional, settings):
        """Even by someone with the key: the anchor is outside the database."""
        entries = record(professional, 3)
        anchor = audit_trail_head()

        rewrite(entries[2:], hashed_with=compute_entry_hash, change=_hide_entry_three)

        assert verify_audit_chain().intact
        status = verify_audit_chain(anchor=anchor)
        assert status.broken_at.sequence == 3
        assert "differs from the anchor" in status.broken_at.problem

    @pytest.mark.parametrize("text", ["", "12", "12:abc", "x:" + "0" * 64, "3:" + "g" * 64])
    def test_an_anchor_that_is_not_one_is_refused_clearly(self, text):
        with pytest.raises(CommandError, match="An anchor looks like"):
            call_command("verify_audit_trail", head=text or " ")

    def test_an_anchor_reads_back_as_it_was_printed(self):
        anchor = ChainAnchor(12, "a" * 64)
        assert ChainAnchor.parse(str(anchor).upper().replace("A", "a")) == anchor


def _hide_entry_three(entry):
    entry.object_id = "iets anders"


def test_the_chain_key_is_not_the_secret_key_itself(settings):
    assert settings.AUDIT_TRAIL_KEY
    assert settings.AUDIT_TRAIL_KEY != settings.SECRET_KEY
    assert (
        settings.AUDIT_TRAIL_KEY
        == hmac.new(settings.SECRET_KEY.encode(), b"audit-trail", hashlib.sha256).hexdigest()
    )


@pytest.mark.parametrize("key", [None, "te-kort"])
def test_production_refuses_to_start_without_a_chain_key(tmp_path, key):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.production",
        "SECRET_KEY": "s" * 50,
        "ALLOWED_HOSTS": "example.org",
        "DATA_DIR": str(tmp_path),
    }
    for name in ["DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG", "AUDIT_TRAIL_KEY"]:
        environment.pop(name, None)
    if key:
        environment["AUDIT_TRAIL_KEY"] = key

    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "Set the AUDIT_TRAIL_KEY environment variable" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_whole_database_and_the_guard_comes_back(professional):
    """Emptying everything is the operator's reset (TRUNCATE on PostgreSQL, DELETE through
    accounts' flush on SQLite); deleting entries one by one stays refused afterwards."""
    record(professional, 2)

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEntry.objects.exists()
    (entry,) = record(User.objects.create_user(username="opnieuw", password="x" * 12), 1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
