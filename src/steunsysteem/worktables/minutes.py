"""Minutes that identify nobody: per question a case number, its life domains, where it
stands now and which organisation does something by when. No names of participants, no
question texts, no proposals or other free text: those stay on the meeting screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from steunsysteem.core.printable import printable_text
from steunsysteem.directory.models import Organization

from .models import Meeting


@dataclass(frozen=True)
class MinutesAction:
    organization: str
    due_on: dt.date
    done: bool


@dataclass(frozen=True)
class MinutesItem:
    case_number: str
    kind: str
    life_domains: list[str]
    status: str
    organizations_suggested: list[str]
    actions: list[MinutesAction]


@dataclass(frozen=True)
class Minutes:
    worktable: str
    district: str
    starts_at: dt.datetime
    location: str
    organizations_present: list[str]
    items: list[MinutesItem]


def _organization_of(user, memberships) -> str:
    names = memberships.get(user.pk)
    return ", ".join(names) if names else str(user.get_role_display())


def meeting_minutes(meeting: Meeting) -> Minutes:
    """The minutes of a meeting, built from what the table recorded."""
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
    items = [
        MinutesItem(
            case_number=item.question.case_number,
            kind=str(item.get_kind_display()),
            life_domains=item.question.life_domain_labels,
            status=str(item.question.get_status_display()),
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
        )
        for item in agenda
    ]
    present = sorted({name for names_ in memberships.values() for name in names_})
    return Minutes(
        worktable=meeting.worktable.name,
        district=str(meeting.worktable.district or ""),
        starts_at=timezone.localtime(meeting.starts_at),
        location=meeting.location,
        organizations_present=present,
        items=items,
    )


def minutes_text(minutes: Minutes) -> str:
    """The minutes as the plain text of the e-mail."""
    return render_to_string("worktables/minutes.txt", {"minutes": minutes})


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as an A4 PDF for the archive and the e-mail."""
    from weasyprint import HTML

    html = render_to_string("worktables/minutes_pdf.html", {"minutes": minutes})
    return HTML(string=printable_text(html), url_fetcher=_no_fetching).write_pdf()


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError("The minutes PDF loads nothing from outside.")
