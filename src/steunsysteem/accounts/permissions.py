"""Who may do what: the one place where access is decided.

Views, API views, exports and commands ask these functions; they never decide access
themselves. Default deny: a function returns True only for the cases it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .constants import Role

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization

    from .models import User


def _is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


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
        user.role == Role.PROVIDER_EDITOR
        and user.organizations.filter(pk=organization.pk).exists()
    )
