"""The audit trail records who touched which personal data, and nobody can rewrite it."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from steunsysteem.accounts.audit import (
    GENESIS_HASH,
    audit_record,
    compute_entry_hash,
    verify_audit_chain,
)
from steunsysteem.accounts.constants import AuditAction, AuditResult, Role
from steunsysteem.accounts.management.commands.verify_audit_trail import (
    Command as VerifyAuditTrail,
)
from steunsysteem.accounts.models import AuditEntry, Membership, User
from steunsysteem.accounts.query import AuditTrailAppendOnlyError
from steunsysteem.directory.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TABLE = AuditEntry._meta.db_table


def make_user(username, role=Role.PROFESSIONAL, **extra):
    return User.objects.create_user(
        username=username, password="een-lang-wachtwoord", role=role, **extra
    )


@pytest.fixture
def professional():
    user = make_user("hulpverlener")
    for name in ("Buurtteam Noord", "GGZ Partistad"):
        organization = Organization.objects.create(name=name, description="Een organisatie.")
        Membership.objects.create(user=user, organization=organization)
    return user


@pytest.fixture
def participant():
    return make_user("deelnemer", role=Role.PARTICIPANT)


def request_from(address):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def record_reads(actor, obj, count):
    return [
        audit_record(actor=actor, action=AuditAction.READ, obj=obj, fields=["role"])
        for _ in range(count)
    ]


def bypass_database_guard():
    """What someone with owner rights on the database could do: switch the triggers off.

    Inside the test's transaction, so it is undone after the test.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER accounts_auditentry_append_only")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS accounts_auditentry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS accounts_auditentry_no_delete")


def test_a_professional_reading_a_participant_is_recorded_with_ids_not_names(
    professional, participant
):
    entry = audit_record(
        actor=professional,
        action=AuditAction.READ,
        obj=participant,
        fields=["role", "email", "role"],
        legal_basis="consent:42",
        request=request_from("203.0.113.77"),
    )

    entry.refresh_from_db()
    assert entry.actor_user_id == professional.pk
    assert entry.actor_username == "hulpverlener"
    assert entry.actor_role == Role.PROFESSIONAL
    assert entry.actor_organization_ids == sorted(
        str(pk) for pk in professional.organizations.values_list("pk", flat=True)
    )
    assert len(entry.actor_organization_ids) == 2
    assert entry.action == AuditAction.READ
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(participant.pk)
    assert entry.fields == ["email", "role"]
    assert entry.result == AuditResult.ALLOWED
    assert entry.legal_basis == "consent:42"
    assert entry.origin == "203.0.113.0/24"
    assert entry.occurred_at is not None
    assert "deelnemer" not in str(entry.__dict__)


def test_the_origin_keeps_only_the_network_for_ipv6_and_nothing_without_a_request(
    professional, participant
):
    with_ipv6 = audit_record(
        actor=professional,
        action=AuditAction.UPDATE,
        obj=participant,
        request=request_from("2001:db8:1234:5678::1"),
    )
    without_request = audit_record(actor=professional, action=AuditAction.EXPORT, obj=participant)

    assert with_ipv6.origin == "2001:db8:1234::/48"
    assert without_request.origin == ""


def test_a_failed_login_and_a_denied_access_are_recorded(participant):
    failed = audit_record(
        actor=None, action=AuditAction.LOGIN_FAILED, request=request_from("198.51.100.9")
    )
    denied = audit_record(
        actor=participant,
        action=AuditAction.ACCESS_DENIED,
        object_type="accounts.user",
        object_id="12",
        result=AuditResult.DENIED,
    )

    assert (failed.actor_user_id, failed.actor_username, failed.origin) == (
        None,
        "",
        "198.51.100.0/24",
    )
    assert denied.result == AuditResult.DENIED
    assert denied.object_id == "12"


def test_the_trail_takes_no_free_text_reason(professional, participant):
    """The trail outlives an erasure; a reason about a person stays with its emergency access
    (see test_emergency_reason.py), the trail refers to it by its legal basis."""
    with pytest.raises(TypeError):
        audit_record(
            actor=professional,
            action=AuditAction.READ,
            obj=participant,
            reason="Crisis: de deelnemer is niet bereikbaar.",
        )
    entry = audit_record(
        actor=professional, action=AuditAction.READ, obj=participant, legal_basis="emergency:7"
    )
    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_an_unknown_action_or_result_is_refused(professional):
    with pytest.raises(ValueError):
        audit_record(actor=professional, action="peek")
    with pytest.raises(ValueError):
        audit_record(actor=professional, action=AuditAction.READ, result="maybe")
    assert not AuditEntry.objects.exists()


