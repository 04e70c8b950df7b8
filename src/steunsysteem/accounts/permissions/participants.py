"""A participant's own record: who lists, registers, exports, erases, invites to an own
account, records progress, and who may break the glass (emergency access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import CASEWORKER_ROLES, CONSENT_HOLDER_ROLES, ConsentScope, Role
from .consent import (
    access_rests_on_consent,
    can_manage_consent,
    is_active,
    is_the_participant,
    participant_access,
    self_or_with_consent,
)

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_list_participants(user: User) -> bool:
    """Holder roles have a list of the people who shared something with them."""
    return is_active(user) and user.role in CONSENT_HOLDER_ROLES


def can_register_participant(user: User) -> bool:
    """Professionals and coordinators register someone who has no account of their own."""
    return is_active(user) and user.role in CASEWORKER_ROLES


def can_edit_details(user: User, participant: Participant) -> bool:
    """Basic details (name, district, home postcode, language, how to get in touch): the
    participant keeps them up to date; a professional or coordinator whose access rests on
    consent for them corrects them with the person. Never under emergency access."""
    return can_manage_consent(user, participant)


def can_export_participant(user: User, participant: Participant) -> bool:
    """Download everything stored about someone (AVG art. 15 and 20): only the participant.

    Someone else hands over a copy only through a request they record first, and it holds
    only what they may see (``can_download_for_rights_request``)."""
    return is_the_participant(user, participant)


def can_erase_participant(user: User, participant: Participant) -> bool:
    """Erase someone's data at once (AVG art. 17): only the participant. On someone else's
    behalf erasure needs a recorded request and a second person (``can_approve_rights_request``)."""
    return is_the_participant(user, participant)


def can_invite_to_own_account(user: User, participant: Participant) -> bool:
    """A professional or coordinator whose access to the person's basic details rests on
    consent invites someone without an account of their own to one, so they can follow
    their own questions. Never under emergency access, never for a page that has one."""
    return (
        participant.user_id is None
        and is_active(user)
        and user.role in CASEWORKER_ROLES
        and access_rests_on_consent(user, participant, ConsentScope.PROFILE)
    )


def can_start_own_record(user: User) -> bool:
    """A participant with an account keeps their own page ("Mijn gegevens")."""
    return is_active(user) and user.role == Role.PARTICIPANT


def can_start_emergency_access(user: User, participant: Participant) -> bool:
    """Professionals and coordinators may break the glass for someone they cannot see yet.

    It is recorded with its reason and the participant sees it; misuse shows in the trail.
    """
    return (
        is_active(user)
        and user.role in CASEWORKER_ROLES
        and participant.user_id != user.pk
        and not participant_access(user, participant, ConsentScope.PROFILE).allowed
    )


def can_record_progress(user: User, participant: Participant) -> bool:
    """Ladder positions and self-sufficiency scores: the participant, or a professional or
    coordinator with consent for them."""
    return self_or_with_consent(user, participant, CASEWORKER_ROLES, ConsentScope.PROGRESS)
