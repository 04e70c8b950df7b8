"""Two-factor authentication: the authenticator app, backup codes, verifying and resetting."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..audit import audit_record
from ..constants import AuditAction, AuditResult
from ..models import User

if TYPE_CHECKING:
    from django.http import HttpRequest
    from django_stubs_ext import StrOrPromise


TOTP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup"


class TwoFactorError(Exception):
    message: StrOrPromise = gettext_lazy(
        "This code is not right. Check the code in your app and try again."
    )


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
