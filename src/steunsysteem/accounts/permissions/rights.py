"""Rights requests under the AVG (a copy, erasure) recorded on the person's behalf, with
four eyes for erasure, and who sees that data was erased."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from ..constants import CASEWORKER_ROLES, CONSENT_HOLDER_ROLES, ConsentScope
from ..models import ConsentGrant
from .consent import DENIED, Access, is_active, is_the_participant, participant_access

if TYPE_CHECKING:
    from steunsysteem.participants.models import ErasureRecord, Participant, RightsRequest

    from ..models import User


def _acts_on_the_persons_request(user: User, participant: Participant) -> Access:
    """A professional or coordinator whose access to the person's basic details rests on
    the person's consent (any grant: to them, their organisation or their werktafel), never
    on emergency access: they may record a request the person made, and act on one."""
    if not is_active(user) or user.role not in CASEWORKER_ROLES:
        return DENIED
    if is_the_participant(user, participant):
        return DENIED
    access = participant_access(user, participant, ConsentScope.PROFILE)
    return access if access.grant is not None else DENIED


def _personal_grant(user: User, participant: Participant, scope: str) -> ConsentGrant | None:
    """An active grant to this user themselves, not through an organisation or werktafel."""
    return (
        participant.consent_grants.active()
        .filter(grantee_user=user)
        .for_scope(scope)
        .order_by("given_at", "pk")
        .first()
    )


def can_see_rights(user: User, participant: Participant) -> bool:
    """The rights page ("Mijn rechten"): the participant, or a caseworker who may record a
    request for them."""
    return is_the_participant(user, participant) or can_record_rights_request(user, participant)


def can_record_rights_request(user: User, participant: Participant) -> bool:
    """Record that the person asked for a copy of their data (or for erasure, see below)."""
    return _acts_on_the_persons_request(user, participant).allowed


def rights_request_basis(user: User, participant: Participant) -> str:
    """The consent grant a caseworker's rights request rests on, as the audit trail names it."""
    return _acts_on_the_persons_request(user, participant).legal_basis


def can_record_erasure_request(user: User, participant: Participant) -> bool:
    """A request to erase rests on consent the person gave to this caseworker personally:
    not through their organisation or werktafel, and never on emergency access."""
    return (
        can_record_rights_request(user, participant)
        and _personal_grant(user, participant, ConsentScope.PROFILE) is not None
    )


def scopes_to_hand_over(user: User, participant: Participant) -> list[str]:
    """The parts of a copy a caseworker may hand over for a recorded request: the scopes the
    person's consent opens to them. Emergency access opens none of them."""
    if not can_record_rights_request(user, participant):
        return []
    return [
        scope
        for scope in ConsentScope.values
        if participant_access(user, participant, scope).grant is not None
    ]


# How long after recording a request for a copy its recorder may download it.
RIGHTS_REQUEST_DOWNLOAD_WINDOW = dt.timedelta(hours=1)


def can_download_for_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Only whoever recorded the request for a copy, right after recording it."""
    from steunsysteem.participants.constants import RightsRequestKind

    return (
        rights_request.kind == RightsRequestKind.DOWNLOAD
        and rights_request.recorded_by_id == user.pk
        and rights_request.recorded_at > timezone.now() - RIGHTS_REQUEST_DOWNLOAD_WINDOW
        and can_record_rights_request(user, rights_request.participant)
    )


def can_see_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """The participant sees every request made for them; a caseworker sees the ones they
    recorded, and an open request to erase that they might approve."""
    participant = rights_request.participant
    if is_the_participant(user, participant):
        return True
    if not can_record_rights_request(user, participant):
        return False
    return rights_request.recorded_by_id == user.pk or _is_open_erasure(rights_request)


def can_approve_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Four eyes: a second professional or coordinator, not the one who recorded the request,
    whose own access to the person's basic details rests on consent (not emergency access)."""
    from steunsysteem.participants.constants import RightsRequestKind

    return (
        rights_request.kind == RightsRequestKind.ERASURE
        and rights_request.recorded_by_id is not None
        and rights_request.recorded_by_id != user.pk
        and can_record_rights_request(user, rights_request.participant)
    )


def can_decline_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Whoever could approve a request to erase, or whoever recorded it, may say it is not
    carried out (with a reason the person sees)."""
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and can_record_rights_request(
        user, rights_request.participant
    )


def can_stop_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """The participant stops a request to erase that someone else recorded for them."""
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and is_the_participant(
        user, rights_request.participant
    )


def _is_open_erasure(rights_request: RightsRequest) -> bool:
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and rights_request.is_open


def can_see_erasure_record(user: User, record: ErasureRecord) -> bool:
    """Whoever held consent when the data was erased sees that it was, and when: the user,
    or someone in a holder role at an organisation or werktafel that held it."""
    if not is_active(user) or user.role not in CONSENT_HOLDER_ROLES:
        return False
    if user.pk in record.consent_user_ids:
        return True
    organization_ids = {str(pk) for pk in user.organizations.values_list("pk", flat=True)}
    worktable_ids = set(user.worktables.values_list("pk", flat=True))
    return bool(
        organization_ids & set(record.consent_organization_ids)
        or worktable_ids & set(record.consent_worktable_ids)
    )
