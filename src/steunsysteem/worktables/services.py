"""Writes for werktafel meetings: planning, building the agenda, recording proposals and
actions, closing. Each runs in one transaction; changes to a question go through
``questions.services.question_status_change`` (dated, attributed, audited)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.services import account_change_record
from steunsysteem.outbox.services import mail_queue
from steunsysteem.participants.constants import ContactRoute
from steunsysteem.questions.constants import TRANSITIONS, QuestionStatus, Urgency
from steunsysteem.questions.notifications import proposal_news_send
from steunsysteem.questions.services import question_status_change

from . import selectors
from .calendar import meeting_invitation_ics
from .constants import AgendaItemKind, InvitationKind, MeetingStatus, WorktableRole
from .minutes import meeting_minutes, minutes_checksum, minutes_pdf, minutes_text
from .models import (
    Action,
    AgendaItem,
    AgendaItemTips,
    Attendance,
    Invitation,
    MailingListEntry,
    Meeting,
    MeetingMinutes,
    Worktable,
    WorktableMembership,
)
from .notifications import action_assigned_send

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Organization, Service
    from steunsysteem.participants.models import Participant

    from .models import Worktable


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
    made", without one it was discussed and comes back."""
    proposal = proposal.strip()
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("question").get(pk=item.pk)
        question = item.question
        if question.status == QuestionStatus.ON_AGENDA:
            question = question_status_change(
                question=question, to=QuestionStatus.DISCUSSED, by=by, request=request
            )
        if proposal and question.status == QuestionStatus.DISCUSSED:
            question_status_change(
                question=question, to=QuestionStatus.PROPOSAL_MADE, by=by, request=request
            )
        is_news = bool(proposal) and proposal != item.proposal
        item.proposal = proposal
        item.discussed_at = item.discussed_at or timezone.now()
        item.save(update_fields=["proposal", "discussed_at"])
        _meeting_started(item.meeting)
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
    by ``question_status_change``); the meeting is then in progress."""
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
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=item.question.participant,
            fields=["questions.action"],
            request=request,
        )
        action_assigned_send(action=action, by=by)
    return action


def action_complete(*, action: Action, by: User, request: HttpRequest | None = None) -> Action:
    """Mark an action done; done once, so a second click changes nothing."""
    with transaction.atomic():
        action = Action.objects.select_for_update().select_related("question").get(pk=action.pk)
        if action.done_at is None:
            action.done_at = timezone.now()
            action.save(update_fields=["done_at"])
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                obj=action.question.participant,
                fields=["questions.action"],
                request=request,
            )
    return action


def agenda_item_remove(*, item: AgendaItem, by: User, request: HttpRequest | None = None) -> None:
    """The coordinator takes a question off this meeting's agenda; it comes back next time."""
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if item.meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        if item.discussed_at is not None:
            raise MeetingError(_("This question was discussed already."))
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


# The person at the table: invitations per agenda item, who was there, tips for the minutes --


def _person_email(participant: Participant) -> str:
    """The address the person agreed to be reached on by e-mail, or "" when they want to be
    reached another way (then their contact person passes the invitation on)."""
    if participant.contact_route == ContactRoute.EMAIL:
        candidates = [
            participant.contact_detail,
            participant.user.email if participant.user else "",
        ]
    elif participant.contact_route == ContactRoute.PORTAL and participant.user:
        candidates = [participant.user.email]
    else:
        return ""
    for candidate in candidates:
        try:
            validate_email(candidate.strip())
        except ValidationError:
            continue
        return candidate.strip()
    return ""


def _shared_with_table(item: AgendaItem) -> bool:
    """The person's question is shared with the item's table now (their consent)."""
    return selectors.shared_with(item.meeting.worktable).filter(pk=item.question_id).exists()


def _check_open_for_changes(meeting: Meeting) -> None:
    if MeetingMinutes.objects.filter(meeting=meeting).exists():
        raise MeetingError(_("The minutes were approved already: this no longer changes."))


