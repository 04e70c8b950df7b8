"""The audit trail: the one function that records an event, and the chain check.

Every read and change of personal data calls ``audit_record`` in the same transaction as
the work it records. Entries form a hash chain: ``entry_hash`` is SHA-256 over a canonical
JSON of the entry's content plus ``previous_hash``, so changing or removing a stored
entry is detected by ``verify_audit_chain`` (and ``steunsysteem verify_audit_trail``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.client_address import client_ip

from .constants import AuditAction, AuditResult, Role
from .models import AuditEntry

if TYPE_CHECKING:
    from django.http import HttpRequest

GENESIS_HASH = "0" * 64

# The content that the hash covers, in this order; changing it breaks every stored chain.
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_user_id",
    "actor_username",
    "actor_role",
    "actor_organization_ids",
    "action",
    "object_type",
    "object_id",
    "fields",
    "result",
    "origin",
    "legal_basis",
    "reason",
    "previous_hash",
)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    fields: Iterable[str] = (),
    result: str = AuditResult.ALLOWED,
    legal_basis: str = "",
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit trail and return it.

    ``actor`` is the acting user (or None / an anonymous user, e.g. for a failed login).
    Pass the object itself as ``obj`` or name it with ``object_type`` ("app_label.model")
    and ``object_id``. ``fields`` names the fields read or changed, never their values.
    ``reason`` is only for emergency access. Call this inside the transaction of the work
    it records; on PostgreSQL it locks the trail until that transaction ends, so the
    chain stays linear.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action: {action!r}")
    if result not in AuditResult.values:
        raise ValueError(f"Unknown audit result: {result!r}")
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = str(obj.pk)

    actor_fields = _actor_snapshot(actor)
    with transaction.atomic():
        _lock_trail()
        last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        entry = AuditEntry(
            sequence=last.sequence + 1 if last else 1,
            occurred_at=timezone.now(),
            action=str(action),
            object_type=object_type,
            object_id=str(object_id),
            fields=sorted(set(fields)),
            result=str(result),
            origin=client_network(request),
            legal_basis=legal_basis,
            reason=reason,
            previous_hash=last.entry_hash if last else GENESIS_HASH,
            **actor_fields,
        )
        entry.entry_hash = compute_entry_hash(entry)
        entry.save(force_insert=True)
    return entry


# Roles whose username is not written into the trail, only their user id (see below).
ROLES_WITHOUT_USERNAME_IN_TRAIL = frozenset({Role.PARTICIPANT, Role.RELATIVE})


def _actor_snapshot(actor) -> dict:
    """Who acted, as the trail keeps it for good.

    For participants and relatives only the user id is kept, not the username: they choose
    their own username and it is often their name, and the trail can never be rewritten,
    so it would outlive an erasure of their data (AVG art. 17, data minimisation). The id
    still says who acted while the account exists; professionals' usernames stay, as the
    trail must show which worker did what (NEN 7513).
    """
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {
            "actor_user_id": None,
            "actor_username": "",
            "actor_role": "",
            "actor_organization_ids": [],
        }
    return {
        "actor_user_id": actor.pk,
        "actor_username": ""
        if getattr(actor, "role", "") in ROLES_WITHOUT_USERNAME_IN_TRAIL
        else actor.get_username(),
        "actor_role": str(getattr(actor, "role", "")),
        "actor_organization_ids": sorted(
            str(pk) for pk in actor.organizations.values_list("pk", flat=True)
        ),
    }


def _lock_trail() -> None:
    """Serialise writers so each entry links to the one before it.

    PostgreSQL: a table lock that conflicts only with other writers (readers go on),
    held until the surrounding transaction ends; it also covers the empty table, where
    there is no last row to select_for_update. SQLite serialises writing transactions
    itself. The unique ``sequence`` refuses a fork on any database.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {AuditEntry._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def client_network(request: HttpRequest | None) -> str:
    """The network a request came from, not the exact address (data minimisation).

    IPv4 is truncated to /24 and IPv6 to /48: enough to see which site or provider an
    access came from, without pinning down one household's connection. Behind reverse
    proxies the address comes from their header (``core.client_address``).
    """
    if request is None:
        return ""
    address = client_ip(request)
    if address is None:
        return ""
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def compute_entry_hash(entry: AuditEntry) -> str:
    content = {name: getattr(entry, name) for name in HASHED_FIELDS}
    content["occurred_at"] = entry.occurred_at.astimezone(UTC).isoformat()
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the chain does not hold, and why."""

    entry_id: int
    sequence: int
    problem: str


@dataclass(frozen=True)
class ChainStatus:
    entries: int
    head_hash: str
    broken_at: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_audit_chain(*, batch_size: int = 1000) -> ChainStatus:
    """Walk the whole trail in chain order, in batches, and report the first break.

    Detects a changed entry (its hash no longer matches), a removed or inserted entry
    (a gap in the sequence or a wrong previous hash). Removing the newest entries leaves
    a shorter but valid chain: compare ``head_hash`` with a copy kept elsewhere for that.
    """
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    count = 0
    queryset = AuditEntry.objects.in_chain_order()
    while True:
        batch = list(queryset.filter(sequence__gte=expected_sequence)[:batch_size])
        if not batch:
            return ChainStatus(entries=count, head_hash=previous_hash, broken_at=None)
        for entry in batch:
            problem = _problem(entry, expected_sequence, previous_hash)
            if problem:
                return ChainStatus(
                    entries=count,
                    head_hash=previous_hash,
                    broken_at=ChainBreak(entry.pk, entry.sequence, str(problem)),
                )
            count += 1
            expected_sequence = entry.sequence + 1
            previous_hash = entry.entry_hash


def _problem(entry: AuditEntry, expected_sequence: int, previous_hash: str):
    if entry.sequence != expected_sequence:
        return _("an entry before this one is missing")
    if entry.previous_hash != previous_hash:
        return _("the link to the previous entry does not match")
    if entry.entry_hash != compute_entry_hash(entry):
        return _("the content does not match its hash")
    return None
