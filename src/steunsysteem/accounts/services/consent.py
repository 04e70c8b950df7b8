"""Consent grants and emergency access to a participant's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import permissions
from ..audit import audit_record
from ..constants import CONSENT_HOLDER_ROLES, AuditAction, ConsentScope, ConsentSource
from ..models import ConsentGrant, EmergencyAccess, User

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


def latest_consent_end() -> dt.date:
    """The furthest end date a consent recorded today may have (``CONSENT_MAX_DAYS``)."""
    return timezone.localdate() + dt.timedelta(days=settings.CONSENT_MAX_DAYS)


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


def _is_the_participant(participant: Participant, user: User) -> bool:
    return participant.user_id is not None and participant.user_id == user.pk


def _check_registering(participant: Participant, by: User) -> None:
    """The consent recorded with a new registration counts at once: the record holds nothing
    yet but what the registering professional typed. Only then, and only once."""
    if (
        participant.user_id is not None
        or participant.created_by_id != by.pk
        or participant.consent_grants.exists()
    ):
        raise ConsentError(_("This is not the registration of a new participant."))


def consent_grant(
    *,
    participant: Participant,
    grantee: Grantee,
    scopes: Iterable[str],
    ends_on: dt.date,
    source: str,
    by: User,
    request: HttpRequest | None = None,
    registering: bool = False,
) -> list[ConsentGrant]:
    """Record that the participant lets ``grantee`` see ``scopes`` until ``ends_on``.

    The participant records their own consent; someone else may record it only while their
    own access to the person's basic details rests on consent (``can_manage_consent``), or
    when ``registering`` a new participant. The end date lies at most ``CONSENT_MAX_DAYS``
    ahead. A grant recorded by someone else waits for a second yes (and opens nothing until
    then) when it goes to the recorder, their organisation or their werktafel, or when the
    same scope was withdrawn from the same grantee before; the grants recorded with a new
    registration count at once. The participant, when they have an account, gets a mail
    without content when someone else records consent for them.

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
    latest = latest_consent_end()
    if ends_on > latest:
        raise ConsentError(
            _("Consent lasts at most %(days)s days: choose %(date)s or earlier.")
            % {"days": settings.CONSENT_MAX_DAYS, "date": date_format(latest, "j F Y")}
        )
    if registering:
        _check_registering(participant, by)
    elif not permissions.can_manage_consent(by, participant):
        raise ConsentError(_("You cannot record consent for this person."))
    target = _grantee_fields(grantee)
    by_participant = _is_the_participant(participant, by)
    second_yes_for = set()
    if not (by_participant or registering):
        if permissions.consent_is_for_oneself(by, grantee):
            second_yes_for = set(scopes)
        else:
            second_yes_for = set(
                participant.consent_grants.withdrawn()
                .filter(scope__in=scopes, **target)
                .values_list("scope", flat=True)
            )
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
                confirmed_at=None if scope in second_yes_for else now,
                confirmed_by=None if scope in second_yes_for else by,
                **target,
            )
            for scope in scopes
        ]
        for grant in grants:
            audit_record(
                actor=by,
                action=AuditAction.CREATE,
                obj=grant,
                fields=GRANT_FIELDS + (["confirmed_at"] if grant.confirmed_at else []),
                legal_basis=f"participant:{participant.pk}",
                request=request,
            )
        _tell_the_participant(participant, by=by)
    return grants


def _awaiting_grant(grant: ConsentGrant, by: User) -> ConsentGrant:
    """The grant, locked, if it still waits for a second yes and ``by`` may give it."""
    grant = ConsentGrant.objects.select_for_update().select_related("participant").get(pk=grant.pk)
    if not grant.is_awaiting_confirmation:
        raise ConsentError(_("This consent no longer waits for an answer."))
    if not permissions.can_confirm_consent(by, grant):
        raise ConsentError(_("You cannot answer for this consent."))
    return grant


def consent_confirm(
    *, grant: ConsentGrant, by: User, request: HttpRequest | None = None
) -> ConsentGrant:
    """The second yes: from this moment on the grant counts (``can_confirm_consent``)."""
    with transaction.atomic():
        grant = _awaiting_grant(grant, by)
        grant.confirmed_at = timezone.now()
        grant.confirmed_by = by
        grant.save(update_fields=["confirmed_at", "confirmed_by"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=grant,
            fields=["confirmed_at"],
            legal_basis=f"participant:{grant.participant_id}",
            request=request,
        )
        _tell_the_participant(grant.participant, by=by)
    return grant


def consent_decline(
    *, grant: ConsentGrant, by: User, request: HttpRequest | None = None
) -> ConsentGrant:
    """No to a grant that waits for a second yes: it is closed as withdrawn, never counted."""
    with transaction.atomic():
        return _close(_awaiting_grant(grant, by), by=by, request=request)


def consent_withdraw(
    *, grant: ConsentGrant, by: User, request: HttpRequest | None = None
) -> ConsentGrant:
    """Withdraw a grant now (in force or still waiting): from this moment on it opens
    nothing."""
    with transaction.atomic():
        grant = (
            ConsentGrant.objects.select_for_update().select_related("participant").get(pk=grant.pk)
        )
        if grant.withdrawn_at is not None:
            raise ConsentError(_("This consent was already withdrawn."))
        return _close(grant, by=by, request=request)


def _close(grant: ConsentGrant, *, by: User, request: HttpRequest | None) -> ConsentGrant:
    """Close a locked grant now (withdrawn or declined), audited, and tell the person."""
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
    _tell_the_participant(grant.participant, by=by)
    return grant


def _tell_the_participant(participant: Participant, *, by: User) -> None:
    """Someone else changed who may see what: the participant, when they have an account,
    gets one mail after the commit that says only that something changed on their page,
    with a link to it. No names, no kinds of data, nothing about their health."""
    from steunsysteem.outbox.services import mail_queue

    user = participant.user
    if user is None or user.pk == by.pk or not user.is_active or not user.email:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("participants:consent", args=[participant.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Something changed on your page"))
        body = render_to_string(
            "accounts/consent_changed_email.txt", {"site_name": settings.SITE_NAME, "link": link}
        )
    mail_queue(to=[user.email], subject=subject, body=body)


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
    if not permissions.can_start_emergency_access(by, participant):
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
