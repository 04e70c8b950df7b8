"""Notes of conversations (vraagverheldering): who reads and who writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import CASEWORKER_ROLES, COMPANION_ROLES, ConsentScope
from .consent import participant_access, self_or_with_consent

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_read_notes(user: User, participant: Participant) -> bool:
    """The participant reads every note about them; someone else only with consent for
    notes (a relative or volunteer too, when the person chose so). Never through emergency
    access. Pages read through ``authorize_participant`` with ``ConsentScope.NOTES``, which
    asks the same rule and records the read."""
    return participant_access(user, participant, ConsentScope.NOTES).allowed


def can_write_note(user: User, participant: Participant) -> bool:
    """Notes are written by whoever holds the conversation: the participant themselves, or a
    professional, coordinator, kwartiermaker or ervaringsdeskundige with consent for notes.
    A relative or volunteer with that consent reads them, and writes none."""
    return self_or_with_consent(
        user, participant, CASEWORKER_ROLES | COMPANION_ROLES, ConsentScope.NOTES
    )
