"""Failed log-ins, in the audit trail without the name that was typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..audit import audit_record
from ..constants import AuditAction, AuditResult
from ..models import User

if TYPE_CHECKING:
    from django.http import HttpRequest


def login_failure_record(*, username: str, request: HttpRequest | None) -> None:
    """A failed log-in in the audit trail: the account's id if it exists, never the name typed."""
    user_id = (
        User.objects.filter(**{User.USERNAME_FIELD: username}).values_list("pk", flat=True).first()
        if username
        else None
    )
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type=User._meta.label_lower if user_id else "",
        object_id=str(user_id) if user_id else "",
        result=AuditResult.DENIED,
        request=request,
    )
