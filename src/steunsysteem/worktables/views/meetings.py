"""The meeting screen: the agenda, and for the chair the items to add, the invitations per
item and who was there; building the agenda from the questions and closing the meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens
from steunsysteem.directory.models import Organization

from .. import selectors, services
from ..constants import InvitationKind, MeetingStatus
from ..forms import AgendaItemAddForm, AttendanceForm, InvitationForm
from ..models import AgendaItem, Meeting, MeetingMinutes
from .base import require, visible_meeting


@never_cache
@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_page(request, visible_meeting(request, pk))


def meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    invitation_form: InvitationForm | None = None,
    attendance_form: AttendanceForm | None = None,
    add_form: AgendaItemAddForm | None = None,
) -> HttpResponse:
    """The agenda; for the chair also a theme or a case to add, the invitations per item and
    who was there. Each of those forms posts to its own small view below."""
    agenda = meeting.agenda.select_related("question").order_by("position")
    can_run = permissions.can_run_worktable(request.user, meeting.worktable)
    context = {"meeting": meeting, "agenda": agenda, "can_run": can_run}
    if can_run:
        context |= _table_planning(request, meeting, agenda, invitation_form, attendance_form)
        if meeting.status != MeetingStatus.CLOSED:
            context["add_form"] = add_form or AgendaItemAddForm()
            context["add_form_token"] = form_tokens.form_token(request, _add_purpose(meeting))
    return render(request, "worktables/meeting_detail.html", context)


def _add_purpose(meeting: Meeting) -> str:
    return f"agenda_item_add:{meeting.pk}"


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair puts a theme or a case without a participant on the agenda. Counts once: a
    double click adds one item."""
    meeting = visible_meeting(request, pk)
    require(permissions.can_run_worktable(request.user, meeting.worktable))
    form = AgendaItemAddForm(request.POST)
    if form.is_valid():

        def write() -> str:
            item = services.agenda_item_add(
                meeting=meeting, by=request.user, request=request, **form.cleaned_data
            )
            return reverse("worktables:meeting", args=[meeting.pk]) + f"#invite-{item.pk}"

        sent = form_tokens.submit_form_once(
            request,
            form,
            purpose=_add_purpose(meeting),
            write=write,
            errors=(services.MeetingError,),
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The item is on the agenda."))
    return meeting_page(request, meeting, add_form=form)


@login_required
@require_POST
def agenda_build(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    require(permissions.can_run_worktable(request.user, meeting.worktable))
    try:
        added = services.agenda_build(meeting=meeting, by=request.user, request=request)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(count)d questions were added to the agenda.") % {"count": added}
        )
    return redirect("worktables:meeting", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    """First the question: which items were not discussed, and what happens to them; then,
    on the chair's yes, the meeting closes."""
    meeting = visible_meeting(request, pk)
    require(permissions.can_run_worktable(request.user, meeting.worktable))
    if request.method == "GET":
        if meeting.status == MeetingStatus.CLOSED:
            return redirect("worktables:meeting", pk=meeting.pk)
        not_discussed = list(
            meeting.agenda.not_discussed().select_related("question").order_by("position")
        )
        return render(
            request,
            "worktables/meeting_close.html",
            {
                "meeting": meeting,
                "questions": [item for item in not_discussed if item.question_id],
                "themes_and_cases": [item for item in not_discussed if not item.question_id],
            },
        )
    try:
        services.meeting_close(meeting=meeting, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is closed."))
    return redirect("worktables:meeting", pk=meeting.pk)


@login_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = visible_meeting(request, pk)
    require(permissions.can_run_worktable(request.user, meeting.worktable))
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        services.agenda_item_remove(item=item, by=request.user, request=request)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The question is off this agenda; it comes back next time.")
            if item.question_id is not None
            else _("The item is off the agenda."),
        )
    return redirect("worktables:meeting", pk=meeting.pk)


def item_invitation_form(
    item: AgendaItem, data=None, *, shared: set[int], organizations: dict[str, Organization]
) -> InvitationForm:
    """The item's form offers whoever is not invited yet: the person while their question
    is shared with the table, and the suggested organisations that have an e-mail address.
    A posted form offers them all, so that a repeated POST is recognised by its spent token
    (and a real second invitation is refused by the service, with a clear message)."""
    invited = list(item.invitations.all()) if data is None else []
    kinds = {invitation.kind for invitation in invited}
    invited_organizations = {invitation.organization_id for invitation in invited}
    shared_now = item.question_id in shared
    return InvitationForm(
        data,
        item=item,
        person_invitable=shared_now and InvitationKind.PERSON not in kinds,
        guest_invitable=shared_now and InvitationKind.GUEST not in kinds,
        organizations=[
            organizations[pk]
            for pk in item.suggested_organization_ids
            if pk in organizations
            and organizations[pk].email
            and organizations[pk].pk not in invited_organizations
        ],
    )


def _invitation_order(invitation) -> tuple:
    """The person first, then their guest, then the organisations."""
    return ([*InvitationKind].index(invitation.kind), invitation.pk)


def _table_planning(request, meeting, agenda, invitation_form, attendance_form) -> dict:
    """For the chair: per item, who is invited and the form to invite more (with a one-time
    token each), and the tick list of who was there."""
    agenda = list(agenda.prefetch_related("invitations__organization"))
    shared = set(
        selectors.shared_with(meeting.worktable)
        .filter(pk__in=[item.question_id for item in agenda])
        .values_list("pk", flat=True)
    )
    organizations = {
        str(o.pk): o
        for o in Organization.objects.filter(
            pk__in={pk for item in agenda for pk in item.suggested_organization_ids}
        )
    }
    planning = []
    for item in agenda:
        form = (
            invitation_form
            if invitation_form is not None and invitation_form.prefix == f"item-{item.pk}"
            else item_invitation_form(item, shared=shared, organizations=organizations)
        )
        planning.append(
            {
                "item": item,
                "invitations": sorted(item.invitations.all(), key=_invitation_order),
                "form": form,
                "form_token": form_tokens.form_token(request, f"invite:{item.pk}"),
                "shared": item.question_id in shared,
                "without_address": [
                    organizations[pk].name
                    for pk in item.suggested_organization_ids
                    if pk in organizations and not organizations[pk].email
                ],
            }
        )
    return {
        "planning": planning,
        "attendance_form": attendance_form or AttendanceForm(meeting=meeting),
        "minutes_approved": MeetingMinutes.objects.filter(meeting=meeting).exists(),
    }
