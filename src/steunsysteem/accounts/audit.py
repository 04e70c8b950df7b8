"""The audit trail: the one function that records an event, and the chain check.

Every read and change of personal data calls ``audit_record`` in the same transaction as
the work it records. Entries form a keyed hash chain: ``entry_hash`` is HMAC-SHA256, with
``settings.AUDIT_TRAIL_KEY`` (kept outside the database), over a canonical JSON of the
entry's content plus ``previous_hash``. Changing, removing or re-inserting a stored entry is
detected by ``verify_audit_chain`` (and ``steunsysteem verify_audit_trail``): without the
key nobody can compute a hash that fits. Removing the newest entries leaves a shorter chain
that still holds; the operator catches that by keeping the head (``audit_trail_head``)
outside the database and checking against it (``verify_audit_trail --head``).

Entries up to ``settings.AUDIT_TRAIL_UNKEYED_UNTIL`` were written before the chain was
keyed and carry a plain SHA-256; that boundary is a setting, not a database value, so
nobody can move it by editing the database.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit trail and return it.

    ``actor`` is the acting user (or None / an anonymous user, e.g. for a failed login).
    Pass the object itself as ``obj`` or name it with ``object_type`` ("app_label.model")
    and ``object_id``. ``fields`` names the fields read or changed, never their values.
    ``legal_basis`` names what the access rested on by reference (``consent:<pk>``,
    ``emergency:<pk>``): the trail keeps no free text, because it outlives an erasure of
    the person's data. Call this inside the transaction of the work it records; on
    PostgreSQL it locks the trail until that transaction ends, so the chain stays linear.
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = str(obj.pk)
    (entry,) = audit_record_each(
        actor=actor,
        action=action,
        targets=[AuditTarget(object_type, str(object_id), legal_basis)],
        fields=fields,
        result=result,
        request=request,
    )
    return entry


@dataclass(frozen=True)
class AuditTarget:
    """One object an event touched, and what the access to it rested on."""

    object_type: str
    object_id: str
    legal_basis: str = ""

    @classmethod
    def of(cls, obj: models.Model, legal_basis: str = "") -> AuditTarget:
        return cls(obj._meta.label_lower, str(obj.pk), legal_basis)


def audit_record_each(
    *,
    actor,
    action: str,
    targets: Iterable[AuditTarget],
    fields: Iterable[str] = (),
    result: str = AuditResult.ALLOWED,
    request: HttpRequest | None = None,
) -> list[AuditEntry]:
    """One entry per target for one event, e.g. each participant whose name a list showed.

    Each person then finds the event in their own "Wie keek er"; the entries are appended
    under one lock, so a long list costs one lock and one look-up of the chain's head.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action: {action!r}")
    if result not in AuditResult.values:
        raise ValueError(f"Unknown audit result: {result!r}")
    targets = list(targets)
    if not targets:
        return []
    actor_fields = _actor_snapshot(actor)
    field_names = sorted(set(fields))
    origin = client_network(request)
    key = audit_trail_key()
    entries = []
    with transaction.atomic():
        _lock_trail()
        last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        sequence, previous_hash = (last.sequence, last.entry_hash) if last else (0, GENESIS_HASH)
        now = timezone.now()
        for target in targets:
            sequence += 1
            entry = AuditEntry(
                sequence=sequence,
                occurred_at=now,
                action=str(action),
                object_type=target.object_type,
                object_id=target.object_id,
                fields=field_names,
                result=str(result),
                origin=origin,
                legal_basis=target.legal_basis,
                previous_hash=previous_hash,
                **actor_fields,
            )
            entry.entry_hash = compute_entry_hash(entry, key=key)
            entry.save(force_insert=True)
            previous_hash = entry.entry_hash
            entries.append(entry)
    return entries


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


def audit_trail_key() -> bytes:
    """The key of the hash chain; it lives outside the database (``AUDIT_TRAIL_KEY``)."""
    key = getattr(settings, "AUDIT_TRAIL_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set AUDIT_TRAIL_KEY: the audit trail's hash chain needs it.")
    return key.encode("utf-8")


def _canonical(entry: AuditEntry) -> bytes:
    content = {name: getattr(entry, name) for name in HASHED_FIELDS}
    content["occurred_at"] = entry.occurred_at.astimezone(UTC).isoformat()
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return canonical.encode("utf-8")


def compute_entry_hash(entry: AuditEntry, *, key: bytes | None = None) -> str:
    """HMAC-SHA256 over the entry's content, with the trail's key."""
    return hmac.new(key or audit_trail_key(), _canonical(entry), hashlib.sha256).hexdigest()


def compute_unkeyed_entry_hash(entry: AuditEntry) -> str:
    """Plain SHA-256, as entries were hashed before the chain was keyed."""
    return hashlib.sha256(_canonical(entry)).hexdigest()


