"""Meetings: planning, building the agenda (urgent questions first), recording the
proposal, status and actions, closing and approving the minutes. Each runs in one short
transaction; changes to a question go through ``questions.services.question_status_change``
(dated, attributed, audited)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.outbox.services import mail_queue
from steunsysteem.questions.constants import TRANSITIONS, QuestionStatus, Urgency
from steunsysteem.questions.notifications import proposal_news_send
from steunsysteem.questions.services import question_status_change

from .. import selectors
from ..calendar import meeting_invitation_ics
from ..constants import AgendaItemKind, MeetingStatus
from ..minutes import meeting_minutes, minutes_checksum, minutes_pdf, minutes_text
from ..models import (
    Action,
    AgendaItem,
    Meeting,
    MeetingMinutes,
    Worktable,
)
from ..notifications import action_assigned_send

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User


class MeetingError(Exception):
    """A meeting step that cannot be taken; the message says why."""


def meeting_plan(
    *, worktable: Worktable, starts_at: dt.datetime, ends_at: dt.datetime, location: str, by: User
) -> Meeting:
    """Plan a meeting and send everyone at the table an invitation for their calendar."""
    if ends_at <= starts_at:
        raise MeetingError(_("The meeting has to end after it starts."))
    with transaction.atomic():
        meeting = Meeting.objects.create(
            worktable=worktable, starts_at=starts_at, ends_at=ends_at, location=location
        )
        meeting_invite(meeting=meeting, by=by)
    return meeting


def agenda_build(*, meeting: Meeting, by: User, request: HttpRequest | None = None) -> int:
    """Put new questions and due follow-ups of this table on the agenda; returns how many.

    New questions go "on the agenda"; follow-ups (an action due, or no news for eight weeks)
    come back on it. Urgent questions come first. Each item gets the organisations that
    should be at the table. The candidates and suggestions are worked out before the short
    transaction that writes them.
    """
    if meeting.status == MeetingStatus.CLOSED:
        raise MeetingError(_("This meeting is closed."))
    worktable = meeting.worktable
    already = set(meeting.agenda.values_list("question_id", flat=True))
    candidates: dict[int, tuple] = {}
    for question, kind in [
        *((q, AgendaItemKind.NEW) for q in selectors.new_questions(worktable)),
        *((q, AgendaItemKind.FOLLOW_UP) for q in selectors.follow_ups(worktable, meeting)),
    ]:
        if question.pk not in already and question.pk not in candidates:
            candidates[question.pk] = (question, kind)
    ordered = sorted(
        candidates.values(), key=lambda candidate: candidate[0].urgency != Urgency.URGENT
    )
    suggestions = {
        question.pk: [str(o.pk) for o in selectors.suggested_organizations(question)]
        for question, _kind in ordered
    }
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        position = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
        for question, kind in ordered:
            position += 1
            AgendaItem.objects.create(
                meeting=meeting,
                question=question,
                kind=kind,
                position=position,
                suggested_organization_ids=suggestions[question.pk],
            )
            if (
                question.status != QuestionStatus.ON_AGENDA
                and QuestionStatus.ON_AGENDA in (TRANSITIONS[question.status])
            ):
                question_status_change(
                    question=question, to=QuestionStatus.ON_AGENDA, by=by, request=request
                )
        if ordered:
            _audit_meeting(meeting, by, ["agenda"], request, action=AuditAction.CREATE)
    return len(ordered)


def _audit_meeting(
    meeting: Meeting,
    by: User,
    fields: list[str],
    request: HttpRequest | None,
    action: str = AuditAction.UPDATE,
) -> None:
    audit_record(actor=by, action=action, obj=meeting, fields=fields, request=request)


def _meeting_started(meeting: Meeting) -> None:
    """The first thing recorded during a planned meeting shows it is in progress."""
    Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.PLANNED).update(
        status=MeetingStatus.RUNNING
    )


def agenda_item_record(
    *, item: AgendaItem, proposal: str, by: User, request: HttpRequest | None = None
) -> AgendaItem:
    """The table discussed the question; with a concrete proposal it moves on to "proposal
    made", without one it was discussed and comes back. For a theme or a case the text is
    what the table agreed: no question moves on and nobody is told."""
    proposal = proposal.strip()
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("question")
            .get(pk=item.pk)
        )
        question = item.question
        if question is not None and question.status == QuestionStatus.ON_AGENDA:
            question = question_status_change(
                question=question, to=QuestionStatus.DISCUSSED, by=by, request=request
            )
        if question is not None and proposal and question.status == QuestionStatus.DISCUSSED:
            question_status_change(
                question=question, to=QuestionStatus.PROPOSAL_MADE, by=by, request=request
            )
        is_news = bool(proposal) and proposal != item.proposal
        item.proposal = proposal
        item.discussed_at = item.discussed_at or timezone.now()
        item.save(update_fields=["proposal", "discussed_at"])
        _meeting_started(item.meeting)
        if question is None:
            _audit_meeting(item.meeting, by, ["agenda.discussion"], request)
            return item
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=question.participant,
            fields=["questions.proposal"],
            request=request,
        )
        if is_news:
            proposal_news_send(question=question, by=by)
    return item


def agenda_item_status_change(
    *,
    item: AgendaItem,
    to: str,
    by: User,
    outcome: str = "",
    closed_reason: str = "",
    request: HttpRequest | None = None,
) -> None:
    """The table moves the question on from the meeting screen (dated, attributed, audited
    by ``question_status_change``); the meeting is then in progress. A theme or a case has
    no status of its own."""
    if item.question is None:
        raise MeetingError(_("This item is not a question: it has no status to change."))
    with transaction.atomic():
        question_status_change(
            question=item.question,
            to=to,
            outcome=outcome,
            closed_reason=closed_reason,
            by=by,
            request=request,
        )
        _meeting_started(item.meeting)


def action_add(
    *,
    item: AgendaItem,
    owner: User,
    what: str,
    due_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> Action:
    what = what.strip()
    if not what:
        raise MeetingError(_("Say what has to be done."))
    if due_on < timezone.localdate():
        raise MeetingError(_("The date has already passed."))
    if not item.meeting.worktable.members.filter(pk=owner.pk).exists():
        raise MeetingError(_("Choose someone who sits at this werktafel."))
    with transaction.atomic():
        action = Action.objects.create(
            question=item.question, agenda_item=item, owner=owner, what=what, due_on=due_on
        )
        _meeting_started(item.meeting)
        _audit_action(action, by, AuditAction.CREATE, request)
        action_assigned_send(action=action, by=by)
    return action


def _audit_action(action: Action, by: User, kind: str, request: HttpRequest | None) -> None:
    """An action for a question is a change to the person's record; one for a theme or a
    case, to the meeting's agenda."""
    if action.question is not None:
        audit_record(
            actor=by,
            action=kind,
            obj=action.question.participant,
            fields=["questions.action"],
            request=request,
        )
    elif action.agenda_item is not None:  # the model's constraint: one of the two is set
        _audit_meeting(action.agenda_item.meeting, by, ["agenda.action"], request, action=kind)


