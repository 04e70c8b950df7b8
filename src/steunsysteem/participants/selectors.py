"""Reads about a participant that span apps: the people their consent form offers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from steunsysteem.accounts.constants import CASEWORKER_ROLES, CONSENT_HOLDER_ROLES
from steunsysteem.accounts.models import User

if TYPE_CHECKING:
    from .models import Participant


def consent_candidates(participant: Participant, *, by: User, with_network: bool):
    """The people it makes sense to give this participant's consent to.

    The consent form offers a choice from these instead of looking up a typed e-mail
    address, which would tell the user whether that address has an account. They are: the
    accounts linked to the person's own network members (only for someone who may see the
    network, ``with_network``), whoever holds or held a grant from this person, and the
    professional or coordinator recording it. Only active accounts in a role that can hold
    consent.
    """
    chosen = Q(
        pk__in=participant.consent_grants.filter(grantee_user__isnull=False).values("grantee_user")
    )
    if with_network:
        chosen |= Q(pk__in=participant.network_members.filter(user__isnull=False).values("user"))
    if by.role in CASEWORKER_ROLES and participant.user_id != by.pk:
        chosen |= Q(pk=by.pk)
    return User.objects.filter(chosen, is_active=True, role__in=CONSENT_HOLDER_ROLES).order_by(
        "first_name", "last_name", "username"
    )
