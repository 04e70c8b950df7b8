"""Signals of white spots in the offer: coordinators run them, the municipality answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import Role
from .consent import is_active

if TYPE_CHECKING:
    from steunsysteem.white_spots.models import Signal

    from ..models import User


def can_manage_signals(user: User) -> bool:
    """Coordinators run the werktafels: they detect signals, describe them, send them to the
    municipality and close them. Administrators run accounts, not the work."""
    return is_active(user) and user.role == Role.COORDINATOR


def can_view_signals(user: User) -> bool:
    """Coordinators, and policy officers: the municipality the signals are meant for."""
    return can_manage_signals(user) or (is_active(user) and user.role == Role.POLICY_OFFICER)


def can_view_signal(user: User, signal: Signal) -> bool:
    """Policy officers see what was sent to the municipality and how it was answered."""
    from steunsysteem.white_spots.constants import SHARED_WITH_MUNICIPALITY

    if can_manage_signals(user):
        return True
    return can_view_signals(user) and signal.status in SHARED_WITH_MUNICIPALITY


def can_raise_signal(user: User) -> bool:
    """Coordinators raise a signal by hand from what they heard outside the werktafels (a
    consultation, a steunpunt, a client council)."""
    return can_manage_signals(user)


def can_respond_to_signal(user: User, signal: Signal) -> bool:
    """Policy officers answer, for the municipality, a signal that was sent to it: what it
    will do and by when (and may correct that answer until a new offer fills the gap)."""
    from steunsysteem.white_spots.constants import AWAITS_MUNICIPALITY

    return (
        is_active(user)
        and user.role == Role.POLICY_OFFICER
        and signal.status in AWAITS_MUNICIPALITY
    )


def sees_exact_signal_counts(user: User) -> bool:
    """Coordinators see exact counts; everyone else sees small counts as "< 5"."""
    return can_manage_signals(user)
