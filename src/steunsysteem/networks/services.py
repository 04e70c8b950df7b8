"""Writes for personal networks. Each runs in one transaction with its audit entry.

Audit entries name the participant as the object (the network is part of their record) and
list the fields as ``network.<field>``, so "who looked" shows every change to it.

A member is linked to an account here only when the account holder confirms it: the
e-mail address given for the member becomes a link request, and only if it belongs to an
account that person gets a mail with a link to confirm. Whoever typed the address is told
the same either way, so the form reveals nothing about who has an account.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import CONSENT_HOLDER_ROLES, AuditAction
from steunsysteem.accounts.models import User
from steunsysteem.outbox.services import mail_queue

from .constants import LINK_VALID_FOR, SnapshotOccasion, SupportKind
from .models import NetworkMember, NetworkSnapshot, SnapshotMember
from .selectors import network_summary

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.participants.models import Participant

MEMBER_FIELDS = [
    "name",
    "organization",
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


class NetworkMemberChanged(NetworkError):
    """Someone else saved this member after the form was opened; saving would overwrite it."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this person after you opened this page. Nothing of yours"
                " is saved yet. Your changes are still in the form, and above it you see what"
                " is saved now. Check them and save again, or reload the page to start from"
                " what is saved now."
            )
        )


class AccountLinkError(NetworkError):
    """A link to confirm that does not work (any more) for this account."""

    def __init__(self):
        super().__init__(
            _(
                "This link does not work (any more) for your account. It works for 14 days,"
                " only for the account with the e-mail address it was sent to. Ask the person"
                " to enter your address again if you still want to be linked."
            )
        )


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
    account_email: str = "",
    request: HttpRequest | None = None,
    **values: Any,
) -> NetworkMember:
    """Add someone to the participant's network (fields: ``MEMBER_FIELDS``).

    ``account_email`` asks to link the member's account (see the module docstring).
    """
    values = _clean(values)
    with transaction.atomic():
        member = NetworkMember(participant=participant, **values)
        link_fields, token = _account_link(member, account_email)
        if member.is_central_contact:
            NetworkMember.objects.filter(participant=participant, is_central_contact=True).update(
                is_central_contact=False
            )
        member.save()
        _audit(
            by=by,
            participant=participant,
            action=AuditAction.CREATE,
            fields=[*values, *link_fields],
            request=request,
        )
        _ask_to_confirm_link(member, token)
    return member


def network_member_update(
    *,
    member: NetworkMember,
    by: User,
    version: int | None = None,
    account_email: str | None = None,
    request: HttpRequest | None = None,
    **values: Any,
) -> NetworkMember:
    """Change what is known about a member; only the fields that changed are recorded.

    ``version`` is the member's version when the form was opened: if someone saved a change
    since, nothing is written (``NetworkMemberChanged``). ``account_email`` (None: leave as
    it is) asks to link the member's account, or unlinks it when empty.
    """
    values = _clean(values)
    with transaction.atomic():
        member = (
            NetworkMember.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=member.pk)
        )
        if version is not None and version != member.version:
            raise NetworkMemberChanged()
        changed = [field for field, value in values.items() if getattr(member, field) != value]
        for field in changed:
            setattr(member, field, values[field])
        link_fields, token = _account_link(member, account_email)
        if changed or link_fields:
            _only_central_contact(member)
            member.version = F("version") + 1
            member.save()
            member.refresh_from_db(fields=["version"])
            _audit(
                by=by,
                participant=member.participant,
                action=AuditAction.UPDATE,
                fields=[*changed, *link_fields],
                request=request,
            )
            _ask_to_confirm_link(member, token)
    return member


