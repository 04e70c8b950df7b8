"""Checking access to a participant's data and recording it in the audit trail, in one step.

Views and API views call ``authorize_participant`` instead of checking and auditing
separately, so no read of personal data can skip the trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from . import permissions
from .audit import audit_record
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
        reason=access.reason,
        request=request,
    )
    if not access.allowed:
        raise AuditedPermissionDenied(participant)
    return access
