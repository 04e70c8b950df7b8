"""Checking access to a participant's data and recording it in the audit trail, in one step.

Views and API views call ``authorize_participant`` instead of checking and auditing
separately, so no read of personal data can skip the trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from . import permissions
from .audit import AuditTarget, audit_record, audit_record_each
from .constants import AuditAction, AuditResult

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.participants.models import Participant


class AuditedPermissionDenied(PermissionDenied):
    """Access to a participant was refused and the refusal is already in the audit trail."""

    def __init__(self, participant: Participant):
        super().__init__()
        self.participant = participant


def authorize_participant(
    *,
    request: HttpRequest,
    participant: Participant,
    scope: str,
    fields: Iterable[str] = (),
    action: str = AuditAction.READ,
) -> permissions.Access:
    """Allow and record a read of ``fields`` in ``scope``, or record the refusal and raise.

    A download passes ``action=AuditAction.EXPORT``: the data leaves the system, and the
    participant sees that in "Wie keek er".
    """
    access = permissions.participant_access(request.user, participant, scope)
    audit_record(
        actor=request.user,
        action=action if access.allowed else AuditAction.ACCESS_DENIED,
        obj=participant,
        fields=fields,
        result=AuditResult.ALLOWED if access.allowed else AuditResult.DENIED,
        legal_basis=access.legal_basis,
        request=request,
    )
    if not access.allowed:
        raise AuditedPermissionDenied(participant)
    return access


def record_participant_reads(
    *,
    request: HttpRequest,
    reads: Iterable[tuple[Participant, str]],
    fields: Iterable[str],
) -> None:
    """Record that a page showed ``fields`` of several participants: one entry per
    participant with the basis it rested on, so each finds it in their own "Wie keek er".

    For pages whose rows were already chosen by what the user may see (a list, one's own
    actions), so there is nothing to refuse.
    """
    audit_record_each(
        actor=request.user,
        action=AuditAction.READ,
        targets=[AuditTarget.of(participant, basis) for participant, basis in reads],
        fields=fields,
        request=request,
    )


def record_participant_list(*, request: HttpRequest, participants: Iterable[Participant]) -> None:
    """The list of participants showed each one's name and district."""
    participants = list(participants)
    bases = permissions.visible_participant_bases(request.user, [p.pk for p in participants])
    record_participant_reads(
        request=request,
        reads=[(participant, bases.get(participant.pk, "")) for participant in participants],
        fields=["name", "district"],
    )
