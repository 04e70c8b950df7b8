"""Accounts: the second factor, the admin site, and who invites whom into which role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import ROLES_SEEING_OTHERS_PERSONAL_DATA, Role
from .consent import is_active
from .participants import can_invite_to_own_account

if TYPE_CHECKING:
    from ..models import User


def needs_two_factor(user: User) -> bool:
    """Everyone who can see personal data of other people signs in with a second factor."""
    return is_active(user) and (user.role in ROLES_SEEING_OTHERS_PERSONAL_DATA or user.is_staff)


def can_use_admin(user: User) -> bool:
    """The admin site (accounts, audit trail search) is for administrators with staff rights."""
    return is_active(user) and user.is_staff and user.role == Role.ADMINISTRATOR


# The roles a coordinator may give by invitation; an administrator may give every role.
ROLES_A_COORDINATOR_MAY_INVITE = frozenset(
    {
        Role.PARTICIPANT,
        Role.RELATIVE,
        Role.PROFESSIONAL,
        Role.PROVIDER_EDITOR,
        Role.VOLUNTEER,
        Role.KWARTIERMAKER,
        Role.EXPERIENCE_EXPERT,
    }
)


def invitable_roles(user: User) -> list[str]:
    """The roles this user may invite someone into, in the order of ``Role``."""
    if not is_active(user):
        return []
    if user.role == Role.ADMINISTRATOR:
        return list(Role.values)
    if user.role == Role.COORDINATOR:
        return [role for role in Role.values if role in ROLES_A_COORDINATOR_MAY_INVITE]
    return []


def can_invite(user: User, role: str) -> bool:
    """Coordinators invite participants, relatives, professionals, provider editors,
    volunteers, kwartiermakers and ervaringsdeskundigen; administrators invite every role;
    nobody else invites."""
    return role in invitable_roles(user)


def invitable_organizations(user: User):
    """The organisations this user may invite someone into: an administrator any; a
    coordinator only those they work for themselves (a membership opens what participants
    shared with the organisation, so nobody hands out one they do not hold)."""
    from steunsysteem.directory.models import Organization

    if not is_active(user):
        return Organization.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return Organization.objects.all()
    if user.role == Role.COORDINATOR:
        return Organization.objects.filter(pk__in=user.organizations.values("pk"))
    return Organization.objects.none()


def can_invite_into(user: User, organizations) -> bool:
    """Whether every one of ``organizations`` is one this user may invite someone into."""
    wanted = {organization.pk for organization in organizations}
    return wanted <= set(
        invitable_organizations(user).filter(pk__in=wanted).values_list("pk", flat=True)
    )


def can_manage_invitations(user: User) -> bool:
    """See the "Uitnodigen" page and the open invitations one sent (or, administrators, all)."""
    return bool(invitable_roles(user))


def can_revoke_invitation(user: User, invitation) -> bool:
    """Whoever sees an open invitation withdraws it: an administrator any, a coordinator the
    ones they sent, and an invitation to someone's own account whoever may send one."""
    if invitation.accepted_at is not None:
        return False
    if invitation.participant_id is not None and can_invite_to_own_account(
        user, invitation.participant
    ):
        return True
    if not can_manage_invitations(user):
        return False
    return can_see_all_invitations(user) or invitation.invited_by_id == user.pk


def can_see_all_invitations(user: User) -> bool:
    return is_active(user) and user.role == Role.ADMINISTRATOR
