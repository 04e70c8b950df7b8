"""Partistad demo werktafels with their members, and a year of their meetings."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.directory.models import District
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question, QuestionEvent

from . import selectors
from .constants import AgendaItemKind, MeetingStatus, WorktableRole
from .models import Action, AgendaItem, MailingListEntry, Meeting, Worktable, WorktableMembership

DATA = Path(__file__).parent / "demo_data" / "worktables.json"


def load() -> str:
    tables = _tables()
    for item in tables:
        worktable, _ = Worktable.objects.update_or_create(
            name=item["name"],
            defaults={
                "district": District.objects.get(slug=item["district"]),
                "contact_email": item["contact_email"],
                "contact_phone": item["contact_phone"],
            },
        )
        for username, role in item["members"].items():
            WorktableMembership.objects.update_or_create(
                worktable=worktable,
                user=User.objects.get(username=username),
                defaults={"role": WorktableRole(role)},
            )
    return f"{len(tables)} werktafels"


MEETING_HOUR = 14
PROPOSALS = {
    "in_progress": "Samen met de vrijwilliger naar een open repetitie; daarna kiest ze zelf.",
    "answered": "Kennismaken bij de groep, de eerste keer met iemand erbij.",
}


def _second_tuesday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)


def _meeting_days(today: dt.date) -> tuple[list[dt.date], dt.date]:
    """The second Tuesday of each of the last twelve months, and the next one."""
    days = []
    year, month = today.year, today.month
    for _step in range(13):
        days.append(_second_tuesday(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    past = sorted(day for day in days if day < today)[-12:]
    upcoming = _second_tuesday(today.year, today.month)
    if upcoming < today:
        year, month = (today.year, today.month + 1) if today.month < 12 else (today.year + 1, 1)
        upcoming = _second_tuesday(year, month)
    return past, upcoming


def _at(day: dt.date, hour: int = MEETING_HOUR) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _event(question: Question, to: str, at: dt.datetime, by: User) -> None:
    previous = question.events.order_by("-occurred_at").first()
    QuestionEvent.objects.create(
        question=question,
        from_status=previous.to_status if previous else QuestionStatus.NEW,
        to_status=to,
        occurred_at=at,
        by=by,
        by_role=by.role,
    )


def _history(question: Question, meeting: Meeting, chair: User, owner: User) -> None:
    """The steps a demo question went through at and after its meeting."""
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting,
        question=question,
        defaults={"kind": AgendaItemKind.NEW, "position": meeting.agenda.count() + 1},
    )
    if question.events.exists():
        return
    _event(question, QuestionStatus.ON_AGENDA, meeting.starts_at - dt.timedelta(days=7), chair)
    if question.status == QuestionStatus.ON_AGENDA:
        return
    _event(question, QuestionStatus.DISCUSSED, meeting.starts_at, chair)
    _event(question, QuestionStatus.PROPOSAL_MADE, meeting.starts_at, chair)
    _event(question, QuestionStatus.IN_PROGRESS, meeting.starts_at + dt.timedelta(days=7), owner)
    if question.status == QuestionStatus.ANSWERED:
        _event(question, QuestionStatus.ANSWERED, meeting.starts_at + dt.timedelta(days=40), owner)
    Question.objects.filter(pk=question.pk).update(first_proposal_at=meeting.starts_at)
    item.proposal = PROPOSALS.get(question.status, PROPOSALS["in_progress"])
    item.discussed_at = meeting.starts_at
    item.save(update_fields=["proposal", "discussed_at"])
    done = question.status == QuestionStatus.ANSWERED
    Action.objects.get_or_create(
        question=question,
        agenda_item=item,
        defaults={
            "owner": owner,
            "what": "Contact leggen met de groep en samen een eerste keer gaan",
            "due_on": timezone.localdate(meeting.starts_at) + dt.timedelta(days=14),
            "done_at": meeting.starts_at + dt.timedelta(days=10) if done else None,
        },
    )


def load_meetings() -> str:
    """A year of monthly meetings per werktafel, the next one planned, a mailing list, and
    the demo questions shared with a table on the agenda of the first meeting after them."""
    today = timezone.localdate()
    past, upcoming = _meeting_days(today)
    chair = User.objects.get(username="coordinator")
    owner = User.objects.get(username="hulpverlener")
    meetings = 0
    for worktable in Worktable.objects.filter(name__in=[t["name"] for t in _tables()]):
        for address in ("team@welzijnpartistad.example.nl", "wmo@partistad.example.nl"):
            MailingListEntry.objects.get_or_create(worktable=worktable, email=address)
        by_day = {}
        for day in [*past, upcoming]:
            meeting, _ = Meeting.objects.get_or_create(
                worktable=worktable,
                starts_at=_at(day),
                defaults={
                    "ends_at": _at(day, MEETING_HOUR + 2),
                    "location": "Buurthuis De Schakel",
                    "status": MeetingStatus.CLOSED if day < today else MeetingStatus.PLANNED,
                },
            )
            by_day[day] = meeting
            meetings += 1
        for question in selectors.shared_with(worktable).exclude(status=QuestionStatus.NEW):
            if question.status == QuestionStatus.ON_AGENDA:
                meeting = by_day[upcoming]
            else:
                asked = timezone.localdate(question.submitted_at)
                meeting = by_day[min((d for d in past if d > asked), default=past[-1])]
            _history(question, meeting, chair, owner)
    _theme_item(Meeting.objects.filter(status=MeetingStatus.PLANNED).order_by("pk").first())
    return f"{meetings} overleggen"


def _theme_item(meeting: Meeting | None) -> None:
    """One theme on the next meeting of the first table: not about anyone."""
    if meeting is None:
        return
    domains = ["meeting", "relationships"]
    AgendaItem.objects.get_or_create(
        meeting=meeting,
        kind=AgendaItemKind.THEME,
        title="Eenzaamheid onder mantelzorgers",
        defaults={
            "description": (
                "Meerdere organisaties zien mantelzorgers die er alleen voor staan. Wat is er"
                " in de wijk, en wat mist er?"
            ),
            "life_domains": domains,
            "position": meeting.agenda.count() + 1,
            "suggested_organization_ids": [
                str(o.pk) for o in selectors.organizations_for_domains(domains)
            ],
        },
    )


def _tables() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))
