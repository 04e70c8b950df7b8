"""Read models about a participant that span apps: their consent and their access log.

The access log turns audit trail entries into lines a participant understands: when, who
(name, role and organisations at that time), what, and on which basis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import AuditAction, AuditResult, Role
from .models import AuditEntry, ConsentGrant, EmergencyAccess, User

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from steunsysteem.participants.models import Participant


def consent_overview(participant: Participant, *, current: bool):
    """The participant's grants in force (``current``) or ended, newest first."""
    grants = participant.consent_grants.select_related(
        "grantee_user", "grantee_organization", "grantee_worktable", "recorded_by"
    )
    active = ConsentGrant.objects.active().filter(participant=participant).values("pk")
    grants = grants.filter(pk__in=active) if current else grants.exclude(pk__in=active)
    return grants.order_by("-given_at", "scope")


@dataclass(frozen=True)
class AccessLogRow:
    occurred_at: dt.datetime
    who: str
    role: StrOrPromise
    organizations: list[str]
    action: StrOrPromise
    fields: list[str]
    allowed: bool
    basis: str
    reason: str


def access_log(participant: Participant, *, limit: int = 200) -> list[AccessLogRow]:
    """The newest ``limit`` audit entries about this participant or their consent grants,
    by anyone but the participant themselves."""
    from steunsysteem.directory.models import Organization

    grant_ids = [str(pk) for pk in participant.consent_grants.values_list("pk", flat=True)]
    emergency_ids = [str(pk) for pk in participant.emergency_accesses.values_list("pk", flat=True)]
    about = AuditEntry.objects.filter(
        Q(object_type="participants.participant", object_id=str(participant.pk))
        | Q(object_type="accounts.consentgrant", object_id__in=grant_ids)
        | Q(object_type="accounts.emergencyaccess", object_id__in=emergency_ids)
    )
    if participant.user_id is not None:
        about = about.exclude(actor_user_id=participant.user_id)
    entries = list(about.order_by("-sequence")[:limit])
    users = User.objects.in_bulk({entry.actor_user_id for entry in entries} - {None})
    organization_ids = {pk for entry in entries for pk in entry.actor_organization_ids}
    organizations = {
        str(pk): name
        for pk, name in Organization.objects.filter(pk__in=organization_ids).values_list(
            "pk", "name"
        )
    }
    reasons = _emergency_reasons(participant, entries)
    rows = []
    for entry in entries:
        user = users.get(entry.actor_user_id)
        rows.append(
            AccessLogRow(
                occurred_at=timezone.localtime(entry.occurred_at),
                who=(user.get_full_name() or user.username) if user else entry.actor_username,
                role=Role(entry.actor_role).label if entry.actor_role in Role.values else "",
                organizations=[
                    organizations[pk] for pk in entry.actor_organization_ids if pk in organizations
                ],
                action=AuditAction(entry.action).label,
                fields=list(dict.fromkeys(_field_label(name) for name in entry.fields)),
                allowed=entry.result == AuditResult.ALLOWED,
                basis=_basis_label(entry.legal_basis),
                reason=reasons.get(entry.legal_basis, entry.reason),
            )
        )
    return rows


def _emergency_reasons(participant: Participant, entries: list[AuditEntry]) -> dict[str, str]:
    """The reasons of this participant's emergency accesses, by the trail's reference to
    them (``emergency:<pk>``). The reason is kept with the access, not in the trail, so an
    erasure removes it; entries from before that change still carry their own."""
    referenced = {
        entry.legal_basis.removeprefix("emergency:")
        for entry in entries
        if entry.legal_basis.startswith("emergency:")
    }
    accesses = participant.emergency_accesses.filter(
        pk__in=[pk for pk in referenced if pk.isdigit()]
    )
    return {f"emergency:{pk}": reason for pk, reason in accesses.values_list("pk", "reason")}


def _field_label(name: str) -> str:
    """A field name from the trail in words; ``network.circle`` is shown as its part."""
    from steunsysteem.participants.models import Participant

    extra = {
        "consent_grants": _("who may see what"),
        "access_log": _("who looked at the data"),
        "grantee": _("who may see it"),
        "ends_at": _("ends at"),
        "network": _("personal network"),
        "progress": _("steps and scores"),
        "questions": _("questions"),
        "notes": _("notes of conversations"),
        "rights_requests": _("requests about their rights"),
    }
    part = name.split(".", 1)[0]
    if part in extra:
        return str(extra[part])
    for model in (Participant, ConsentGrant, EmergencyAccess):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, Field):  # not a reverse relation: those have no verbose name
            return str(field.verbose_name)
    return name


def _basis_label(legal_basis: str) -> str:
    from .permissions import OWN_DATA

    if legal_basis == OWN_DATA:
        return _("own data")
    if legal_basis.startswith("consent:"):
        return _("consent")
    if legal_basis.startswith("participant:"):
        return _("recording consent")
    if legal_basis.startswith("rights_request:"):
        return _("a request recorded for the person")
    if legal_basis.startswith("request:"):
        return _("the person's own request")
    if legal_basis.startswith("emergency:"):
        return _("emergency access")
    if legal_basis.startswith("action:"):
        return _("an action the werktafel gave them")
    return legal_basis
