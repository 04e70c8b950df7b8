"""The Partistad demo is built the way real data is: through the services, so the audit
trail shows every step, and loading it again writes nothing new."""

from collections import Counter

import pytest
from django.apps import apps

from steunsysteem.accounts.audit import verify_audit_chain
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry, ConsentGrant, User
from steunsysteem.core.demo import load_demo
from steunsysteem.networks.models import NetworkSnapshot
from steunsysteem.participants.models import LadderPosition, Participant
from steunsysteem.questions.models import Question, QuestionEvent
from steunsysteem.worktables.models import WorktableMembership

pytestmark = pytest.mark.django_db(transaction=False)

PARTICIPANT = "participants.participant"


def _rows() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def _entries(field: str, action: str | None = None) -> Counter:
    """How many audit entries about each participant name ``field``."""
    return Counter(
        entry.object_id
        for entry in AuditEntry.objects.filter(object_type=PARTICIPANT)
        if field in entry.fields and (action is None or entry.action == action)
    )


def _per_participant(rows) -> Counter:
    return Counter(str(participant_id) for participant_id in rows)


@pytest.fixture
def demo():
    load_demo()


def test_loading_the_demo_again_adds_no_rows_and_no_audit_entries(demo):
    rows, head = _rows(), AuditEntry.objects.order_by("-sequence").first()

    load_demo()

    assert _rows() == rows
    assert AuditEntry.objects.order_by("-sequence").first() == head
    assert verify_audit_chain().intact


def test_the_demos_consent_and_questions_went_through_the_consent_and_question_services(demo):
    created = set(
        AuditEntry.objects.filter(
            object_type="accounts.consentgrant", action=AuditAction.CREATE
        ).values_list("object_id", flat=True)
    )

    grants = {str(pk) for pk in ConsentGrant.objects.values_list("pk", flat=True)}
    assert grants and grants <= created
    withdrawn = ConsentGrant.objects.filter(withdrawn_at__isnull=False)
    assert withdrawn.exists()
    for grant in withdrawn:
        assert AuditEntry.objects.filter(
            object_id=str(grant.pk), action=AuditAction.UPDATE, fields=["withdrawn_at"]
        ).exists(), "withdrawn through consent_withdraw"

    # The monitor's history of past half-years is the one exception (see monitor.demo).
    history = Participant.objects.filter(name__startswith="Deelnemer ")
    questions = Question.objects.exclude(participant__in=history)

    assert questions.count() >= 15
    assert _entries("questions.text") == _per_participant(
        questions.values_list("participant_id", flat=True)
    )
    events = QuestionEvent.objects.values_list("question__participant_id", flat=True)
    assert len(events) > 0
    assert _entries("questions.status") == _per_participant(events)


def test_the_personas_records_accounts_and_seats_were_built_by_the_services(demo):
    personas = Participant.objects.filter(name__in=["Janny", "Nuray", "Mark"])
    assert personas.count() == 3
    for participant in personas:
        key = str(participant.pk)
        assert _entries("name", AuditAction.CREATE)[key] == 1, "registered by the service"
        assert _entries("progress.ladder_step")[key] == participant.ladder_positions.count()
        assert _entries("network.name", AuditAction.CREATE)[key] >= (
            participant.network_members.count()
        )
        assert (
            _entries("network.snapshot")[key]
            == NetworkSnapshot.objects.filter(participant=participant).count()
        )
        assert _entries("notes.asked")[key] == participant.notes.count()
    assert LadderPosition.objects.filter(participant__in=personas).count() == 6
    assert sum(_entries("notes.asked").values()) == 3
    # The accounts and their seats at the werktafels, as the admin and the table's page do.
    recorded = {
        (entry.object_id, entry.action, frozenset(entry.fields))
        for entry in AuditEntry.objects.filter(object_type="accounts.user")
    }
    for user in User.objects.all():
        assert any(
            key == str(user.pk) and action == AuditAction.CREATE for key, action, _ in recorded
        ), f"{user.username}'s account was set up unrecorded"
    for membership in WorktableMembership.objects.all():
        assert (str(membership.user_id), AuditAction.UPDATE, frozenset({"worktables"})) in recorded
