"""Writes for participants. Each runs in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.accounts.services import consent_grant

from .models import LadderPosition, Participant, SelfSufficiencyRating

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.accounts.services.consent import Grantee
    from steunsysteem.directory.models import District

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
