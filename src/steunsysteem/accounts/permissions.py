"""Who may do what: the one place where access is decided.

Views, API views, exports and commands ask these functions; they never decide access
themselves. Default deny: a function returns True only for the cases it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constants import ROLES_SEEING_OTHERS_PERSONAL_DATA, Role

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization, Service

    from .models import User


def _is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def needs_two_factor(user: User) -> bool:
    """Everyone who can see personal data of other people signs in with a second factor."""
    return _is_active(user) and (user.role in ROLES_SEEING_OTHERS_PERSONAL_DATA or user.is_staff)


def can_review_directory(user: User) -> bool:
    """Coordinators curate the sociale kaart and approve editors' changes."""
    return _is_active(user) and user.role in {Role.COORDINATOR, Role.ADMINISTRATOR}


def can_edit_organization(user: User, organization: Organization) -> bool:
    """Provider editors edit their own organisation's entries; coordinators edit all."""
    if not _is_active(user):
        return False
    if can_review_directory(user):
        return True
    return (
        user.role == Role.PROVIDER_EDITOR and user.organizations.filter(pk=organization.pk).exists()
    )


def can_use_directory_editor(user: User) -> bool:
    """Provider editors and coordinators have a "Mijn aanbod" page."""
    return _is_active(user) and (user.role == Role.PROVIDER_EDITOR or can_review_directory(user))


def editable_organizations(user: User):
    """The organisations whose entries this user may propose changes to (none by default)."""
    from steunsysteem.directory.models import Organization

    if can_review_directory(user):
        return Organization.objects.all()
    if _is_active(user) and user.role == Role.PROVIDER_EDITOR:
        return user.organizations.all()
    return Organization.objects.none()


def can_edit_service(user: User, service: Service) -> bool:
    """Propose changes to a service, confirm it is still right, handle visitors' reports."""
    if service.organization_id is None:
        return can_review_directory(user)
    return can_edit_organization(user, service.organization)


# The roles a coordinator may give by invitation; an administrator may give every role.
ROLES_A_COORDINATOR_MAY_INVITE = frozenset(
    {Role.PARTICIPANT, Role.RELATIVE, Role.PROFESSIONAL, Role.PROVIDER_EDITOR, Role.VOLUNTEER}
)


def invitable_roles(user: User) -> list[str]:
    """The roles this user may invite someone into, in the order of ``Role``."""
    if not _is_active(user):
        return []
    if user.role == Role.ADMINISTRATOR:
        return list(Role.values)
    if user.role == Role.COORDINATOR:
        return [role for role in Role.values if role in ROLES_A_COORDINATOR_MAY_INVITE]
    return []


def can_invite(user: User, role: str) -> bool:
    """Coordinators invite participants, relatives, professionals, provider editors and
    volunteers; administrators invite every role; nobody else invites."""
    return role in invitable_roles(user)


def can_manage_invitations(user: User) -> bool:
    """See the "Uitnodigen" page and the open invitations one sent (or, administrators, all)."""
    return bool(invitable_roles(user))


def can_see_all_invitations(user: User) -> bool:
    return _is_active(user) and user.role == Role.ADMINISTRATOR
