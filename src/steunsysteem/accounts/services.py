"""Writes for accounts: invitations, two-factor authentication, sessions, failed log-ins.

Each function runs in one transaction together with its audit entry; mail goes out after
the commit.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import permissions
from .audit import audit_record, client_network
from .constants import AuditAction, AuditResult
from .models import Invitation, Membership, User, UserSession
from .user_agents import describe_user_agent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.directory.models import Organization

TOTP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup"


# Invitations


class InvitationError(Exception):
    """An invitation link that cannot be used (any more)."""

    message = gettext_lazy("This invitation link does not work.")


class InvitationNotFound(InvitationError):
    message = gettext_lazy("This invitation link does not work.")


class InvitationExpired(InvitationError):
    message = gettext_lazy("This invitation link has expired.")


class InvitationAlreadyUsed(InvitationError):
    message = gettext_lazy("This invitation link has already been used.")


def invitation_create(
    *, email: str, role: str, organizations: Iterable[Organization], by: User
) -> Invitation:
    """Invite someone by e-mail to create an account with ``role``; the link works once."""
    if not permissions.can_invite(by, role):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email.strip(),
            role=role,
            invited_by=by,
            token_hash=Invitation.hash_token(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
        )
        invitation.organizations.set(organizations)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=invitation,
            fields=["email", "role", "organizations"],
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
    return user


# Two-factor authentication


class TwoFactorError(Exception):
    message = gettext_lazy("This code is not right. Check the code in your app and try again.")


class TwoFactorCodeWrong(TwoFactorError):
    pass


class TwoFactorThrottled(TwoFactorError):
    """Too many wrong codes: the devices accept no code until ``until``."""

    def __init__(self, until: datetime):
        super().__init__()
        self.until = until
        seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
        self.message = ngettext(
            "You entered a wrong code too often. Wait %(seconds)d second and try again.",
            "You entered a wrong code too often. Wait %(seconds)d seconds and try again.",
            seconds,
        ) % {"seconds": seconds}


def totp_device_prepare(*, user: User) -> TOTPDevice:
    """The authenticator app device being set up: a new secret, or the one shown before."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
            audit_record(actor=user, action=AuditAction.CREATE, obj=device, fields=["key"])
    return device


def _verify(device: Device, token: str) -> bool:
    """Check a code on one device; django-otp counts the failure for throttling."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise TwoFactorThrottled(details["locked_until"])
    return device.verify_token(token.replace(" ", "").lower())


def totp_device_confirm(*, device: TOTPDevice, token: str, by: User) -> list[str]:
    """Confirm the app with its first code; returns new one-time backup codes (shown once).

    The check itself is outside the transaction, so a wrong code still counts.
    """
    if device.user_id != by.pk or device.confirmed:
        raise PermissionDenied
    if not _verify(device, token):
        raise TwoFactorCodeWrong()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=by).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=by, action=AuditAction.UPDATE, obj=device, fields=["confirmed"])
        codes = backup_codes_replace(user=by)
    return codes


def backup_codes_replace(*, user: User) -> list[str]:
    """New one-time backup codes instead of the old ones; the codes are returned to show once."""
    codes = [StaticToken.random_token() for _ in range(settings.BACKUP_CODE_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
        audit_record(actor=user, action=AuditAction.CREATE, obj=backup, fields=["token_set"])
    return codes


def two_factor_verify(*, user: User, token: str, request: HttpRequest | None = None) -> Device:
    """The confirmed device (app or backup code) that accepts ``token``.

    A wrong code counts towards each device's throttle and is recorded in the audit trail
    as a failed log-in. A backup code works once.
    """
    devices = list(devices_for_user(user, confirmed=True))
    allowed = [device for device in devices if device.verify_is_allowed()[0]]
    if devices and not allowed:
        until = min(device.verify_is_allowed()[1]["locked_until"] for device in devices)
        raise TwoFactorThrottled(until)
    for device in allowed:
        if device.verify_token(token.replace(" ", "").lower()):
            return device
    audit_record(
        actor=user,
        action=AuditAction.LOGIN_FAILED,
        obj=user,
        fields=["otp_token"],
        result=AuditResult.DENIED,
        request=request,
    )
    raise TwoFactorCodeWrong()


def two_factor_reset(*, user: User, by: User) -> int:
    """Remove someone's app and backup codes, e.g. after a lost phone; they set it up again."""
    with transaction.atomic():
        count = 0
        for model in (TOTPDevice, StaticDevice):
            deleted, _rows = model.objects.filter(user=user).delete()
            count += deleted
        audit_record(actor=by, action=AuditAction.DELETE, obj=user, fields=["two_factor_devices"])
    return count


# Sessions


def _session_store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def user_session_touch(*, user: User, session_key: str, request: HttpRequest) -> UserSession:
    """Record that a signed-in session is in use now (``accounts.middleware``).

    The first time for a session key it is recorded with the browser and the network;
    rows of this user's sessions that are gone from the session store are removed then.
    """
    now = timezone.now()
    browser, operating_system = describe_user_agent(request.META.get("HTTP_USER_AGENT", ""))
    with transaction.atomic():
        user_session, created = UserSession.objects.update_or_create(
            session_key=session_key,
            defaults={"last_active_at": now},
            create_defaults={
                "user": user,
                "started_at": now,
                "last_active_at": now,
                "browser": browser,
                "operating_system": operating_system,
                "network": client_network(request),
            },
        )
        if created:
            gone = [
                other.pk
                for other in UserSession.objects.of(user).exclude(pk=user_session.pk)
                if not _session_store(other.session_key).exists(other.session_key)
            ]
            UserSession.objects.filter(pk__in=gone).delete()
    return user_session


def user_session_end(*, user_session: UserSession, by: User) -> None:
    """End a session: it is removed from the session store, so its cookie no longer works."""
    if user_session.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        _session_store(user_session.session_key).delete(user_session.session_key)
        audit_record(actor=by, action=AuditAction.DELETE, obj=user_session)
        user_session.delete()


def user_sessions_end_others(*, user: User, current_session_key: str) -> int:
    """End all of this user's sessions except the current one; returns how many."""
    others = list(UserSession.objects.of(user).exclude(session_key=current_session_key))
    for other in others:
        user_session_end(user_session=other, by=user)
    return len(others)


# Failed log-ins


def login_failure_record(*, username: str, request: HttpRequest | None) -> None:
    """A failed log-in in the audit trail: the account's id if it exists, never the name typed."""
    user_id = (
        User.objects.filter(**{User.USERNAME_FIELD: username}).values_list("pk", flat=True).first()
        if username
        else None
    )
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type=User._meta.label_lower if user_id else "",
        object_id=str(user_id) if user_id else "",
        result=AuditResult.DENIED,
        request=request,
    )
