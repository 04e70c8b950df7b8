"""Writes to telephone circles. Each runs in one transaction with its audit entry (fields
named, never values); the mail about a missed call goes out after the commit and names no
one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.outbox.services import mail_queue

from .constants import Frequency
from .models import Absence, CallReport, Circle, CircleMember
from .schedule import circle_day

if TYPE_CHECKING:
    from steunsysteem.accounts.models import User
    from steunsysteem.participants.models import Participant

MEMBER_FIELDS = ["first_name", "phone", "position", "agreed_on"]


class CircleError(Exception):
    """A change to a circle that cannot be made; the message says why."""


def circle_create(
    *,
    name: str,
    coordinator_phone: str,
    frequency: str,
    call_time: dt.time,
    by: User,
    weekday: int | None = None,
) -> Circle:
    """A coordinator forms a new circle; they are the one the last caller calls."""
    if not permissions.can_run_circles(by):
        raise CircleError(_("Only a coordinator forms a telephone circle."))
    if not name.strip() or not coordinator_phone.strip():
        raise CircleError(_("Give the circle a name and your phone number."))
    if frequency == Frequency.WEEKLY and weekday is None:
        raise CircleError(_("Choose the day of the week."))
    with transaction.atomic():
        circle = Circle.objects.create(
            name=name.strip(),
            coordinator=by,
            coordinator_phone=coordinator_phone.strip(),
            frequency=frequency,
            weekday=weekday if frequency == Frequency.WEEKLY else None,
            call_time=call_time,
        )
        audit_record(actor=by, action=AuditAction.CREATE, obj=circle, fields=["name"])
    return circle


def circle_member_add(
    *,
    circle: Circle,
    first_name: str,
    phone: str,
    agreed_on: dt.date,
    by: User,
    participant: Participant | None = None,
    volunteer: User | None = None,
) -> CircleMember:
    """Add a participant (whose consent for basic details to the coordinator is in force) or
    a volunteer at the end of the order. The person agreed that their neighbours in the
    circle see their first name and number."""
    if not permissions.can_run_circle(by, circle):
        raise CircleError(_("Only the circle's coordinator adds members."))
    if (participant is None) == (volunteer is None):
        raise CircleError(_("Choose a participant or a volunteer."))
    if participant is not None and not permissions.can_be_circle_member(participant, circle):
        raise CircleError(
            _("This person has not given you consent for their basic details (or it ended).")
        )
    if volunteer is not None and (volunteer.role != Role.VOLUNTEER or not volunteer.is_active):
        raise CircleError(_("Choose an active volunteer account."))
    if volunteer is not None and not permissions.can_be_circle_volunteer(volunteer, circle):
        raise CircleError(_("Choose a volunteer of your own organisation."))
    if not first_name.strip() or not phone.strip():
        raise CircleError(_("Fill in a first name and a phone number."))
    if agreed_on > timezone.localdate():
        raise CircleError(_("The day the person agreed cannot be in the future."))
    members = circle.members.active()
    if (participant and members.filter(participant=participant).exists()) or (
        volunteer and members.filter(volunteer=volunteer).exists()
    ):
        raise CircleError(_("This person is already in the circle."))
    with transaction.atomic():
        Circle.objects.select_for_update().get(pk=circle.pk)
        last = circle.members.active().aggregate(last=Max("position"))["last"] or 0
        member = CircleMember.objects.create(
            circle=circle,
            position=last + 1,
            participant=participant,
            volunteer=volunteer,
            first_name=first_name.strip(),
            phone=phone.strip(),
            agreed_on=agreed_on,
            joined_at=timezone.now(),
        )
        _audit_member(member, by=by, action=AuditAction.CREATE, fields=MEMBER_FIELDS)
    return member


def _audit_member(member: CircleMember, *, by: User, action: str, fields: list[str]) -> None:
    """A participant's place is their personal data: the entry names them, so it shows in
    their own "Wie keek er"; a volunteer's place is recorded on the member row."""
    participant = member.participant
    if participant is not None:
        access = permissions.participant_access(by, participant, "profile")
        audit_record(
            actor=by,
            action=action,
            obj=participant,
            fields=[f"circle.{field}" for field in fields],
            legal_basis=access.legal_basis,
        )
    else:
        audit_record(actor=by, action=action, obj=member, fields=fields)


def circle_member_leave(*, member: CircleMember, by: User) -> CircleMember:
    """The member leaves the circle; the order closes the gap (the one before them now
    calls the one after them)."""
    if not permissions.can_run_circle(by, member.circle):
        raise CircleError(_("Only the circle's coordinator changes its members."))
    if member.left_at is not None:
        raise CircleError(_("This person already left the circle."))
    with transaction.atomic():
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        _audit_member(member, by=by, action=AuditAction.UPDATE, fields=["left_at"])
    return member


