"""The monitor, the covenant register, the surveys (peilingen) and the steunpunten coverage:
aggregates for the municipality and the coordinators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import Role
from .consent import is_active

if TYPE_CHECKING:
    from ..models import User


def can_view_monitor(user: User) -> bool:
    """The policy officer (the municipality) and coordinators read the monitor, its exports
    and the half-yearly report: totals only, small counts suppressed. An administrator runs
    accounts and the audit trail, not the work, so not the monitor either."""
    return is_active(user) and user.role in (Role.POLICY_OFFICER, Role.COORDINATOR)


def can_edit_covenant(user: User) -> bool:
    """The same people keep the covenant register and set the targets."""
    return can_view_monitor(user)


def can_view_survey_results(user: User) -> bool:
    """Coordinators and policy officers see the survey figures (suppressed below the
    threshold); nobody sees an answer of one person."""
    return is_active(user) and user.role in {Role.COORDINATOR, Role.POLICY_OFFICER}


def can_read_survey_remarks(user: User) -> bool:
    """The free-text remarks may name someone: the coordinators who run the werktafels read
    them, never the municipality and never in an aggregate or export."""
    return is_active(user) and user.role == Role.COORDINATOR


def can_view_coverage(user: User) -> bool:
    """Where the steunpunten are and which districts fall short: coordinators and policy
    officers (it holds no personal data, but it is a planning view, not a public page)."""
    return is_active(user) and user.role in {Role.COORDINATOR, Role.POLICY_OFFICER}
