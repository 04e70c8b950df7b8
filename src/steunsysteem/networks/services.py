"""Writes for personal networks. Each runs in one transaction with its audit entry.

Audit entries name the participant as the object (the network is part of their record) and
list the fields as ``network.<field>``, so "who looked" shows every change to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction

from .constants import SnapshotOccasion, SupportKind
from .models import NetworkMember, NetworkSnapshot, SnapshotMember
from .selectors import network_summary

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.participants.models import Participant

MEMBER_FIELDS = [
    "name",
    "organization",
    "user",
    "relation",
    "circle",
    "support_received",
    "gives_back",
    "gives_back_note",
    "contact_frequency",
    "known_since",
    "is_central_contact",
]
COPIED_FIELDS = [
    "name",
    "relation",
    "circle",
    "support_received",
    "gives_back",
    "gives_back_note",
    "contact_frequency",
    "is_central_contact",
]


class NetworkError(Exception):
    """A change to a network that cannot be made; the message says why."""


def _support_kinds(values: Iterable[str]) -> list[str]:
    kinds = sorted(set(values))
    if any(kind not in SupportKind.values for kind in kinds):
        raise NetworkError(_("Unknown kind of support."))
    return kinds


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"Not a network member field: {sorted(unknown)}")
    cleaned = dict(values)
    for field in ("support_received", "gives_back"):
        if field in cleaned:
            cleaned[field] = _support_kinds(cleaned[field])
    if "name" in cleaned:
        cleaned["name"] = cleaned["name"].strip()
        if not cleaned["name"]:
            raise NetworkError(_("Give a name, or how you call this person."))
    return cleaned


def _audit(*, by: User, participant: Participant, action: str, fields, request) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=participant,
        fields=[f"network.{field}" for field in fields],
        request=request,
    )


def _only_central_contact(member: NetworkMember) -> None:
    """The central contact person is one per network: choosing one unsets the other."""
    if member.is_central_contact:
        NetworkMember.objects.filter(
            participant_id=member.participant_id, is_central_contact=True
        ).exclude(pk=member.pk).update(is_central_contact=False)


def network_member_add(
    *,
    participant: Participant,
    by: User,
    request: HttpRequest | None = None,
    **values: Any,
) -> NetworkMember:
    """Add someone to the participant's network (fields: ``MEMBER_FIELDS``)."""
    values = _clean(values)
    with transaction.atomic():
        member = NetworkMember(participant=participant, **values)
        if member.is_central_contact:
            NetworkMember.objects.filter(participant=participant, is_central_contact=True).update(
                is_central_contact=False
            )
        member.save()
        _audit(
            by=by,
            participant=participant,
            action=AuditAction.CREATE,
            fields=values,
            request=request,
        )
    return member


def network_member_update(
    *,
    member: NetworkMember,
    by: User,
    request: HttpRequest | None = None,
    **values: Any,
) -> NetworkMember:
    """Change what is known about a member; only the fields that changed are recorded."""
    values = _clean(values)
    with transaction.atomic():
        member = NetworkMember.objects.select_for_update().get(pk=member.pk)
        changed = [field for field, value in values.items() if getattr(member, field) != value]
        for field in changed:
            setattr(member, field, values[field])
        if changed:
            _only_central_contact(member)
            member.save()
            _audit(
                by=by,
                participant=member.participant,
                action=AuditAction.UPDATE,
                fields=changed,
                request=request,
            )
    return member


def network_member_remove(
    *, member: NetworkMember, by: User, request: HttpRequest | None = None
) -> None:
    """Take someone out of the network. Earlier snapshots still show them."""
    with transaction.atomic():
        participant = member.participant
        member.delete()
        _audit(
            by=by,
            participant=participant,
            action=AuditAction.DELETE,
            fields=["member"],
            request=request,
        )


def network_snapshot_take(
    *,
    participant: Participant,
    occasion: str,
    by: User,
    request: HttpRequest | None = None,
) -> NetworkSnapshot:
    """Keep the network as it is now, e.g. at intake and every half year."""
    if occasion not in SnapshotOccasion.values:
        raise NetworkError(_("Choose the moment of this snapshot."))
    with transaction.atomic():
        members = list(participant.network_members.select_related("organization").in_map_order())
        snapshot = NetworkSnapshot.objects.create(
            participant=participant,
            district=participant.district,
            occasion=occasion,
            taken_at=timezone.now(),
            taken_by=by,
            summary=network_summary(members),
        )
        SnapshotMember.objects.bulk_create(
            SnapshotMember(
                snapshot=snapshot,
                member_id=member.pk,
                organization_name=member.organization.name if member.organization else "",
                **{field: getattr(member, field) for field in COPIED_FIELDS},
            )
            for member in members
        )
        _audit(
            by=by,
            participant=participant,
            action=AuditAction.CREATE,
            fields=["snapshot"],
            request=request,
        )
    return snapshot
