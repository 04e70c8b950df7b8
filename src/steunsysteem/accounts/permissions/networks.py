"""The persoonlijk steunsysteem (network): who shapes it and who helps keep it up to date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import CASEWORKER_ROLES, ConsentScope, Role
from ..models import ConsentGrant
from .consent import access_rests_on_consent, is_active, is_the_participant, self_or_with_consent

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_edit_network(user: User, participant: Participant) -> bool:
    """The participant shapes their own network; a professional or coordinator who may see
    it works on it with them; and a relative whose consent for the network is in force, when
    the person chose them to help keep it up to date (belangenbehartiger)."""
    if self_or_with_consent(user, participant, CASEWORKER_ROLES, ConsentScope.NETWORK):
        return True
    return is_network_keeper(user, participant)


def is_network_keeper(user: User, participant: Participant) -> bool:
    """A relative the person chose to help keep their network up to date, while their
    consent for the network is in force (never emergency access)."""
    return (
        is_active(user)
        and user.role == Role.RELATIVE
        and participant.network_keepers.filter(user=user).exists()
        and access_rests_on_consent(user, participant, ConsentScope.NETWORK)
    )


def can_choose_network_keepers(user: User, participant: Participant) -> bool:
    """Who helps keep the network up to date is the person's own explicit choice."""
    return is_the_participant(user, participant)


def network_keeper_candidates(participant: Participant):
    """The relatives who hold the person's consent for their network in force: the ones the
    person may choose to help keep it up to date."""
    from ..models import User

    granted = (
        ConsentGrant.objects.active()
        .filter(participant=participant, grantee_user__isnull=False)
        .for_scope(ConsentScope.NETWORK)
        .values("grantee_user_id")
    )
    return User.objects.filter(pk__in=granted, role=Role.RELATIVE, is_active=True).order_by(
        "first_name", "last_name", "username"
    )
