"""Writes for participants. Each runs in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.accounts.services import consent_grant

from .models import Participant

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
