"""Kwartiermaken (outreach): the route per person and the work with organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import COMPANION_ROLES, ConsentScope, Role
from ..models import ConsentGrant
from .consent import access_rests_on_consent, is_active, is_the_participant

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_keep_route(user: User, participant: Participant) -> bool:
    """A kwartiermaker or ervaringsdeskundige keeps a light route of visits to the person
    (being there, practical help, social needs, a group): only while the person's consent
    for notes of conversations is in force for them (never emergency access)."""
    return (
        is_active(user)
        and user.role in COMPANION_ROLES
        and access_rests_on_consent(user, participant, ConsentScope.NOTES)
    )


def can_read_route(user: User, participant: Participant) -> bool:
    """The person reads their own route; a companion reads what they may keep."""
    return is_the_participant(user, participant) or can_keep_route(user, participant)


def route_participants(user: User):
    """The people whose route this user keeps: a companion's, through consent for notes."""
    from steunsysteem.participants.models import Participant

    if not is_active(user) or user.role not in COMPANION_ROLES:
        return Participant.objects.none()
    granted = (
        ConsentGrant.objects.active()
        .held_by(user)
        .for_scope(ConsentScope.NOTES)
        .values("participant_id")
    )
    return Participant.objects.filter(pk__in=granted)


def can_do_kwartiermaken(user: User) -> bool:
    """Kwartiermakers approach organisations (a sports club, a library) and keep a register
    of the conversations and what was agreed; coordinators read along."""
    return is_active(user) and user.role == Role.KWARTIERMAKER


def can_view_approaches(user: User) -> bool:
    """The register of organisations approached holds no participant: kwartiermakers and
    coordinators see it."""
    return can_do_kwartiermaken(user) or (is_active(user) and user.role == Role.COORDINATOR)


def can_edit_approach(user: User, approach) -> bool:
    """The kwartiermaker who approached the organisation records its conversations and
    proposes its accessibility features to the sociale kaart."""
    return can_do_kwartiermaken(user) and approach.kwartiermaker_id == user.pk