def written_before_keying(sequence: int) -> bool:
    """Whether an entry is one of those written before the chain was keyed (a setting)."""
    return sequence <= settings.AUDIT_TRAIL_UNKEYED_UNTIL


@dataclass(frozen=True)
class ChainAnchor:
    """A chain position kept outside the database: ``sequence:entry_hash``.

    The operator writes down the head now and then (``steunsysteem audit_trail_head``);
    a later check against it proves that the trail still reaches that entry unchanged, so
    removing the newest entries, or rewriting the trail from some entry on, is caught.
    """

    sequence: int
    entry_hash: str

    def __str__(self) -> str:
        return f"{self.sequence}:{self.entry_hash}"

    @classmethod
    def parse(cls, text: str) -> ChainAnchor:
        sequence, separator, entry_hash = text.strip().partition(":")
        entry_hash = entry_hash.lower()
        if (
            not separator
            or not sequence.isdigit()
            or len(entry_hash) != 64
            or any(char not in "0123456789abcdef" for char in entry_hash)
        ):
            raise ValueError(_("An anchor looks like 1234:<64 hexadecimal characters>."))
        return cls(int(sequence), entry_hash)


@dataclass(frozen=True)
class ChainBreak:
    """The first entry where the chain does not hold, and why; no entry when the newest
    entries are gone."""

    entry_id: int | None
    sequence: int
    problem: str


@dataclass(frozen=True)
class ChainStatus:
    entries: int
    head: ChainAnchor
    broken_at: ChainBreak | None

    @property
    def head_hash(self) -> str:
        return self.head.entry_hash

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def audit_trail_head() -> ChainAnchor:
    """The newest entry's position and hash, to be kept outside the database."""
    last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
    if last is None:
        return ChainAnchor(0, GENESIS_HASH)
    return ChainAnchor(last.sequence, last.entry_hash)


def verify_audit_chain(*, batch_size: int = 1000, anchor: ChainAnchor | None = None) -> ChainStatus:
    """Walk the whole trail in chain order, in batches, and report the first break.

    Detects a changed entry (its hash no longer matches), a removed or inserted entry
    (a gap in the sequence or a wrong previous hash) and entries re-hashed without the key.
    Removing the newest entries leaves a shorter chain that holds by itself: with an
    ``anchor`` kept elsewhere, the chain must also reach that entry with that hash.
    """
    expected_sequence = 1
    previous_hash = GENESIS_HASH
    count = 0
    key = audit_trail_key()
    queryset = AuditEntry.objects.in_chain_order()
    while True:
        batch = list(queryset.filter(sequence__gte=expected_sequence)[:batch_size])
        if not batch:
            head = ChainAnchor(expected_sequence - 1, previous_hash)
            return ChainStatus(entries=count, head=head, broken_at=_anchor_missing(head, anchor))
        for entry in batch:
            problem = _problem(entry, expected_sequence, previous_hash, key, anchor)
            if problem:
                return ChainStatus(
                    entries=count,
                    head=ChainAnchor(expected_sequence - 1, previous_hash),
                    broken_at=ChainBreak(entry.pk, entry.sequence, str(problem)),
                )
            count += 1
            expected_sequence = entry.sequence + 1
            previous_hash = entry.entry_hash


def _problem(
    entry: AuditEntry,
    expected_sequence: int,
    previous_hash: str,
    key: bytes,
    anchor: ChainAnchor | None,
):
    if entry.sequence != expected_sequence:
        return _("an entry before this one is missing")
    if entry.previous_hash != previous_hash:
        return _("the link to the previous entry does not match")
    if written_before_keying(entry.sequence):
        if entry.entry_hash != compute_unkeyed_entry_hash(entry):
            return _("the content does not match its hash")
    elif entry.entry_hash != compute_entry_hash(entry, key=key):
        if entry.entry_hash == compute_unkeyed_entry_hash(entry):
            return _(
                "the entry was hashed without the trail's key (written by someone without "
                "the key, or before the trail was keyed: see AUDIT_TRAIL_UNKEYED_UNTIL)"
            )
        return _("the content does not match its hash")
    if anchor and entry.sequence == anchor.sequence and entry.entry_hash != anchor.entry_hash:
        return _("the entry differs from the anchor kept outside the database")
    return None


def _anchor_missing(head: ChainAnchor, anchor: ChainAnchor | None) -> ChainBreak | None:
    """The chain ends before the anchor: its newest entries were removed."""
    if anchor is None:
        return None
    if anchor.sequence == 0 and anchor.entry_hash != GENESIS_HASH:
        return ChainBreak(None, 0, str(_("the anchor's hash is not the start of a chain")))
    if anchor.sequence <= head.sequence:
        return None
    return ChainBreak(
        None,
        anchor.sequence,
        str(
            _(
                "the trail ends at entry %(head)d, before the anchor's entry %(anchor)d: "
                "the newest entries were removed"
            )
            % {"head": head.sequence, "anchor": anchor.sequence}
        ),
    )
