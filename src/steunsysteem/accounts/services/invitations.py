"""Invitations by e-mail link: create, check and accept. Mail goes out after the commit."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import permissions
from ..audit import audit_record
from ..constants import AuditAction
from ..models import Invitation, Membership, User

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization


class InvitationError(Exception):
    """An invitation link that cannot be used (any more)."""

    message = gettext_lazy("This invitation link does not work.")


class InvitationNotFound(InvitationError):
    message = gettext_lazy("This invitation link does not work.")


class InvitationExpired(InvitationError):
    message = gettext_lazy("This invitation link has expired.")


class InvitationAlreadyUsed(InvitationError):
    message = gettext_lazy("This invitation link has already been used.")


class InvitationPageTaken(InvitationError):
    message = gettext_lazy(
        "This page already has its own account. Ask the person who invited you for help."
    )


def invitation_create(
    *, email: str, role: str, organizations: Iterable[Organization], by: User
) -> Invitation:
    """Invite someone by e-mail to create an account with ``role``; the link works once.

    A coordinator invites only into organisations they work for themselves; an administrator
    invites into any (that is how a coordinator gets someone into another organisation).
    """
    organizations = list(organizations)
    if not permissions.can_invite(by, role):
        raise PermissionDenied
    if not permissions.can_invite_into(by, organizations):
        raise PermissionDenied(
            _(
                "You can only invite someone into an organisation you work for yourself. "
                "An administrator can invite them into another one."
            )
        )
    _refuse_a_second_invitation(email)
    with transaction.atomic():
        invitation = invitation_issue(email=email, role=role, by=by)
        invitation.organizations.set(organizations)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=invitation,
            fields=["email", "role", "organizations"],
        )
    return invitation


def _refuse_a_second_invitation(email: str) -> None:
    """One open invitation per address, and none for an address that has an account."""
    email = email.strip()
    open_one = Invitation.objects.open().filter(email__iexact=email).first()
    if open_one is not None:
        raise ValidationError(
            _(
                "An invitation for this address is still open, until %(date)s. Withdraw it "
                "on 'Open invitations' first if you want to send a new one."
            )
            % {"date": date_format(timezone.localtime(open_one.expires_at), "j F Y")},
            code="invitation_open",
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("There is already an account with this e-mail address."), code="account_exists"
        )


def invitation_revoke(*, invitation: Invitation, by: User, request=None) -> None:
    """Withdraw an invitation that has not been used: its link stops working at once. The
    row goes (with its address); the audit trail keeps that it was withdrawn, and by whom."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not permissions.can_revoke_invitation(by, invitation):
            raise PermissionDenied
        audit_record(actor=by, action=AuditAction.DELETE, obj=invitation, request=request)
        invitation.delete()


def invitation_issue(*, email: str, role: str, by: User, participant=None) -> Invitation:
    """A new invitation whose link is mailed after the commit; only its hash is kept. Call it
    inside the transaction that audits it."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email.strip(),
        role=role,
        invited_by=by,
        participant=participant,
        token_hash=Invitation.hash_token(token),
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    transaction.on_commit(partial(_send_invitation, invitation=invitation, token=token))
    return invitation


def _send_invitation(*, invitation: Invitation, token: str) -> None:
    """The mail holds the link and its end date: no names, no organisation, no role."""
    context = {
        "site_name": settings.SITE_NAME,
        "link": settings.SITE_URL.rstrip("/") + reverse("accounts:invitation_accept", args=[token]),
        "expires_at": invitation.expires_at,
    }
    send_mail(
        subject=_("Your invitation for %(site_name)s") % {"site_name": settings.SITE_NAME},
        message=render_to_string("accounts/invitation_email.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_check(invitation: Invitation | None, *, now: datetime | None = None) -> Invitation:
    """The invitation if its link can still be used; otherwise the reason, as an exception."""
    if invitation is None:
        raise InvitationNotFound()
    if invitation.accepted_at is not None:
        raise InvitationAlreadyUsed()
    if invitation.expires_at <= (now or timezone.now()):
        raise InvitationExpired()
    if invitation.participant is not None and invitation.participant.user_id is not None:
        raise InvitationPageTaken()
    return invitation


def invitation_accept(*, token: str, username: str, password: str) -> User:
    """Create the invited person's account with the role and organisations of the invitation.

    Single use: the invitation is locked and marked accepted in the same transaction.
    Raises an ``InvitationError`` for an unknown, used or expired link, and
    ``ValidationError`` for a taken user name or a password the validators refuse.
    """
    with transaction.atomic():
        invitation = invitation_check(
            Invitation.objects.select_for_update()
            .filter(token_hash=Invitation.hash_token(token))
            .first()
        )
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _("This user name is already taken. Choose another one."), code="username_taken"
            )
        validate_password(password, user=User(username=username, email=invitation.email))
        user = User.objects.create_user(
            username=username, email=invitation.email, password=password, role=invitation.role
        )
        Membership.objects.bulk_create(
            Membership(user=user, organization=organization)
            for organization in invitation.organizations.all()
        )
        invitation.accepted_at = timezone.now()
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "user"])
        audit_record(
            actor=user,
            action=AuditAction.CREATE,
            obj=user,
            fields=["username", "email", "password", "role", "organizations"],
        )
        if invitation.participant_id is not None:
            _open_own_page(invitation, user)
    return user


def _open_own_page(invitation: Invitation, user: User) -> None:
    """The new account becomes the person's own: their page opens to them."""
    invited = invitation.participant
    if invited is None:  # the caller opens a page only for an invitation that names one
        return
    # Through the invitation's own relation: accounts does not import the participants app.
    participant = type(invited).objects.select_for_update().get(pk=invited.pk)
    if participant.user_id is not None:
        raise InvitationPageTaken()
    participant.user = user
    participant.save(update_fields=["user"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=participant,
        fields=["user"],
        legal_basis=permissions.OWN_DATA,
    )