def invitations_send(
    *,
    item: AgendaItem,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    person: bool,
    guest_name: str = "",
    guest_email: str = "",
    organizations: Sequence[Organization] = (),
    by: User,
    request: HttpRequest | None = None,
) -> list[Invitation]:
    """The chair invites, for one agenda item's time slot within the meeting: the person
    concerned, someone they bring (a guest without an account) and organisations suggested
    for the question. Each invitation is stored and mailed with an iCalendar slot.

    The person (and their guest) only while their question is shared with this table (their
    consent for questions). The mails hold the table's name, the time and the place; the
    person's adds that it is about their question. Never a name, a case number or the
    question. Without an e-mail address the person agreed to, their invitation is stored
    unsent: their contact person tells them.
    """
    meeting = item.meeting
    guest_name, guest_email = guest_name.strip(), guest_email.strip()
    if meeting.status == MeetingStatus.CLOSED:
        raise MeetingError(_("This meeting is closed."))
    if ends_at <= starts_at or starts_at < meeting.starts_at or ends_at > meeting.ends_at:
        raise MeetingError(
            _("Choose a time slot within the meeting, from %(start)s to %(end)s.")
            % {
                "start": f"{timezone.localtime(meeting.starts_at):%H:%M}",
                "end": f"{timezone.localtime(meeting.ends_at):%H:%M}",
            }
        )
    if bool(guest_name) != bool(guest_email):
        raise MeetingError(_("Give both the guest's name and their e-mail address."))
    if guest_email:
        try:
            validate_email(guest_email)
        except ValidationError as error:
            raise MeetingError(_("The guest's e-mail address is not valid.")) from error
    if not (person or guest_name or organizations):
        raise MeetingError(_("Choose whom to invite."))
    suggested = set(item.suggested_organization_ids)
    for organization in organizations:
        if str(organization.pk) not in suggested:
            raise MeetingError(_("Choose from the organisations suggested for this question."))
        if not organization.email:
            raise MeetingError(
                _("%(organization)s has no e-mail address on the sociale kaart.")
                % {"organization": organization.name}
            )
    about_the_person = person or bool(guest_name)
    if about_the_person and not _shared_with_table(item):
        raise MeetingError(
            _(
                "The person has not shared their question with this werktafel (or no longer"
                " does). Ask for their consent first."
            )
        )
    participant = item.question.participant
    person_email = _person_email(participant) if person else ""
    now = timezone.now()
    slot = {"starts_at": starts_at, "ends_at": ends_at, "invited_by": by}
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
        if item.meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        already = list(item.invitations.all())
        kinds = {invitation.kind for invitation in already}
        if person and InvitationKind.PERSON in kinds:
            raise MeetingError(_("The person was invited already for this question."))
        if guest_name and InvitationKind.GUEST in kinds:
            raise MeetingError(_("A guest was invited already for this question."))
        if guest_name and not person and InvitationKind.PERSON not in kinds:
            raise MeetingError(_("Invite the person too: a guest comes along with them."))
        invited_organizations = {invitation.organization_id for invitation in already}
        for organization in organizations:
            if organization.pk in invited_organizations:
                raise MeetingError(
                    _("%(organization)s was invited already for this question.")
                    % {"organization": organization.name}
                )
        invitations = []
        if person:
            invitations.append(
                Invitation.objects.create(
                    agenda_item=item,
                    kind=InvitationKind.PERSON,
                    sent_at=now if person_email else None,
                    **slot,
                )
            )
        if guest_name:
            invitations.append(
                Invitation.objects.create(
                    agenda_item=item,
                    kind=InvitationKind.GUEST,
                    guest_name=guest_name,
                    email=guest_email,
                    sent_at=now,
                    **slot,
                )
            )
        for organization in organizations:
            invitations.append(
                Invitation.objects.create(
                    agenda_item=item,
                    kind=InvitationKind.ORGANIZATION,
                    organization=organization,
                    email=organization.email,
                    sent_at=now,
                    **slot,
                )
            )
        _audit_meeting(meeting, by, ["invitations"], request, action=AuditAction.CREATE)
        if about_the_person:
            fields = ["worktables.invitation"]
            if person_email:
                fields.append("contact_detail")
            audit_record(
                actor=by, action=AuditAction.CREATE, obj=participant, fields=fields, request=request
            )
        for invitation in invitations:
            address = person_email if invitation.kind == InvitationKind.PERSON else invitation.email
            if address:
                _invitation_mail(invitation, meeting=meeting, to=address)
    return invitations


def _invitation_mail(invitation: Invitation, *, meeting: Meeting, to: str) -> None:
    """Queue (after commit) one invitation with its slot for the calendar: the table's name,
    the time and the place only."""
    worktable = meeting.worktable
    ics = meeting_invitation_ics(
        uid=f"werktafel-uitnodiging-{invitation.pk}@{settings.SITE_URL.split('//')[-1]}",
        title=str(worktable),
        starts_at=invitation.starts_at,
        ends_at=invitation.ends_at,
        location=meeting.location,
        organizer_email=settings.DEFAULT_FROM_EMAIL,
    )
    starts_at = timezone.localtime(invitation.starts_at)
    mail_queue(
        to=[to],
        subject=str(
            _("Invitation: %(table)s, %(date)s at %(time)s")
            % {"table": worktable, "date": f"{starts_at:%d-%m-%Y}", "time": f"{starts_at:%H:%M}"}
        ),
        body=render_to_string(
            "worktables/invitation_slot.txt",
            {
                "worktable": worktable,
                "location": meeting.location,
                "starts_at": starts_at,
                "ends_at": timezone.localtime(invitation.ends_at),
                "for_the_person": invitation.kind == InvitationKind.PERSON,
            },
        ),
        attachments=[("uitnodiging.ics", ics, "text/calendar; method=REQUEST")],
    )


