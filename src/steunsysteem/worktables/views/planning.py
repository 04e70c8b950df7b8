"""The person at the table: the chair invites the person, their guest and organisations for
a question's time slot, and records who was there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens
from steunsysteem.directory.models import Organization

from .. import selectors, services
from ..constants import InvitationKind
from ..forms import AttendanceForm
from .base import item_to_run, require, visible_meeting
from .meetings import item_invitation_form, meeting_page


@login_required
@require_POST
def agenda_item_invite(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Invite for one question's time slot. Counts once: a double click sends one set."""
    item = item_to_run(request, pk, item_pk)
    organizations = {
        str(o.pk): o for o in Organization.objects.filter(pk__in=item.suggested_organization_ids)
    }
    shared = set(
        selectors.shared_with(item.meeting.worktable)
        .filter(pk=item.question_id)
        .values_list("pk", flat=True)
    )
    form = item_invitation_form(item, request.POST, shared=shared, organizations=organizations)
    if form.is_valid():
        invitations: list = []

        def write() -> str:
            invitations.extend(
                services.invitations_send(
                    item=item, by=request.user, request=request, **form.cleaned_data
                )
            )
            return reverse("worktables:meeting", args=[item.meeting_id]) + f"#invite-{item.pk}"

        sent = form_tokens.submit_form_once(
            request, form, purpose=f"invite:{item.pk}", write=write, errors=(services.MeetingError,)
        )
        if sent is not None:
            if sent.first:
                _invitations_message(request, invitations)
            else:
                messages.info(request, form_tokens.ALREADY_SENT)
            return redirect(sent.redirect_to)
    return meeting_page(request, item.meeting, invitation_form=form)


def _invitations_message(request: HttpRequest, invitations) -> None:
    mailed = sum(1 for invitation in invitations if invitation.sent_at is not None)
    messages.success(
        request,
        ngettext(
            "%(count)d invitation with the time slot was sent.",
            "%(count)d invitations with the time slot were sent.",
            mailed,
        )
        % {"count": mailed},
    )
    if any(i.kind == InvitationKind.PERSON and i.sent_at is None for i in invitations):
        messages.warning(
            request,
            _(
                "The person does not want to be reached by e-mail. Their invitation is saved:"
                " ask their contact person to tell them the time."
            ),
        )


@login_required
@require_POST
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    require(permissions.can_run_worktable(request.user, meeting.worktable))
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                present_members=form.cleaned_data["members"],
                present_invitations=form.cleaned_data.get("invitations", []),
                by=request.user,
                request=request,
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Who was there is saved."))
            return redirect(reverse("worktables:meeting", args=[meeting.pk]) + "#attendance")
    return meeting_page(request, meeting, attendance_form=form)
