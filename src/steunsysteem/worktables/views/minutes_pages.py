"""The minutes: a preview the chair approves and sends, the archived text, and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions

from .. import services
from ..minutes import meeting_minutes, minutes_checksum, minutes_text
from ..models import MeetingMinutes
from .base import require, visible_meeting


@never_cache
@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes: a preview for the chair to approve and send, then the archived text."""
    meeting = visible_meeting(request, pk)
    can_run = permissions.can_run_worktable(request.user, meeting.worktable)
    if request.method == "POST":
        require(can_run)
        try:
            services.minutes_approve(
                meeting=meeting,
                by=request.user,
                checked=request.POST.get("checked", ""),
                request=request,
            )
        except services.MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The minutes are approved and go to the mailing list."))
        return redirect("worktables:minutes", pk=meeting.pk)
    archived = MeetingMinutes.objects.filter(meeting=meeting).first()
    text = archived.text if archived else minutes_text(meeting_minutes(meeting))
    return render(
        request,
        "worktables/minutes.html",
        {
            "meeting": meeting,
            "archived": archived,
            "text": text,
            "checked": minutes_checksum(text),
            "can_approve": can_run and archived is None and meeting.status == "closed",
            "has_titles": meeting.agenda.filter(question__isnull=True).exists(),
        },
    )


@never_cache
@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    archived = get_object_or_404(MeetingMinutes, meeting=meeting)
    response = HttpResponse(bytes(archived.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="verslag-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.pdf"'
    )
    return response
