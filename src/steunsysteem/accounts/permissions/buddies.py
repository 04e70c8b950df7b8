"""Buddies (maatjes).

A maatjesproject is an organisation on the sociale kaart; its coordinator is a coordinator or
provider editor linked to it (``buddies.ProjectCoordinator``). Volunteers register through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import ConsentScope, Role
from .consent import access_rests_on_consent, can_manage_consent, is_active, is_the_participant
from .referrals import can_refer

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


BUDDY_PROJECT_COORDINATOR_ROLES = frozenset({Role.COORDINATOR, Role.PROVIDER_EDITOR})


# Who may ask for a buddy or answer for the person: the person, a professional or coordinator.
BUDDY_ASKER_ROLES = frozenset({Role.PARTICIPANT, Role.PROFESSIONAL, Role.COORDINATOR})


def buddy_projects_of(user: User):
    """The maatjesprojects this user coordinates (none by default)."""
    from steunsysteem.directory.models import Organization

    if not is_active(user) or user.role not in BUDDY_PROJECT_COORDINATOR_ROLES:
        return Organization.objects.none()
    return Organization.objects.filter(buddy_coordinators__user=user)


def coordinates_buddy_project(user: User, project) -> bool:
    return buddy_projects_of(user).filter(pk=project.pk).exists()


def can_use_buddies(user: User) -> bool:
    """The "Maatjes" page: for those who coordinate a maatjesproject, a volunteer registered
    by one, and those who may ask for a buddy (the person, professionals and coordinators).
    It shows each only their own."""
    if not is_active(user):
        return False
    if user.role in BUDDY_ASKER_ROLES:
        return True
    if user.role == Role.VOLUNTEER:
        return hasattr(user, "volunteer_profile")
    return buddy_projects_of(user).exists()


def can_register_volunteer(user: User, project) -> bool:
    return coordinates_buddy_project(user, project)


def can_view_volunteer_profile(user: User, profile) -> bool:
    """The project's coordinator, and the volunteer themselves."""
    if not is_active(user):
        return False
    if profile.user_id == user.pk:
        return True
    return coordinates_buddy_project(user, profile.project)


def can_edit_volunteer_profile(user: User, profile) -> bool:
    """The coordinator registers and edits; the volunteer corrects their own profile."""
    return can_view_volunteer_profile(user, profile)


def can_edit_volunteer_screening(user: User, profile) -> bool:
    """Intake and VOG dates: the project's coordinator only, not the volunteer."""
    return coordinates_buddy_project(user, profile.project)


def can_ask_for_buddy(user: User, question) -> bool:
    """A wish for a buddy comes from an open question: the person asks, or a professional or
    coordinator who may refer the question (``can_refer``)."""
    from steunsysteem.questions.constants import OPEN_STATUSES

    if question.status not in OPEN_STATUSES:
        return False
    if is_the_participant(user, question.participant):
        return True
    return can_refer(user, question)


def can_view_buddy_request(user: User, buddy_request) -> bool:
    """The wish, with the suggested volunteers: the coordinator of the project it went to."""
    return coordinates_buddy_project(user, buddy_request.project)


def can_propose_match(user: User, buddy_request) -> bool:
    return buddy_request.closed_at is None and can_view_buddy_request(user, buddy_request)


def _answers_for_the_person(user: User, participant: Participant) -> bool:
    """The person, or a professional at their side whose access to the person's questions
    and basic details rests on consent: they answer for the person, as the person tells them
    (their yes records the consent the match needs). Not a relative (they cannot record
    consent) and not a werktafel's coordinator (the table does not answer for the person)."""
    if is_the_participant(user, participant):
        return True
    return (
        is_active(user)
        and user.role == Role.PROFESSIONAL
        and access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
        and can_manage_consent(user, participant)
    )


def is_buddy_volunteer(user: User, match) -> bool:
    return is_active(user) and match.volunteer.user_id == user.pk


def can_view_match(user: User, match) -> bool:
    """The project's coordinator, the volunteer of this match (only their own), and the person
    or their representative."""
    if is_buddy_volunteer(user, match):
        return True
    if coordinates_buddy_project(user, match.request.project):
        return True
    return _answers_for_the_person(user, match.participant)


def can_answer_match_for_participant(user: User, match) -> bool:
    from steunsysteem.buddies.constants import MatchStatus

    return (
        match.status == MatchStatus.PROPOSED
        and match.participant_yes_at is None
        and _answers_for_the_person(user, match.participant)
    )


def can_answer_match_as_volunteer(user: User, match) -> bool:
    from steunsysteem.buddies.constants import MatchStatus

    return (
        match.status == MatchStatus.PROPOSED
        and match.volunteer_yes_at is None
        and is_buddy_volunteer(user, match)
    )


def match_shares_contact_details(match) -> bool:
    """Contact details of each side show on the other's page only while the match runs:
    after both said yes, never before and never after it ended."""
    from steunsysteem.buddies.constants import MatchStatus

    return match.status == MatchStatus.ACTIVE


def can_answer_buddy_check_in(user: User, check_in) -> bool:
    """Each side answers its own check-in: the volunteer theirs, the person (or their
    representative) the person's."""
    from steunsysteem.buddies.constants import MatchStatus, Side

    match = check_in.match
    if match.status != MatchStatus.ACTIVE or check_in.answered_at is not None:
        return False
    if check_in.side == Side.VOLUNTEER:
        return is_buddy_volunteer(user, match)
    return _answers_for_the_person(user, match.participant)


def can_read_buddy_concerns(user: User, match) -> bool:
    """What one side said is wrong is for the project's coordinator only: never the other
    side, never the person's representative."""
    return coordinates_buddy_project(user, match.request.project)


def can_end_match(user: User, match) -> bool:
    from steunsysteem.buddies.constants import OPEN_MATCH_STATUSES

    return match.status in OPEN_MATCH_STATUSES and coordinates_buddy_project(
        user, match.request.project
    )