def attendance_record(
    *,
    meeting: Meeting,
    present_members: Iterable[User],
    present_invitations: Iterable[Invitation],
    by: User,
    request: HttpRequest | None = None,
) -> int:
    """The chair records who was there: every member of the table and everyone invited for
    an item, present or not (the tick list as a whole). Returns how many were there. Until
    the minutes are approved; the minutes name the organisations of those present."""
    member_ids = {user.pk for user in present_members}
    invitation_ids = {invitation.pk for invitation in present_invitations}
    members = list(meeting.worktable.members.all())
    invitations = list(
        Invitation.objects.filter(agenda_item__meeting=meeting).select_related(
            "agenda_item__question__participant"
        )
    )
    if member_ids - {member.pk for member in members}:
        raise MeetingError(_("Choose someone who sits at this werktafel."))
    if invitation_ids - {invitation.pk for invitation in invitations}:
        raise MeetingError(_("Choose from the people invited for this meeting."))
    now = timezone.now()
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_open_for_changes(meeting)
        for member in members:
            Attendance.objects.update_or_create(
                meeting=meeting,
                member=member,
                defaults={
                    "present": member.pk in member_ids,
                    "recorded_at": now,
                    "recorded_by": by,
                },
            )
        for invitation in invitations:
            Attendance.objects.update_or_create(
                meeting=meeting,
                invitation=invitation,
                defaults={
                    "present": invitation.pk in invitation_ids,
                    "recorded_at": now,
                    "recorded_by": by,
                },
            )
        _audit_meeting(meeting, by, ["attendance"], request)
        participants = {
            invitation.agenda_item.question.participant
            for invitation in invitations
            if invitation.kind != InvitationKind.ORGANIZATION
        }
        for participant in sorted(participants, key=lambda p: p.pk):
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                obj=participant,
                fields=["worktables.attendance"],
                request=request,
            )
    return len(member_ids) + len(invitation_ids)


_NOT_A_NAME = {"de", "den", "der", "van", "ten", "ter", "het", "een", "von", "el", "al"}


def _names_in(text: str, item: AgendaItem) -> bool:
    """Whether ``text`` holds the person's name (or a part of it) or their guest's."""
    names = [item.question.participant.name]
    names += [i.guest_name for i in item.invitations.filter(kind=InvitationKind.GUEST)]
    words = set(re.findall(r"\w+", text.casefold()))
    return any(
        part in words
        for name in names
        for part in re.findall(r"\w+", name.casefold())
        if len(part) > 2 and part not in _NOT_A_NAME
    )