def test_an_entry_is_written_with_the_work_it_records_or_not_at_all(professional, participant):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=professional, action=AuditAction.UPDATE, obj=participant)
        raise RuntimeError("the change failed")

    assert not AuditEntry.objects.exists()


def test_entries_form_a_hash_chain_that_verifies(professional, participant):
    entries = record_reads(professional, participant, 3)

    assert [entry.sequence for entry in entries] == [1, 2, 3]
    assert entries[0].previous_hash == GENESIS_HASH
    assert entries[1].previous_hash == entries[0].entry_hash
    assert entries[2].previous_hash == entries[1].entry_hash
    assert len({entry.entry_hash for entry in entries}) == 3

    status = verify_audit_chain(batch_size=2)
    assert status.intact
    assert status.entries == 3
    assert status.head_hash == entries[2].entry_hash


def test_the_command_reports_an_intact_trail(professional, participant, capsys):
    entries = record_reads(professional, participant, 2)

    call_command("verify_audit_trail")

    output = capsys.readouterr().out
    assert "intact: 2 entries" in output
    assert entries[1].entry_hash in output


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.RELATIVE])
def test_the_trail_keeps_only_the_id_of_participants_and_relatives(participant, role):
    """Their username may be their name, and the trail outlives an erasure of their data."""
    person = make_user("janny-de-vries", role=role)

    entry = audit_record(actor=person, action=AuditAction.READ, obj=participant)

    entry.refresh_from_db()
    assert (entry.actor_user_id, entry.actor_username, entry.actor_role) == (
        person.pk,
        "",
        role,
    )


def test_a_participant_can_be_shown_who_looked_at_their_data(professional, participant):
    other = make_user("iemand-anders", role=Role.PARTICIPANT)
    record_reads(professional, participant, 2)
    record_reads(professional, other, 1)

    about_participant = AuditEntry.objects.about(
        object_type="accounts.user", object_id=participant.pk
    )

    assert about_participant.count() == 2
    assert set(about_participant.values_list("actor_username", flat=True)) == {"hulpverlener"}


class TestNobodyCanRewriteTheTrail:
    def test_the_orm_refuses_to_change_or_delete_entries(self, professional, participant):
        entry = audit_record(actor=professional, action=AuditAction.READ, obj=participant)

        entry.object_id = "999"
        with pytest.raises(AuditTrailAppendOnlyError):
            entry.save()
        with pytest.raises(AuditTrailAppendOnlyError):
            entry.delete()
        with pytest.raises(AuditTrailAppendOnlyError):
            AuditEntry.objects.filter(pk=entry.pk).update(object_id="999")
        with pytest.raises(AuditTrailAppendOnlyError):
            AuditEntry.objects.all().delete()
        with pytest.raises(AuditTrailAppendOnlyError):
            AuditEntry.objects.bulk_update([entry], ["object_id"])
        with pytest.raises(AuditTrailAppendOnlyError):
            AuditEntry.objects.bulk_create([AuditEntry(sequence=2)])

        stored = AuditEntry.objects.get()
        assert stored.object_id == str(participant.pk)
        assert verify_audit_chain().intact

    def test_the_database_refuses_raw_sql_updates(self, professional, participant):
        entry = audit_record(actor=professional, action=AuditAction.READ, obj=participant)

        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET object_id = %s WHERE id = %s", ["999", entry.pk])

        assert AuditEntry.objects.get().object_id == str(participant.pk)

    def test_the_database_refuses_raw_sql_deletes(self, professional, participant):
        """On PostgreSQL and on SQLite (issue 9, finding 7: SQLite let DELETE through)."""
        entries = record_reads(professional, participant, 3)

        for statement, arguments in [
            (f"DELETE FROM {TABLE} WHERE id = %s", [entries[2].pk]),
            (f"DELETE FROM {TABLE}", []),
        ]:
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(statement, arguments)

        assert AuditEntry.objects.count() == 3
        assert verify_audit_chain().intact


