"""What the werktafel pages share: the meeting or agenda item asked for, once the user may
see it (``accounts.permissions``), and the refusal when they may not."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from steunsysteem.accounts import permissions

from ..models import AgendaItem, Meeting


def require(allowed: bool) -> None:
    """Refuse the page (403) unless ``accounts.permissions`` said yes."""
    if not allowed:
        raise PermissionDenied


def visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    """The meeting, for a member of its werktafel."""
    meeting = get_object_or_404(Meeting.objects.select_related("worktable"), pk=pk)
    require(permissions.can_view_worktable(request.user, meeting.worktable))
    return meeting


def visible_agenda_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    """An item of the meeting, for whoever may see it (``can_view_agenda_item``)."""
    meeting = visible_meeting(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("question__participant", "meeting__worktable"),
        pk=item_pk,
        meeting=meeting,
    )
    require(permissions.can_view_agenda_item(request.user, item))
    return item


def item_to_run(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    """An item of the meeting, for the chair who records what the table did with it."""
    item = visible_agenda_item(request, pk, item_pk)
    require(permissions.can_run_worktable(request.user, item.meeting.worktable))
    return item


def back_to_item(item: AgendaItem) -> HttpResponse:
    return redirect("worktables:agenda_item", pk=item.meeting_id, item_pk=item.pk)
