"""Reads for accounts models, and the guard that keeps the audit trail append-only."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditTrailAppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit trail entry."""

    def __init__(self) -> None:
        super().__init__(_("The audit trail is append-only: entries cannot be changed or deleted."))


class AuditEntryQuerySet(models.QuerySet):
    """Audit entries can be read and filtered; bulk writes are refused.

    New entries are only written by ``accounts.audit.audit_record``, which links them into
    the hash chain; bulk_create would bypass that.
    """

    def update(self, **kwargs):
        raise AuditTrailAppendOnlyError()

    def delete(self):
        raise AuditTrailAppendOnlyError()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailAppendOnlyError()

    def bulk_create(self, objs, *args, **kwargs):
        raise AuditTrailAppendOnlyError()

    def update_or_create(self, *args, **kwargs):
        raise AuditTrailAppendOnlyError()

    def in_chain_order(self):
        return self.order_by("sequence")

    def about(self, *, object_type: str, object_id: str):
        """Entries about one object, e.g. so a participant can see who looked at their data."""
        return self.filter(object_type=object_type, object_id=str(object_id))


class ConsentGrantQuerySet(models.QuerySet):
    def active(self, *, at: dt.datetime | None = None):
        """Grants in force at ``at`` (now): given and confirmed, not withdrawn, end date not
        passed. A grant that still waits for a second yes opens nothing."""
        at = at or timezone.now()
        return self.filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at),
            given_at__lte=at,
            confirmed_at__lte=at,
            ends_on__gte=timezone.localdate(at),
        )

    def awaiting_confirmation(self):
        """Recorded by someone else and waiting for the participant's own yes or a second
        person's: not confirmed, not withdrawn or declined, end date not passed."""
        return self.filter(
            confirmed_at__isnull=True,
            withdrawn_at__isnull=True,
            ends_on__gte=timezone.localdate(),
        )

    def ended(self):
        """Withdrawn, declined, or past their end date (confirmed or not)."""
        return self.filter(
            Q(withdrawn_at__lte=timezone.now()) | Q(ends_on__lt=timezone.localdate())
        )

    def withdrawn(self):
        """Withdrawn or declined at some moment: the person (or someone for them) said no."""
        return self.filter(withdrawn_at__isnull=False)

    def for_overview(self):
        """With everything the consent page names: the grantee, who recorded and confirmed."""
        return self.select_related(
            "grantee_user",
            "grantee_organization",
            "grantee_worktable",
            "recorded_by",
            "confirmed_by",
            "withdrawn_by",
        ).order_by("-given_at", "scope", "pk")

    def held_by(self, user):
        """Grants to this user, to an organisation they work for or a werktafel they sit at."""
        return self.filter(
            Q(grantee_user=user)
            | Q(grantee_organization__in=user.organizations.all())
            | Q(grantee_worktable__worktablemembership__user=user)
        )

    def for_scope(self, scope: str):
        return self.filter(scope=scope)

    def given_to(self, grantee):
        """Grants to this one person, organisation or werktafel (not through membership)."""
        field = {
            "accounts.user": "grantee_user",
            "directory.organization": "grantee_organization",
            "worktables.worktable": "grantee_worktable",
        }[grantee._meta.label_lower]
        return self.filter(**{field: grantee})


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self, *, at: dt.datetime | None = None):
        at = at or timezone.now()
        return self.filter(started_at__lte=at, ends_at__gt=at)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Not accepted yet and not expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def sent_by(self, user):
        return self.filter(invited_by=user)


class UserSessionQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)

    def newest_first(self):
        return self.order_by("-last_active_at", "-pk")


def has_confirmed_totp_device(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def active_sessions(user) -> list:
    """The user's sessions that still work: in the session store and within both timeouts."""
    from importlib import import_module

    from django.conf import settings

    from .models import UserSession

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = timezone.now()
    # last_active_at is written at most once a minute (accounts.middleware).
    idle_limit = timedelta(seconds=settings.SESSION_COOKIE_AGE) + timedelta(minutes=1)
    candidates = UserSession.objects.of(user).filter(
        last_active_at__gt=now - idle_limit,
        started_at__gt=now - settings.SESSION_ABSOLUTE_TIMEOUT,
    )
    return [
        user_session
        for user_session in candidates.newest_first()
        if store.exists(user_session.session_key)
    ]