def agenda_item_tips_set(
    *,
    item: AgendaItem,
    services: Sequence[Service],
    text: str,
    by: User,
    request: HttpRequest | None = None,
) -> AgendaItemTips:
    """The offers (from the fitting services on the meeting screen) and a short tip that
    came up for this item, for the minutes. They name no one: a text with the person's or
    their guest's name is refused. Until the minutes are approved."""
    text = text.strip()
    if _names_in(text, item):
        raise MeetingError(
            _("Leave names out of the tip: the minutes go to everyone on the mailing list.")
        )
    chosen = {service.pk for service in services}
    current = AgendaItemTips.objects.filter(agenda_item=item).first()
    allowed = {service.pk for service in selectors.services_for(item.question)}
    if current is not None:
        allowed |= set(current.services.values_list("pk", flat=True))
    if chosen - allowed:
        raise MeetingError(_("Choose from the services shown for this question."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        _check_open_for_changes(meeting)
        tips, _created = AgendaItemTips.objects.update_or_create(
            agenda_item=item,
            defaults={"text": text, "updated_at": timezone.now(), "updated_by": by},
        )
        tips.services.set(sorted(chosen))
        _audit_meeting(meeting, by, ["agenda.tips"], request)
    return tips


# Who sits at the table, and who gets its minutes ------------------------------------------
#
# A seat opens what participants shared with the table, so every change of one is an entry
# on the member's account, the way the admin records it (``account_change_record``).
# A mailing-list address gets only the minutes, which name no one; its changes are entries
# on the werktafel. Each change locks the table's row, so two chairs working at the same
# time cannot together take away its last chair.


class MembershipError(Exception):
    """A change to a table's members or mailing list that cannot be made; the message says
    why."""


def _locked_worktable(worktable: Worktable) -> Worktable:
    return Worktable.objects.select_for_update().get(pk=worktable.pk)


def _check_role(user: User, role: str) -> None:
    if role not in WorktableRole.values:
        raise MembershipError(_("Choose a role at the table."))
    if role == WorktableRole.CHAIR and user.role != Role.COORDINATOR:
        raise MembershipError(_("Only a coordinator can chair a werktafel."))


def _is_last_chair(membership: WorktableMembership) -> bool:
    return (
        membership.role == WorktableRole.CHAIR
        and not WorktableMembership.objects.filter(
            worktable_id=membership.worktable_id, role=WorktableRole.CHAIR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def worktable_member_add(
    *,
    worktable: Worktable,
    user: User,
    role: str,
    by: User,
    request: HttpRequest | None = None,
) -> WorktableMembership:
    """Give a professional or coordinator a seat at the table, in a role."""
    if not permissions.can_sit_at_worktable(user):
        raise MembershipError(_("Only professionals and coordinators can sit at a werktafel."))
    _check_role(user, role)
    with transaction.atomic():
        worktable = _locked_worktable(worktable)
        if WorktableMembership.objects.filter(worktable=worktable, user=user).exists():
            raise MembershipError(
                _("%(name)s already sits at this werktafel.")
                % {"name": user.get_full_name() or user.username}
            )
        membership = WorktableMembership.objects.create(worktable=worktable, user=user, role=role)
        account_change_record(user=user, fields=["worktables"], by=by, request=request)
    return membership


def worktable_member_role_change(
    *,
    membership: WorktableMembership,
    role: str,
    by: User,
    request: HttpRequest | None = None,
) -> WorktableMembership:
    """Change someone's role at the table. The last chair stays chair until another one is
    chosen. The same role again changes and records nothing."""
    with transaction.atomic():
        _locked_worktable(membership.worktable)
        membership = WorktableMembership.objects.select_related("user").get(pk=membership.pk)
        if membership.role == role:
            return membership
        _check_role(membership.user, role)
        if _is_last_chair(membership):
            raise MembershipError(
                _("A werktafel needs a chair. First make someone else chair, then change this.")
            )
        membership.role = role
        membership.save(update_fields=["role"])
        account_change_record(user=membership.user, fields=["worktables"], by=by, request=request)
    return membership


def worktable_member_remove(
    *, membership: WorktableMembership, by: User, request: HttpRequest | None = None
) -> None:
    """Take someone off the table: what participants shared with the table closes for them
    at once. The last chair cannot be taken off."""
    with transaction.atomic():
        _locked_worktable(membership.worktable)
        membership = (
            WorktableMembership.objects.select_related("user").filter(pk=membership.pk).first()
        )
        if membership is None:
            return
        if _is_last_chair(membership):
            raise MembershipError(
                _(
                    "A werktafel needs a chair. First make someone else chair, then take this"
                    " one off."
                )
            )
        membership.delete()
        account_change_record(user=membership.user, fields=["worktables"], by=by, request=request)


def mailing_list_add(
    *, worktable: Worktable, email: str, by: User, request: HttpRequest | None = None
) -> MailingListEntry:
    """Put a work address on the table's mailing list (it gets the minutes). Addresses are
    kept in small letters, so the same address is never on the list twice."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise MembershipError(_("Fill in a valid e-mail address.")) from error
    with transaction.atomic():
        worktable = _locked_worktable(worktable)
        if worktable.mailing_list.filter(email__iexact=email).exists():
            raise MembershipError(_("%(email)s is already on the mailing list.") % {"email": email})
        if worktable.members.filter(email__iexact=email).exists():
            raise MembershipError(
                _("Someone at the table has the address %(email)s: they get the minutes already.")
                % {"email": email}
            )
        entry = MailingListEntry.objects.create(worktable=worktable, email=email)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=worktable,
            fields=["mailing_list"],
            request=request,
        )
    return entry


def mailing_list_remove(
    *, entry: MailingListEntry, by: User, request: HttpRequest | None = None
) -> None:
    """Take an address off the mailing list; it gets no more minutes."""
    with transaction.atomic():
        worktable = _locked_worktable(entry.worktable)
        deleted, _rows = MailingListEntry.objects.filter(pk=entry.pk).delete()
        if deleted:
            audit_record(
                actor=by,
                action=AuditAction.DELETE,
                obj=worktable,
                fields=["mailing_list"],
                request=request,
            )
