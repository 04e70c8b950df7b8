"""The reason for emergency access is about a person, so it is not in the audit trail.

It stays with the emergency access, which an erasure removes; the trail refers to it as
``emergency:<pk>``, and "Wie keek er" looks it up there (issue 9, finding 4).
"""

import pytest
from django.urls import reverse

from steunsysteem.accounts import selectors
from steunsysteem.accounts.audit import GENESIS_HASH, compute_entry_hash
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry, EmergencyAccess
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.services import participant_erase
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

REASON = "Zus belde in paniek, psychose vermoed"


def trail_mentions(text: str) -> bool:
    """Whether any stored entry holds ``text`` anywhere in its content."""
    return any(text in str(row) for row in AuditEntry.objects.values_list())


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny", with_account=True)


@pytest.fixture
def professional():
    return UserFactory(professional=True, first_name="Piet", last_name="Post")


def test_the_trail_refers_to_the_emergency_access_and_keeps_no_reason(client, janny, professional):
    sign_in(client, professional)
    client.post(reverse("participants:emergency_access", args=[janny.pk]), {"reason": REASON})
    client.get(reverse("participants:detail", args=[janny.pk]))

    access = EmergencyAccess.objects.get()
    entries = AuditEntry.objects.filter(legal_basis=f"emergency:{access.pk}")
    assert set(entries.values_list("action", flat=True)) == {AuditAction.CREATE, AuditAction.READ}
    assert access.reason == REASON
    assert not trail_mentions("paniek")


def test_the_participant_still_sees_the_reason_in_who_looked(client, janny, professional):
    emergency_access_start(participant=janny, by=professional, reason=REASON)
    sign_in(client, professional)
    client.get(reverse("participants:detail", args=[janny.pk]))

    rows = selectors.access_log(janny)

    assert len(rows) == 2
    assert {row.reason for row in rows} == {REASON}
    sign_in(client, janny.user)
    assert REASON in client.get(reverse("participants:access_log", args=[janny.pk])).text


def test_after_erasure_the_reason_is_gone_and_the_trail_still_holds(janny, professional):
    access = emergency_access_start(participant=janny, by=professional, reason=REASON)

    participant_erase(participant=janny, by=janny.user)

    assert not EmergencyAccess.objects.filter(pk=access.pk).exists()
    assert AuditEntry.objects.filter(legal_basis=f"emergency:{access.pk}").exists()
    assert not trail_mentions("paniek")


def test_an_old_entry_that_still_holds_a_reason_keeps_showing_it(janny, professional):
    """Entries written before this change cannot be rewritten; the log still shows them."""
    old = AuditEntry(
        sequence=1,
        occurred_at=janny.created_at,
        actor_user_id=professional.pk,
        actor_username=professional.username,
        actor_role=professional.role,
        action=AuditAction.READ,
        object_type="participants.participant",
        object_id=str(janny.pk),
        result="allowed",
        legal_basis="emergency:999",
        reason="Oude reden",
        previous_hash=GENESIS_HASH,
    )
    old.entry_hash = compute_entry_hash(old)
    old.save(force_insert=True)

    (row,) = selectors.access_log(janny)

    assert row.reason == "Oude reden"
