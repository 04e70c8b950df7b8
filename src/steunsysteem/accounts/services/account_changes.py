"""Changes to an account in the audit trail, wherever they are made.

Role, organisations, werktafels, e-mail address, password and rights decide what an account
may see, so every change of them is an audit entry, whether it is made in the admin, by an
invitation, on the password pages or in a service. The entry names the changed fields,
never their values: not the password, not the old or the new e-mail address.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..audit import audit_record
from ..constants import AuditAction
from ..models import AuditEntry, User

if TYPE_CHECKING:
    from django.http import HttpRequest

# Form fields that stand for one stored field (Django's password forms).
_FIELD_NAMES = {
    "password1": "password",
    "password2": "password",
    "new_password1": "password",
    "new_password2": "password",
    "usable_password": "password",
    "set_usable_password": "password",
}


def account_change_record(
    *,
    user: User,
    fields: Iterable[str],
    by: User | None,
    created: bool = False,
    request: HttpRequest | None = None,
) -> AuditEntry | None:
    """Record that ``fields`` of ``user``'s account were set (``created``) or changed.

    Call it in the transaction of the change. ``organizations`` and ``worktables`` name a
    change of membership. Nothing changed, nothing recorded.
    """
    names = {_FIELD_NAMES.get(name, name) for name in fields}
    if not names:
        return None
    return audit_record(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=user,
        fields=names,
        request=request,
    )


def account_delete_record(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """An account is removed; call it before the delete, in its transaction."""
    audit_record(actor=by, action=AuditAction.DELETE, obj=user, request=request)
