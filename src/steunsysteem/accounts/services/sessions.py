"""The signed-in sessions a user can see and end."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..audit import audit_record, client_network
from ..constants import AuditAction
from ..models import User, UserSession
from ..user_agents import describe_user_agent

if TYPE_CHECKING:
    from django.http import HttpRequest


def _session_store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


def user_session_touch(*, user: User, session_key: str, request: HttpRequest) -> UserSession:
    """Record that a signed-in session is in use now (``accounts.middleware``).

    The first time for a session key it is recorded with the browser and the network;
    rows of this user's sessions that are gone from the session store are removed then.
    """
    now = timezone.now()
    browser, operating_system = describe_user_agent(request.META.get("HTTP_USER_AGENT", ""))
    with transaction.atomic():
        user_session, created = UserSession.objects.update_or_create(
            session_key=session_key,
            defaults={"last_active_at": now},
            create_defaults={
                "user": user,
                "started_at": now,
                "last_active_at": now,
                "browser": browser,
                "operating_system": operating_system,
                "network": client_network(request),
            },
        )
        if created:
            gone = [
                other.pk
                for other in UserSession.objects.of(user).exclude(pk=user_session.pk)
                if not _session_store(other.session_key).exists(other.session_key)
            ]
            UserSession.objects.filter(pk__in=gone).delete()
    return user_session


def user_session_end(*, user_session: UserSession, by: User) -> None:
    """End a session: it is removed from the session store, so its cookie no longer works."""
    if user_session.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        _session_store(user_session.session_key).delete(user_session.session_key)
        audit_record(actor=by, action=AuditAction.DELETE, obj=user_session)
        user_session.delete()


def user_sessions_end_others(*, user: User, current_session_key: str) -> int:
    """End all of this user's sessions except the current one; returns how many."""
    others = list(UserSession.objects.of(user).exclude(session_key=current_session_key))
    for other in others:
        user_session_end(user_session=other, by=user)
    return len(others)