def circle_member_move_up(*, member: CircleMember, by: User) -> CircleMember:
    """Swap the member with the one before them in the order."""
    if not permissions.can_run_circle(by, member.circle):
        raise CircleError(_("Only the circle's coordinator changes the order."))
    with transaction.atomic():
        before = (
            member.circle.members.active()
            .filter(position__lt=member.position)
            .order_by("-position")
            .select_for_update()
            .first()
        )
        if before is None:
            raise CircleError(_("This person is first already."))
        mine, theirs = member.position, before.position
        # Through a free position: the order is unique among present members.
        free = (member.circle.members.aggregate(last=Max("position"))["last"] or 0) + 1
        CircleMember.objects.filter(pk=member.pk).update(position=free)
        CircleMember.objects.filter(pk=before.pk).update(position=mine)
        CircleMember.objects.filter(pk=member.pk).update(position=theirs)
        member.position = theirs
        audit_record(actor=by, action=AuditAction.UPDATE, obj=member.circle, fields=["order"])
    return member


def absence_record(
    *, member: CircleMember, starts_on: dt.date, ends_on: dt.date, by: User
) -> Absence:
    """ "Weg van ... tot ...": the coordinator, or the member themselves, says when the member
    is away; on those days the chain skips them."""
    circle = member.circle
    own = permissions.circle_member_of(by, circle)
    if not (permissions.can_run_circle(by, circle) or (own is not None and own.pk == member.pk)):
        raise CircleError(_("You can only say when you yourself are away."))
    if ends_on < starts_on:
        raise CircleError(_("The last day away cannot be before the first."))
    if ends_on < timezone.localdate():
        raise CircleError(_("These days have passed already."))
    with transaction.atomic():
        absence = Absence.objects.create(
            member=member,
            starts_on=starts_on,
            ends_on=ends_on,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        _audit_member(member, by=by, action=AuditAction.CREATE, fields=["absence"])
    return absence


def call_report(
    *, circle: Circle, caller: CircleMember, on_date: dt.date, reached: bool, by: User
) -> CallReport:
    """Whether the caller reached whom the chain has them call on ``on_date``. A call that did
    not get through raises an alert: the coordinator gets a mail without names and sees the
    alert on the circle's page until they followed it up."""
    own = permissions.circle_member_of(by, circle)
    runs = permissions.can_run_circle(by, circle)
    if not (runs or (own is not None and own.pk == caller.pk)):
        raise CircleError(_("You can only report your own call."))
    if on_date > timezone.localdate():
        raise CircleError(_("This day has not come yet."))
    call = circle_day(circle, on_date).call_by(caller)
    if call is None:
        raise CircleError(_("This person does not call anyone that day (they are away)."))
    if CallReport.objects.filter(caller=caller, on_date=on_date).exists():
        raise CircleError(_("This call was reported already."))
    with transaction.atomic():
        report = CallReport.objects.create(
            circle=circle,
            on_date=on_date,
            caller=caller,
            callee=call.callee,
            reached=reached,
            reported_by=by,
            reported_at=timezone.now(),
        )
        audit_record(actor=by, action=AuditAction.CREATE, obj=report, fields=["reached"])
        if not reached and not runs:
            _alert_the_coordinator(circle)
    return report


def _alert_the_coordinator(circle: Circle) -> None:
    coordinator = circle.coordinator
    if not coordinator.email:
        return
    mail_queue(
        to=[coordinator.email],
        subject=_("A call in a telephone circle did not get through"),
        body=_(
            "In one of your telephone circles someone was not reached today. "
            "Look on the circle's page who, and follow it up:\n\n%(path)s\n"
        )
        % {"path": settings.SITE_URL.rstrip("/") + reverse("circles:detail", args=[circle.pk])},
    )


def call_report_follow_up(*, report: CallReport, by: User) -> CallReport:
    """The coordinator followed up a missed call (called, visited, found out why)."""
    if not permissions.can_run_circle(by, report.circle):
        raise CircleError(_("Only the circle's coordinator follows up a missed call."))
    if report.reached or report.followed_up_at is not None:
        raise CircleError(_("There is nothing to follow up here."))
    with transaction.atomic():
        report.followed_up_at = timezone.now()
        report.followed_up_by = by
        report.save(update_fields=["followed_up_at", "followed_up_by"])
        audit_record(actor=by, action=AuditAction.UPDATE, obj=report, fields=["followed_up_at"])
    return report
