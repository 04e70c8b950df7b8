"""Werktafel pages: ``meetings`` (the tables, meetings, agenda, the question screen, the person
at the table, actions, minutes and the public page) and ``members`` (the chair keeps the
members and the mailing list)."""

from .meetings import (
    about,
    action_complete,
    agenda_build,
    agenda_item,
    agenda_item_action,
    agenda_item_add,
    agenda_item_invite,
    agenda_item_proposal,
    agenda_item_remove,
    agenda_item_status,
    agenda_item_tips,
    attendance_record,
    meeting_close,
    meeting_detail,
    minutes,
    minutes_pdf,
    my_actions,
    worktable_detail,
    worktable_list,
)
from .members import (
    worktable_mailing_list,
    worktable_mailing_list_remove,
    worktable_member_remove,
    worktable_member_role,
    worktable_members,
)

__all__ = [
    "about",
    "action_complete",
    "agenda_build",
    "agenda_item",
    "agenda_item_action",
    "agenda_item_add",
    "agenda_item_invite",
    "agenda_item_proposal",
    "agenda_item_remove",
    "agenda_item_status",
    "agenda_item_tips",
    "attendance_record",
    "meeting_close",
    "meeting_detail",
    "minutes",
    "minutes_pdf",
    "my_actions",
    "worktable_detail",
    "worktable_list",
    "worktable_mailing_list",
    "worktable_mailing_list_remove",
    "worktable_member_remove",
    "worktable_member_role",
    "worktable_members",
]
