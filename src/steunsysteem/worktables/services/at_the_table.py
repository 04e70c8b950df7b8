"""The person at the table: invitations per agenda item (the person, someone they bring,
the suggested organisations), who was there, and the offers and tips for the minutes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.outbox.services import mail_queue
from steunsysteem.participants.constants import ContactRoute

from .. import selectors
from ..calendar import meeting_invitation_ics
from ..constants import InvitationKind, MeetingStatus
from ..models import (
    AgendaItem,
    AgendaItemTips,
    Attendance,
    Invitation,
    Meeting,
    MeetingMinutes,
)
from .meetings import MeetingError, _audit_meeting

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Organization, Service
    from steunsysteem.participants.models import Participant


def _person_email(participant: Participant) -> str:
    """The address the person agreed to be reached on by e-mail, or "" when they want to be
    reached another way (then their contact person passes the invitation on)."""
    if participant.contact_route == ContactRoute.EMAIL:
        candidates = [
            participant.contact_email,
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
    """The person's question is shared with the item's table now (their consent). A theme
    or a case is about no registered person: there is nobody to invite as "the person"."""
    if item.question_id is None:
        return False
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
    if about_the_person and item.question_id is None:
        raise MeetingError(
            _(
                "This item is not about a registered participant: there is no person to"
                " invite. Invite the organisations."
            )
        )
    if about_the_person and not _shared_with_table(item):
        raise MeetingError(
            _(
                "The person has not shared their question with this werktafel (or no longer"
                " does). Ask for their consent first."
            )
        )
    question = item.question if about_the_person else None
    participant = question.participant if question is not None else None
    person_email = _person_email(participant) if person and participant is not None else ""
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
            and invitation.agenda_item.question is not None
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
    names = [item.question.participant.name] if item.question is not None else []
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
    allowed = {service.pk for service in selectors.services_for_item(item)}
    if current is not None:
        allowed |= set(current.services.values_list("pk", flat=True))
    if chosen - allowed:
        raise MeetingError(_("Choose from the services shown for this item."))
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
        _check_open_for_changes(meeting)
        tips, _created = AgendaItemTips.objects.update_or_create(
            agenda_item=item,
            defaults={"text": text, "updated_at": timezone.now(), "updated_by": by},
        )
        tips.services.set(list(services))
        _audit_meeting(meeting, by, ["agenda.tips"], request)
    return tips


#
