"""Consent grants and emergency access to a participant's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..audit import audit_record
from ..constants import CONSENT_HOLDER_ROLES, AuditAction, ConsentScope, ConsentSource
from ..models import ConsentGrant, EmergencyAccess, User
from ..permissions import can_start_emergency_access

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.directory.models import Organization
    from steunsysteem.participants.models import Participant
    from steunsysteem.worktables.models import Worktable

    Grantee = User | Organization | Worktable


class ConsentError(Exception):
    """A consent grant or withdrawal that cannot be recorded; the message says why."""


class EmergencyAccessError(Exception):
    """Emergency access that cannot be started; the message says why."""


GRANT_FIELDS = ["scope", "grantee", "ends_on", "source"]


def _grantee_fields(grantee: Grantee) -> dict:
    from steunsysteem.directory.models import Organization
    from steunsysteem.worktables.models import Worktable

    if isinstance(grantee, User):
        if grantee.role not in CONSENT_HOLDER_ROLES or not grantee.is_active:
            raise ConsentError(_("This person cannot receive consent in their role."))
        return {"grantee_user": grantee}
    if isinstance(grantee, Organization):
        return {"grantee_organization": grantee}
    if isinstance(grantee, Worktable):
        return {"grantee_worktable": grantee}
    raise TypeError(f"Cannot grant consent to {type(grantee).__name__}")


def consent_grant(
    *,
    participant: Participant,
    grantee: Grantee,
    scopes: Iterable[str],
    ends_on: dt.date,
    source: str,
    by: User,
    request: HttpRequest | None = None,
) -> list[ConsentGrant]:
    """Record that the participant lets ``grantee`` see ``scopes`` until ``ends_on``.

    A grant for a scope the grantee already holds is not duplicated: the existing grant is
    kept and a new one starts, so the history shows both.
    """
    scopes = sorted(set(scopes))
    if not scopes:
        raise ConsentError(_("Choose at least one thing that may be seen."))
    if any(scope not in ConsentScope.values for scope in scopes):
        raise ConsentError(_("Unknown kind of data."))
    if source not in ConsentSource.values:
        raise ConsentError(_("Say how the consent was given."))
    if ends_on < timezone.localdate():
        raise ConsentError(_("The end date has already passed."))
    target = _grantee_fields(grantee)
    now = timezone.now()
    with transaction.atomic():
        grants = [
            ConsentGrant.objects.create(
                participant=participant,
                scope=scope,
                given_at=now,
                ends_on=ends_on,
                source=source,
                recorded_by=by,
                **target,
            )
            for scope in scopes
        ]
        for grant in grants:
            audit_record(
                actor=by,
                action=AuditAction.CREATE,
                obj=grant,
                fields=GRANT_FIELDS,
                legal_basis=f"participant:{participant.pk}",
                request=request,
            )
    return grants


def consent_withdraw(
    *, grant: ConsentGrant, by: User, request: HttpRequest | None = None
) -> ConsentGrant:
    """Withdraw a grant now: from this moment on it opens nothing."""
    with transaction.atomic():
        grant = ConsentGrant.objects.select_for_update().get(pk=grant.pk)
        if grant.withdrawn_at is not None:
            raise ConsentError(_("This consent was already withdrawn."))
        grant.withdrawn_at = timezone.now()
        grant.withdrawn_by = by
        grant.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=grant,
            fields=["withdrawn_at"],
            legal_basis=f"participant:{grant.participant_id}",
            request=request,
        )
    return grant


def emergency_access_start(
    *,
    participant: Participant,
    by: User,
    reason: str,
    request: HttpRequest | None = None,
) -> EmergencyAccess:
    """Open a participant's data to ``by`` for ``settings.EMERGENCY_ACCESS_DURATION``.

    Only for a professional or coordinator who cannot see the person otherwise, and only with
    a reason. The reason stays on the ``EmergencyAccess`` (an erasure removes it); the trail
    refers to it as ``emergency:<pk>``, here and on every read during the access.
    """
    reason = reason.strip()
    if not reason:
        raise EmergencyAccessError(_("Say why this cannot wait."))
    if not can_start_emergency_access(by, participant):
        raise EmergencyAccessError(_("You cannot use emergency access for this person."))
    now = timezone.now()
    with transaction.atomic():
        access = EmergencyAccess.objects.create(
            participant=participant,
            user=by,
            reason=reason,
            started_at=now,
            ends_at=now + settings.EMERGENCY_ACCESS_DURATION,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=access,
            fields=["reason", "ends_at"],
            legal_basis=f"emergency:{access.pk}",
            request=request,
        )
    return access
