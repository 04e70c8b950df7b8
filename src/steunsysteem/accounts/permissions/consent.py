"""What a participant's consent opens, and to whom: the ground the other rules stand on.

The participant sees all of their own data; others only what an active grant opens, or
for a few hours their own emergency access. Consent is given, confirmed and withdrawn here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from ..constants import CASEWORKER_ROLES, CONSENT_HOLDER_ROLES, ConsentScope
from ..models import ConsentGrant, EmergencyAccess

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


OWN_DATA = "own data"


def is_active(user) -> bool:
    """A signed-in account that is not switched off: nobody else is allowed anything."""
    return bool(user and user.is_authenticated and user.is_active)


@dataclass(frozen=True)
class Access:
    """The answer to "may this user see this part of this participant's data?", and why."""

    allowed: bool
    legal_basis: str = ""
    grant: ConsentGrant | None = None


DENIED = Access(allowed=False)


# What emergency access never opens: notes of conversations hold the question behind the
# question, which nobody needs to reach someone in a crisis. They stay with consent.
SCOPES_CLOSED_IN_AN_EMERGENCY = frozenset({ConsentScope.NOTES})


def participant_access(user: User, participant: Participant, scope: str) -> Access:
    """The participant sees all of their own data; others only what an active grant opens,
    or, for a few hours, what their own emergency access opens (never notes).

    Grants count for a holder role only (relative, professional, volunteer, kwartiermaker,
    ervaringsdeskundige, coordinator):
    to the user, to an organisation they work for, or to a werktafel they sit at.
    """
    if not is_active(user):
        return DENIED
    if participant.user_id is not None and participant.user_id == user.pk:
        return Access(allowed=True, legal_basis=OWN_DATA)
    if user.role not in CONSENT_HOLDER_ROLES:
        return DENIED
    grant = (
        participant.consent_grants.active()
        .held_by(user)
        .for_scope(scope)
        .order_by("given_at", "pk")
        .first()
    )
    if grant is not None:
        return Access(allowed=True, legal_basis=f"consent:{grant.pk}", grant=grant)
    if user.role in CASEWORKER_ROLES and scope not in SCOPES_CLOSED_IN_AN_EMERGENCY:
        emergency = participant.emergency_accesses.active().filter(user=user).first()
        if emergency is not None:
            return Access(allowed=True, legal_basis=f"emergency:{emergency.pk}")
    return DENIED


def self_or_with_consent(user: User, participant: Participant, roles, scope: str) -> bool:
    """The participant themselves, or someone in ``roles`` whose access to ``scope`` of the
    participant's data is open (consent, or their own emergency access)."""
    if not is_active(user):
        return False
    if participant.user_id is not None and participant.user_id == user.pk:
        return True
    return user.role in roles and participant_access(user, participant, scope).allowed


def visible_participants(user: User):
    """The participants this user may see anything of: their own record, active grants and
    their own emergency accesses."""
    from steunsysteem.participants.models import Participant

    if not is_active(user):
        return Participant.objects.none()
    own = Q(user=user)
    if user.role not in CONSENT_HOLDER_ROLES:
        return Participant.objects.filter(own)
    granted = ConsentGrant.objects.active().held_by(user).values("participant_id")
    emergency = EmergencyAccess.objects.active().filter(user=user).values("participant_id")
    return Participant.objects.filter(own | Q(pk__in=granted) | Q(pk__in=emergency))


def visible_participant_bases(user: User, participant_ids) -> dict:
    """For each of these participants in ``visible_participants``, what seeing them rests on,
    as the audit trail names it: own data, the oldest active grant (any scope), or the
    user's own emergency access."""
    from steunsysteem.participants.models import Participant

    if not is_active(user):
        return {}
    ids = set(participant_ids)
    bases = dict.fromkeys(
        Participant.objects.filter(pk__in=ids, user=user).values_list("pk", flat=True), OWN_DATA
    )
    if user.role not in CONSENT_HOLDER_ROLES:
        return bases
    grants = (
        ConsentGrant.objects.active()
        .held_by(user)
        .filter(participant_id__in=ids)
        .order_by("given_at", "pk")
        .values_list("participant_id", "pk")
    )
    for participant_id, grant_pk in grants:
        bases.setdefault(participant_id, f"consent:{grant_pk}")
    emergencies = (
        EmergencyAccess.objects.active()
        .filter(user=user, participant_id__in=ids)
        .order_by("started_at", "pk")
        .values_list("participant_id", "pk")
    )
    for participant_id, emergency_pk in emergencies:
        bases.setdefault(participant_id, f"emergency:{emergency_pk}")
    return bases


def access_rests_on_consent(user: User, participant: Participant, scope: str) -> bool:
    """The user sees ``scope`` through a consent grant in force (not their own data, not
    emergency access)."""
    return participant_access(user, participant, scope).grant is not None


def can_manage_consent(user: User, participant: Participant) -> bool:
    """The participant decides; a professional or coordinator whose access to their basic
    details rests on consent records the consent the person gives or withdraws in a
    conversation. Never under emergency access: it opens what is urgent, not the power to
    open more."""
    if not is_active(user):
        return False
    if participant.user_id is not None and participant.user_id == user.pk:
        return True
    return user.role in CASEWORKER_ROLES and access_rests_on_consent(
        user, participant, ConsentScope.PROFILE
    )


def consent_is_for_oneself(user: User, grantee) -> bool:
    """Consent to the user, an organisation they work for or a werktafel they sit at: when
    they record it themselves, it waits for a second yes."""
    from steunsysteem.directory.models import Organization
    from steunsysteem.worktables.models import Worktable

    if isinstance(grantee, Organization):
        return user.organizations.filter(pk=grantee.pk).exists()
    if isinstance(grantee, Worktable):
        return Worktable.objects.with_member(user).filter(pk=grantee.pk).exists()
    return grantee.pk == user.pk


def can_confirm_consent(user: User, grant: ConsentGrant) -> bool:
    """Who gives the second yes to a grant that waits for one (and may decline it instead).

    When the participant has an account, only they do. Otherwise a second professional or
    coordinator: not who recorded it, not who would receive it, and only someone whose own
    access to the person's basic details rests on consent (never emergency access).
    """
    if not is_active(user):
        return False
    participant = grant.participant
    if participant.user_id is not None:
        return participant.user_id == user.pk
    return (
        user.role in CASEWORKER_ROLES
        and user.pk != grant.recorded_by_id
        and user.pk != grant.grantee_user_id
        and access_rests_on_consent(user, participant, ConsentScope.PROFILE)
    )


def is_the_participant(user: User, participant: Participant) -> bool:
    return is_active(user) and participant.user_id is not None and participant.user_id == user.pk