def action_complete(*, action: Action, by: User, request: HttpRequest | None = None) -> Action:
    """Mark an action done; done once, so a second click changes nothing."""
    with transaction.atomic():
        action = (
            Action.objects.select_for_update(of=("self",))
            .select_related("question__participant", "agenda_item__meeting")
            .get(pk=action.pk)
        )
        if action.done_at is None:
            action.done_at = timezone.now()
            action.save(update_fields=["done_at"])
            _audit_action(action, by, AuditAction.UPDATE, request)
    return action


def agenda_item_remove(*, item: AgendaItem, by: User, request: HttpRequest | None = None) -> None:
    """The coordinator takes a question off this meeting's agenda; it comes back next time.
    A theme or a case goes off the agenda for good, unless actions were agreed for it."""
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if item.meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        if item.discussed_at is not None:
            if item.question_id is None:
                raise MeetingError(_("This item was discussed already."))
            raise MeetingError(_("This question was discussed already."))
        if item.question_id is None and item.actions.exists():
            raise MeetingError(_("Actions were agreed for this item: it stays on the agenda."))
        item.delete()
        _audit_meeting(item.meeting, by, ["agenda"], request)


def meeting_close(*, meeting: Meeting, by: User, request: HttpRequest | None = None) -> Meeting:
    """Close the meeting. Questions not discussed come back on the next agenda."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        meeting.status = MeetingStatus.CLOSED
        meeting.save(update_fields=["status"])
        _audit_meeting(meeting, by, ["status"], request)
    return meeting


def meeting_invite(*, meeting: Meeting, by: User) -> int:
    """Mail everyone at the table an invitation with an iCalendar attachment."""
    recipients = [member.email for member in meeting.worktable.members.all() if member.email]
    ics = meeting_invitation_ics(
        uid=f"werktafel-overleg-{meeting.pk}@{settings.SITE_URL.split('//')[-1]}",
        title=str(meeting.worktable),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        organizer_email=settings.DEFAULT_FROM_EMAIL,
    )
    mail_queue(
        to=recipients,
        subject=str(_("Invitation: %(table)s") % {"table": meeting.worktable}),
        body=render_to_string("worktables/invitation.txt", {"meeting": meeting}),
        attachments=[("uitnodiging.ics", ics, "text/calendar; method=REQUEST")],
    )
    return len(recipients)


def minutes_approve(
    *,
    meeting: Meeting,
    by: User,
    checked: str | None = None,
    request: HttpRequest | None = None,
) -> MeetingMinutes:
    """The chair approves the minutes of a closed meeting: they are archived as PDF and
    mailed to the mailing list and everyone at the table (through the outbox).

    ``checked`` is the ``minutes_checksum`` of the preview the chair read: when who was there
    or a tip changed since, nothing is sent and the chair checks again, so what goes out is
    what was checked. The text and PDF are made before the short transaction that archives
    them, and the checks are repeated under the lock."""
    meeting = Meeting.objects.select_related("worktable").get(pk=meeting.pk)
    if meeting.status != MeetingStatus.CLOSED:
        raise MeetingError(_("Close the meeting before approving the minutes."))
    content = meeting_minutes(meeting)
    text = minutes_text(content)
    if checked is not None and checked != minutes_checksum(text):
        raise MeetingError(
            _("The minutes changed since you read them. Check them again, then approve.")
        )
    pdf = minutes_pdf(content)
    recipients = sorted(
        {entry.email for entry in meeting.worktable.mailing_list.all()}
        | {member.email for member in meeting.worktable.members.all() if member.email}
    )
    day = timezone.localdate(meeting.starts_at)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.CLOSED:
            raise MeetingError(_("Close the meeting before approving the minutes."))
        if MeetingMinutes.objects.filter(meeting=meeting).exists():
            raise MeetingError(_("These minutes were approved already."))
        archived = MeetingMinutes.objects.create(
            meeting=meeting,
            approved_at=timezone.now(),
            approved_by=by,
            text=text,
            pdf=pdf,
            recipients=len(recipients),
        )
        _audit_meeting(meeting, by, ["minutes"], request, action=AuditAction.CREATE)
        mail_queue(
            to=recipients,
            subject=str(
                _("Minutes: %(table)s, %(date)s")
                % {"table": meeting.worktable, "date": day.strftime("%d-%m-%Y")}
            ),
            body=text,
            attachments=[(f"verslag-{day:%Y-%m-%d}.pdf", pdf, "application/pdf")],
        )
    return archived
