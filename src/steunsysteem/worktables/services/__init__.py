"""Writes for the werktafels, one module per concern: ``meetings`` (planning, the agenda,
proposals, actions, closing, minutes), ``at_the_table`` (inviting the person and the
organisations, who was there, tips for the minutes), ``themes_and_cases`` (agenda items that
are not a participant's question) and ``members`` (seats and the mailing
list). Each write runs in one short transaction with its audit entry; mail goes out after
commit."""

from .at_the_table import agenda_item_tips_set, attendance_record, invitations_send
from .meetings import (
    MeetingError,
    action_add,
    action_complete,
    agenda_build,
    agenda_item_record,
    agenda_item_remove,
    agenda_item_status_change,
    meeting_close,
    meeting_invite,
    meeting_plan,
    minutes_approve,
)
from .members import (
    MembershipError,
    mailing_list_add,
    mailing_list_remove,
    worktable_member_add,
    worktable_member_remove,
    worktable_member_role_change,
)
from .themes_and_cases import agenda_item_add

__all__ = [
    "MeetingError",
    "MembershipError",
    "action_add",
    "action_complete",
    "agenda_build",
    "agenda_item_add",
    "agenda_item_record",
    "agenda_item_remove",
    "agenda_item_status_change",
    "agenda_item_tips_set",
    "attendance_record",
    "invitations_send",
    "mailing_list_add",
    "mailing_list_remove",
    "meeting_close",
    "meeting_invite",
    "meeting_plan",
    "minutes_approve",
    "worktable_member_add",
    "worktable_member_remove",
    "worktable_member_role_change",
]
