"""Minutes that identify nobody: who was there as organisations, per question a case number,
its life domains, where it stands now, whether the person concerned was there (never a
name), which organisation does something by when, and the offers and tip that came up. No
names of participants, no question texts, no proposals: those stay on the meeting screen.
A theme or a case without a participant is listed by its kind and title, never with its
description. The tip and such a title are the free texts; the chair checks them in the
preview before approving."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.core.printable import printable_text
from steunsysteem.directory.models import Organization

from .constants import InvitationKind
from .models import AgendaItemTips, Attendance, Meeting


@dataclass(frozen=True)
class MinutesAction:
    organization: str
    due_on: dt.date
    done: bool


@dataclass(frozen=True)
class MinutesOffer:
    """An offer from the sociale kaart that came up, with the link to its public page."""

    name: str
    organization: str
    url: str


@dataclass(frozen=True)
class MinutesItem:
    case_number: str  # empty for a theme or a case without a participant
    kind: str
    life_domains: list[str]
    status: str
    organizations_suggested: list[str]
    actions: list[MinutesAction]
    person_present: bool = False
    guest_present: bool = False
    offers: list[MinutesOffer] = field(default_factory=list)
    tip: str = ""
    title: str = ""  # of a theme or a case without a participant


@dataclass(frozen=True)
class Minutes:
    worktable: str
    district: str
    starts_at: dt.datetime
    location: str
    organizations_present: list[str]
    items: list[MinutesItem]
    attendance_recorded: bool = True


def _organization_of(user, memberships) -> str:
    names = memberships.get(user.pk)
    return ", ".join(names) if names else str(user.get_role_display())


def meeting_minutes(meeting: Meeting) -> Minutes:
    """The minutes of a meeting, built from what the table recorded. "Who was there" comes
    from the attendance the chair recorded, never from the list of members."""
    members = list(meeting.worktable.members.prefetch_related("organizations"))
    memberships = {
        member.pk: sorted(o.name for o in member.organizations.all()) for member in members
    }
    agenda = (
        meeting.agenda.select_related("question")
        .prefetch_related("actions__owner")
        .order_by("position")
    )
    suggested_ids = {pk for item in agenda for pk in item.suggested_organization_ids}
    names = dict(
        (str(pk), name)
        for pk, name in Organization.objects.filter(pk__in=suggested_ids).values_list("pk", "name")
    )
    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "invitation__organization", "invitation__agenda_item"
        )
    )
    present = [entry for entry in attendance if entry.present]
    organizations_present = {
        name
        for entry in present
        if entry.member_id
        for name in memberships.get(entry.member_id, [])
    } | {
        entry.invitation.organization.name
        for entry in present
        if entry.invitation_id and entry.invitation.kind == InvitationKind.ORGANIZATION
    }
    came = {
        (entry.invitation.agenda_item_id, entry.invitation.kind)
        for entry in present
        if entry.invitation_id
    }
    tips = {
        tips.agenda_item_id: tips
        for tips in AgendaItemTips.objects.filter(agenda_item__meeting=meeting).prefetch_related(
            "services__organization"
        )
    }
    items = [
        MinutesItem(
            case_number=item.question.case_number if item.question_id else "",
            title=printable_text(item.title, one_line=True),
            kind=str(item.get_kind_display()),
            life_domains=item.life_domain_labels,
            status=_status_of(item),
            organizations_suggested=[
                names[pk] for pk in item.suggested_organization_ids if pk in names
            ],
            actions=[
                MinutesAction(
                    organization=_organization_of(action.owner, memberships),
                    due_on=action.due_on,
                    done=action.done_at is not None,
                )
                for action in item.actions.all()
            ],
            person_present=(item.pk, InvitationKind.PERSON) in came,
            guest_present=(item.pk, InvitationKind.GUEST) in came,
            **_tips_of(tips.get(item.pk)),
        )
        for item in agenda
    ]
    return Minutes(
        worktable=meeting.worktable.name,
        district=str(meeting.worktable.district or ""),
        starts_at=timezone.localtime(meeting.starts_at),
        location=meeting.location,
        organizations_present=sorted(organizations_present),
        items=items,
        attendance_recorded=bool(attendance),
    )


def _status_of(item) -> str:
    if item.question_id is not None:
        return str(item.question.get_status_display())
    return _("Discussed") if item.discussed_at else _("Not discussed yet")


def _tips_of(tips: AgendaItemTips | None) -> dict:
    if tips is None:
        return {}
    site = settings.SITE_URL.rstrip("/")
    offers = [
        MinutesOffer(
            name=service.name,
            organization=service.organization.name,
            url=site + reverse("directory:service_detail", args=[service.pk]),
        )
        for service in sorted(tips.services.all(), key=lambda service: service.name)
    ]
    return {"offers": offers, "tip": tips.text}


def minutes_text(minutes: Minutes) -> str:
    """The minutes as the plain text of the e-mail."""
    return render_to_string("worktables/minutes.txt", {"minutes": minutes})


def minutes_checksum(text: str) -> str:
    """A short fingerprint of the minutes' text: the approval names the version checked."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as an A4 PDF for the archive and the e-mail."""
    from weasyprint import HTML

    html = render_to_string("worktables/minutes_pdf.html", {"minutes": minutes})
    return HTML(string=printable_text(html), url_fetcher=_no_fetching).write_pdf()


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError("The minutes PDF loads nothing from outside.")