def _account_link(member: NetworkMember, account_email: str | None) -> tuple[list[str], str]:
    """Turn the address from the form into a link request on ``member`` (not saved yet).

    Returns the fields that change and the new request's confirmation token ("" if none).
    An empty address takes a link or request away; the same address again changes nothing
    while its request can still be confirmed. Every request gets a token, account or not,
    so both take the same steps.
    """
    if account_email is None:
        return [], ""
    email = account_email.strip()
    linked = member.user.email if member.user is not None else ""
    if email and email.lower() == linked.lower():
        return [], ""
    if email and email.lower() == member.link_email.lower() and member.link_pending:
        return [], ""
    changed = ["user"] if member.user_id else []
    if email or member.link_email:
        changed.append("link_email")
    token = secrets.token_urlsafe(32) if email else ""
    member.user = None
    member.link_email = email
    member.link_requested_at = timezone.now() if email else None
    member.link_token_hash = link_token_hash(token) if token else ""
    return changed, token


def link_token_hash(token: str) -> str:
    """What is stored of a confirmation link: its hash, never the link itself."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _ask_to_confirm_link(member: NetworkMember, token: str) -> None:
    """Mail the confirmation link, only when the address belongs to an account that may be
    linked. Nothing about the outcome reaches whoever typed the address."""
    if not token:
        return
    holders = User.objects.filter(
        email__iexact=member.link_email, is_active=True, role__in=CONSENT_HOLDER_ROLES
    )
    if not holders.exists():
        return
    link = settings.SITE_URL.rstrip("/") + reverse("networks:link_confirm", args=[token])
    mail_queue(
        to=sorted({holder.email for holder in holders}),
        subject=str(_("Confirm a link to your account")),
        body=render_to_string(
            "networks/link_request_email.txt",
            {"link": link, "days": LINK_VALID_FOR.days, "site_name": settings.SITE_NAME},
        ),
    )


def network_member_for_link(*, token: str, user: User, lock: bool = False) -> NetworkMember:
    """The member this confirmation link is for, if ``user`` may confirm it now; the same
    ``AccountLinkError`` for every reason it may not."""
    members = NetworkMember.objects.select_related("participant")
    if lock:
        members = members.select_for_update(of=("self",))
    member = (
        members.filter(link_token_hash=link_token_hash(token)).exclude(link_token_hash="").first()
    )
    if (
        member is None
        or not member.link_pending
        or not user.is_active
        or user.role not in CONSENT_HOLDER_ROLES
        or user.email.lower() != member.link_email.lower()
    ):
        raise AccountLinkError()
    return member


def network_member_link_confirm(
    *, token: str, user: User, request: HttpRequest | None = None
) -> NetworkMember:
    """The account holder confirms: from now on the member is linked to their account."""
    with transaction.atomic():
        member = network_member_for_link(token=token, user=user, lock=True)
        member.user = user
        member.link_email = ""
        member.link_requested_at = None
        member.link_token_hash = ""
        member.version = F("version") + 1
        member.save()
        member.refresh_from_db(fields=["version"])
        _audit(
            by=user,
            participant=member.participant,
            action=AuditAction.UPDATE,
            fields=["user", "link_email"],
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


def network_keeper_set(
    *, participant: Participant, user: User, allowed: bool, by: User, request=None
) -> bool:
    """The person chooses (or stops choosing) a relative who holds their consent for the
    network to help keep it up to date. Returns whether the relative may now help."""
    from .models import NetworkKeeper

    if not permissions.can_choose_network_keepers(by, participant):
        raise NetworkError(_("Only you choose who helps keep your network up to date."))
    if (
        allowed
        and not permissions.network_keeper_candidates(participant).filter(pk=user.pk).exists()
    ):
        raise NetworkError(_("Only a relative who may see your network can help keep it."))
    with transaction.atomic():
        if allowed:
            NetworkKeeper.objects.get_or_create(
                participant=participant, user=user, defaults={"chosen_at": timezone.now()}
            )
        else:
            NetworkKeeper.objects.filter(participant=participant, user=user).delete()
        _audit(
            by=by,
            participant=participant,
            action=AuditAction.UPDATE,
            fields=["network_keepers"],
            request=request,
        )
    return allowed
