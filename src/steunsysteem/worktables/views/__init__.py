"""Werktafel pages, one module per screen: ``tables`` (the tables one sits at and the public
page), ``meetings`` (the meeting screen and its agenda), ``planning`` (the person at the table:
invitations and who was there), ``agenda_items`` (the question screen during the meeting),
``actions``, ``minutes_pages`` (the minutes and their PDF) and ``members`` (the chair keeps
the members and the mailing list). ``base`` holds what they share. Access is decided in
``accounts.permissions``."""

from .actions import action_complete, my_actions
from .agenda_items import (
    agenda_item,
    agenda_item_action,
    agenda_item_proposal,
    agenda_item_status,
    agenda_item_tips,
)
from .meetings import (
    agenda_build,
    agenda_item_add,
    agenda_item_remove,
    meeting_close,
    meeting_detail,
)
from .members import (
    worktable_mailing_list,
    worktable_mailing_list_remove,
    worktable_member_remove,
    worktable_member_role,
    worktable_members,
)
from .minutes_pages import minutes, minutes_pdf
from .planning import agenda_item_invite, attendance_record
from .tables import about, worktable_detail, worktable_list

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