class TestTamperingIsDetected:
    def test_a_changed_entry_is_named_by_the_command(self, professional, participant):
        entries = record_reads(professional, participant, 3)
        tampered = entries[1]
        bypass_database_guard()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET actor_username = %s WHERE id = %s", ["iemand", tampered.pk]
            )

        with pytest.raises(CommandError) as error:
            call_command("verify_audit_trail")

        assert f"entry id {tampered.pk} " in str(error.value)
        assert "does not match its hash" in str(error.value)
        assert verify_audit_chain().broken_at.entry_id == tampered.pk

    def test_the_command_exits_non_zero_from_the_shell(
        self, professional, participant, monkeypatch, capsys
    ):
        entry = record_reads(professional, participant, 1)[0]
        bypass_database_guard()
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET result = 'denied' WHERE id = %s", [entry.pk])
        # run_from_argv closes connections afterwards; keep the test database's one open.
        monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

        with pytest.raises(SystemExit) as exit_info:
            VerifyAuditTrail().run_from_argv(["steunsysteem", "verify_audit_trail"])

        assert exit_info.value.code == 1
        assert f"entry id {entry.pk} " in capsys.readouterr().err

    def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(
        self, professional, participant
    ):
        entries = record_reads(professional, participant, 3)
        forged = AuditEntry.objects.get(pk=entries[1].pk)
        forged.fields = ["nothing"]
        bypass_database_guard()
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET fields = %s, entry_hash = %s WHERE id = %s",
                ['["nothing"]', compute_entry_hash(forged), forged.pk],
            )

        broken = verify_audit_chain().broken_at
        assert broken.entry_id == entries[2].pk
        assert "previous entry" in broken.problem

    def test_a_removed_entry_is_detected_at_the_entry_after_it(self, professional, participant):
        entries = record_reads(professional, participant, 5)
        bypass_database_guard()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entries[3].pk])

        broken = verify_audit_chain(batch_size=2).broken_at
        assert broken.entry_id == entries[4].pk
        assert "missing" in broken.problem


class TestAdministratorsSearchTheTrailInTheAdmin:
    @pytest.fixture
    def entry(self, professional, participant):
        record_reads(professional, participant, 1)
        return audit_record(
            actor=professional,
            action=AuditAction.UPDATE,
            obj=participant,
            fields=["email"],
            request=request_from("203.0.113.77"),
        )

    def test_the_list_shows_entries_and_can_be_searched_and_filtered(self, admin_client, entry):
        url = reverse("admin:accounts_auditentry_changelist")

        listing = admin_client.get(url)
        searched = admin_client.get(url, {"q": "hulpverlener"})
        filtered = admin_client.get(url, {"action__exact": "update"})
        nothing = admin_client.get(url, {"q": "niemand"})

        assert listing.status_code == 200
        assert listing.context["cl"].result_count == 2
        assert searched.context["cl"].result_count == 2
        assert [e.pk for e in filtered.context["cl"].result_list] == [entry.pk]
        assert nothing.context["cl"].result_count == 0
        assert "delete_selected" not in listing.content.decode()

    def test_an_entry_can_be_viewed_but_not_changed(self, admin_client, entry):
        url = reverse("admin:accounts_auditentry_change", args=[entry.pk])

        page = admin_client.get(url)
        attempt = admin_client.post(url, {"object_id": "999", "result": "denied"})

        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert 'name="object_id"' not in page.content.decode()
        assert attempt.status_code == 403
        assert AuditEntry.objects.get(pk=entry.pk).object_id == entry.object_id
        assert verify_audit_chain().intact

    def test_entries_cannot_be_added_or_deleted(self, admin_client, entry):
        add = admin_client.get(reverse("admin:accounts_auditentry_add"))
        add_post = admin_client.post(reverse("admin:accounts_auditentry_add"), {"action": "read"})
        delete_url = reverse("admin:accounts_auditentry_delete", args=[entry.pk])
        delete = admin_client.post(delete_url, {"post": "yes"})
        bulk_delete = admin_client.post(
            reverse("admin:accounts_auditentry_changelist"),
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )

        assert add.status_code == 403
        assert add_post.status_code == 403
        assert delete.status_code == 403
        assert bulk_delete.status_code in (200, 302)
        # The refused attempts are themselves recorded, and so is the administrator's look at
        # the list; nothing else was added or removed.
        refused = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED)
        looked = AuditEntry.objects.filter(object_type="accounts.auditentry")
        assert refused.count() == 3
        assert AuditEntry.objects.exclude(pk__in=refused).exclude(pk__in=looked).count() == 2
