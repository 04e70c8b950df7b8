"""Writes for participants. Each runs in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.accounts.services import consent_grant
from steunsysteem.outbox.services import mail_forget

from .models import ErasureRecord, LadderPosition, Participant, SelfSufficiencyRating

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.accounts.services.consent import Grantee
    from steunsysteem.directory.models import District

# The legal basis in the audit trail when a caseworker carries out the person's own request.
ERASURE_REQUEST = "request:avg-art-17"
PROFILE_FIELDS = ["name", "district", "preferred_language", "contact_route", "contact_detail"]


def participant_register(
    *,
    name: str,
    district: District | None,
    preferred_language: str,
    contact_route: str,
    contact_detail: str = "",
    consent_to: Grantee,
    consent_scopes: Iterable[str],
    consent_ends_on: dt.date,
    consent_source: str,
    by: User,
    request: HttpRequest | None = None,
) -> Participant:
    """A professional registers someone without an account, with the consent they obtained.

    Without consent there is no record: the grant is what lets the professional (or their
    organisation) see the person afterwards. All or nothing.
    """
    with transaction.atomic():
        participant = _create(
            by=by,
            request=request,
            name=name,
            district=district,
            preferred_language=preferred_language,
            contact_route=contact_route,
            contact_detail=contact_detail,
        )
        consent_grant(
            participant=participant,
            grantee=consent_to,
            scopes=consent_scopes,
            ends_on=consent_ends_on,
            source=consent_source,
            by=by,
            request=request,
            registering=True,
        )
    return participant


def participant_start_own_record(
    *,
    user: User,
    name: str,
    district: District | None,
    preferred_language: str,
    contact_route: str,
    contact_detail: str = "",
    request: HttpRequest | None = None,
) -> Participant:
    """A participant with an account starts their own page; only they can see it yet."""
    return _create(
        by=user,
        request=request,
        legal_basis=OWN_DATA,
        user=user,
        name=name,
        district=district,
        preferred_language=preferred_language,
        contact_route=contact_route,
        contact_detail=contact_detail,
    )


@transaction.atomic
def _create(
    *, by: User, request: HttpRequest | None, legal_basis: str = "", **fields
) -> Participant:
    participant = Participant.objects.create(created_by=by, **fields)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=participant,
        fields=[field for field in PROFILE_FIELDS if getattr(participant, field)],
        legal_basis=legal_basis,
        request=request,
    )
    return participant


class ProgressError(Exception):
    """A step or score that cannot be recorded; the message says why."""


def participant_goals_set(
    *, participant: Participant, goals: Iterable[str], by: User, request: HttpRequest | None = None
) -> Participant:
    """What matters to the person: the participatiewiel goals they want to work on."""
    from steunsysteem.directory.constants import ParticipationGoal

    goals = sorted(set(goals))
    if any(goal not in ParticipationGoal.values for goal in goals):
        raise ProgressError(_("Unknown goal."))
    with transaction.atomic():
        participant.life_goals = goals
        participant.save(update_fields=["life_goals"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=participant,
            fields=["life_goals"],
            request=request,
        )
    return participant


def ladder_position_record(
    *,
    participant: Participant,
    step: int,
    measured_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> LadderPosition:
    """Where on the participatieladder the person stands on ``measured_on``."""
    if measured_on > timezone.localdate():
        raise ProgressError(_("The date cannot be in the future."))
    with transaction.atomic():
        position = LadderPosition.objects.create(
            participant=participant, step=step, measured_on=measured_on, recorded_by=by
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=["progress.ladder_step"],
            request=request,
        )
    return position


def self_sufficiency_record(
    *,
    participant: Participant,
    scores: dict[str, int],
    measured_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> list[SelfSufficiencyRating]:
    """Zelfredzaamheid-Matrix scores on one date, for the domains that were talked about.

    A domain scored again on the same date replaces that day's score.
    """
    if measured_on > timezone.localdate():
        raise ProgressError(_("The date cannot be in the future."))
    if not scores:
        raise ProgressError(_("Give a score for at least one life domain."))
    with transaction.atomic():
        ratings = [
            SelfSufficiencyRating.objects.update_or_create(
                participant=participant,
                domain=domain,
                measured_on=measured_on,
                defaults={"score": score, "recorded_by": by},
            )[0]
            for domain, score in sorted(scores.items())
        ]
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=[f"progress.{domain}" for domain in scores],
            request=request,
        )
    return ratings


def participant_erase(
    *, participant: Participant, by: User, request: HttpRequest | None = None
) -> ErasureRecord:
    """Erase everything stored about a participant at their request (AVG art. 17).

    Deleted: the record, life goals, ladder positions, scores, network members, the members
    copied into snapshots, consent grants and emergency accesses. Kept for the monitor: the
    snapshots' names-free counts with their district (their participant becomes empty).
    Their own account is anonymised and closed rather than deleted, so its id is never given
    to someone else and the audit trail's actor ids keep pointing at "an erased account"
    (the trail itself is never changed; it holds ids, not names). What remains is an
    ``ErasureRecord``: when, by which role, and who held consent then, so they can be told.
    """
    from steunsysteem.networks.models import SnapshotMember

    own_request = participant.user_id is not None and participant.user_id == by.pk
    with transaction.atomic():
        grants = list(participant.consent_grants.active())
        record = ErasureRecord.objects.create(
            participant_id=participant.pk,
            erased_at=timezone.now(),
            erased_by_role=by.role,
            district_id=participant.district_id,
            consent_user_ids=_ids(grant.grantee_user_id for grant in grants),
            consent_organization_ids=[
                str(pk) for pk in _ids(grant.grantee_organization_id for grant in grants)
            ],
            consent_worktable_ids=_ids(grant.grantee_worktable_id for grant in grants),
        )
        audit_record(
            actor=by,
            action=AuditAction.ERASE,
            obj=participant,
            legal_basis=OWN_DATA if own_request else ERASURE_REQUEST,
            request=request,
        )
        user = participant.user
        mail_forget(addresses=[participant.contact_detail, user.email if user else ""])
        _admin_log_forget(participant)
        SnapshotMember.objects.filter(snapshot__participant=participant).delete()
        participant.delete()  # cascades; snapshots are kept with participant set to NULL
        if user is not None:
            _account_anonymise(user)
    return record


def _ids(values: Iterable) -> list:
    return sorted({value for value in values if value is not None}, key=str)


def _account_anonymise(user: User) -> None:
    """Close the participant's own account and remove everything that names them."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from steunsysteem.accounts.models import Invitation, UserSession

    old_username, old_email = user.get_username(), user.email
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in UserSession.objects.filter(user=user):
        store(session_key=session.session_key).delete(session.session_key)
    UserSession.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    invitations = Invitation.objects.filter(user=user)
    if old_email:
        invitations = invitations | Invitation.objects.filter(email__iexact=old_email)
    invitations.delete()
    AccessAttempt.objects.filter(username=old_username).delete()
    _admin_log_forget(user)
    user.username = f"verwijderd-{secrets.token_hex(5)}"
    user.email = user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()


def _admin_log_forget(obj) -> None:
    """The admin site's own change log names the object in ``object_repr``."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).delete()
