"""The sociale kaart (directory): who curates it and who edits which organisation's entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import Role
from .consent import is_active

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization, Service

    from ..models import User


def can_review_directory(user: User) -> bool:
    """Coordinators curate the sociale kaart and approve editors' changes."""
    return is_active(user) and user.role in {Role.COORDINATOR, Role.ADMINISTRATOR}


def can_edit_organization(user: User, organization: Organization) -> bool:
    """Provider editors edit their own organisation's entries; coordinators edit all."""
    if not is_active(user):
        return False
    if can_review_directory(user):
        return True
    return (
        user.role == Role.PROVIDER_EDITOR and user.organizations.filter(pk=organization.pk).exists()
    )


def can_use_directory_editor(user: User) -> bool:
    """Provider editors and coordinators have a "Mijn aanbod" page."""
    return is_active(user) and (user.role == Role.PROVIDER_EDITOR or can_review_directory(user))


def editable_organizations(user: User):
    """The organisations whose entries this user may propose changes to (none by default)."""
    from steunsysteem.directory.models import Organization

    if can_review_directory(user):
        return Organization.objects.all()
    if is_active(user) and user.role == Role.PROVIDER_EDITOR:
        return user.organizations.all()
    return Organization.objects.none()


def can_edit_service(user: User, service: Service) -> bool:
    """Propose changes to a service, confirm it is still right, handle visitors' reports."""
    if service.organization_id is None:
        return can_review_directory(user)
    return can_edit_organization(user, service.organization)


def can_link_buddy_coordinator(user: User) -> bool:
    """Who names a maatjesproject's coordinator: those who curate the sociale kaart."""
    return can_review_directory(user)
