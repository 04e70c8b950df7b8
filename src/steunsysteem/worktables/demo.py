"""Partistad demo werktafels with their members, and a year of their meetings."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.directory.models import District
from steunsysteem.questions import demo as question_demo
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.demo import step
from steunsysteem.questions.models import Question, QuestionEvent

from . import selectors, services
from .constants import AgendaItemKind, MeetingStatus, WorktableRole
from .models import Action, AgendaItem, Meeting, Worktable
from .services import worktable_member_add

DATA = Path(__file__).parent / "demo_data" / "worktables.json"


def load() -> str:
    """The tables, and their members seated by the administrator through the service."""
    tables = _tables()
    admin = User.objects.get(username="beheerder")
    for item in tables:
        # A werktafel is set up in the admin, which has no service for it (yet).
        worktable, _ = Worktable.objects.update_or_create(
            name=item["name"],
            defaults={
                "district": District.objects.get(slug=item["district"]),
                "contact_email": item["contact_email"],
                "contact_phone": item["contact_phone"],
            },
        )
        seated = set(worktable.members.values_list("username", flat=True))
        for username, role in item["members"].items():
            if username not in seated:
                worktable_member_add(
                    worktable=worktable,
                    user=User.objects.get(username=username),
                    role=WorktableRole(role),
                    by=admin,
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


def _history(question: Question, meeting: Meeting, chair: User, owner: User) -> None:
    """The steps a demo question went through at and after its meeting, through the
    services (dated now, then moved back to the meeting's day: see ``questions.demo.step``)."""
    if question.events.exists():
        return
    item = AgendaItem.objects.filter(meeting=meeting, question=question).first()
    if item is None:
        # ``agenda_build`` fills the next meeting with every new question of the table; the
        # demo puts each question on the agenda of its own meeting of the past year.
        item = AgendaItem.objects.create(
            meeting=meeting,
            question=question,
            kind=AgendaItemKind.NEW,
            position=meeting.agenda.count() + 1,
        )
    status = question_demo.target(question)
    step(question, QuestionStatus.ON_AGENDA, at=meeting.starts_at - dt.timedelta(days=7), by=chair)
    if status["status"] == QuestionStatus.ON_AGENDA:
        return
    item = services.agenda_item_record(
        item=item, proposal=PROPOSALS.get(status["status"], PROPOSALS["in_progress"]), by=chair
    )
    AgendaItem.objects.filter(pk=item.pk).update(discussed_at=meeting.starts_at)
    QuestionEvent.objects.filter(
        question=question, to_status__in=[QuestionStatus.DISCUSSED, QuestionStatus.PROPOSAL_MADE]
    ).update(occurred_at=meeting.starts_at)
    Question.objects.filter(pk=question.pk).update(first_proposal_at=meeting.starts_at)
    taken_up = meeting.starts_at + dt.timedelta(days=7)
    step(question, QuestionStatus.IN_PROGRESS, at=taken_up, by=owner)
    done = status["status"] == QuestionStatus.ANSWERED
    if done:
        at = meeting.starts_at + dt.timedelta(days=40)
        step(question, QuestionStatus.ANSWERED, at=at, by=owner, outcome=status["outcome"])
    due_on = timezone.localdate(meeting.starts_at) + dt.timedelta(days=14)
    seated = meeting.worktable.members.filter(pk=owner.pk).exists()
    action = services.action_add(
        item=item,
        owner=owner if seated else chair,
        what="Contact leggen met de groep en samen een eerste keer gaan",
        due_on=max(due_on, timezone.localdate()),
        by=chair,
    )
    if done:
        services.action_complete(action=action, by=owner)
    # Agreed and done months ago in the demo's history.
    Action.objects.filter(pk=action.pk).update(
        due_on=due_on, done_at=meeting.starts_at + dt.timedelta(days=10) if done else None
    )


def load_meetings() -> str:
    """A year of monthly meetings per werktafel, the next one planned, a mailing list, and
    the demo questions shared with a table on the agenda of the first meeting after them."""
    today = timezone.localdate()
    past, upcoming = _meeting_days(today)
    chair = User.objects.get(username="coordinator")
    owner = User.objects.get(username="hulpverlener")
    meetings = 0
    demo_texts = [item["text"] for item in question_demo.items()]
    for worktable in Worktable.objects.filter(name__in=[t["name"] for t in _tables()]):
        for address in ("team@welzijnpartistad.example.nl", "wmo@partistad.example.nl"):
            if not worktable.mailing_list.filter(email=address).exists():
                services.mailing_list_add(worktable=worktable, email=address, by=chair)
        by_day = {}
        for day in past:
            # A year of meetings that took place already: no service plans one in the past.
            by_day[day], _ = Meeting.objects.get_or_create(
                worktable=worktable,
                starts_at=_at(day),
                defaults={
                    "ends_at": _at(day, MEETING_HOUR + 2),
                    "location": "Buurthuis De Schakel",
                    "status": MeetingStatus.CLOSED,
                },
            )
        by_day[upcoming] = worktable.meetings.filter(
            starts_at=_at(upcoming)
        ).first() or services.meeting_plan(
            worktable=worktable,
            starts_at=_at(upcoming),
            ends_at=_at(upcoming, MEETING_HOUR + 2),
            location="Buurthuis De Schakel",
            by=chair,
        )
        meetings += len(by_day)
        for question in selectors.shared_with(worktable).filter(text__in=demo_texts):
            wanted = question_demo.target(question)["status"]
            if wanted == QuestionStatus.NEW:
                continue
            if wanted == QuestionStatus.ON_AGENDA:
                meeting = by_day[upcoming]
            else:
                asked = timezone.localdate(question.submitted_at)
                meeting = by_day[min((d for d in past if d > asked), default=past[-1])]
            _history(question, meeting, chair, owner)
    _theme_item(Meeting.objects.filter(status=MeetingStatus.PLANNED).order_by("pk").first())
    return f"{meetings} overleggen"


def _theme_item(meeting: Meeting | None) -> None:
    """One theme on the next meeting of the first table: not about anyone."""
    if meeting is None or meeting.agenda.filter(kind=AgendaItemKind.THEME).exists():
        return
    services.agenda_item_add(
        meeting=meeting,
        kind=AgendaItemKind.THEME,
        title="Eenzaamheid onder mantelzorgers",
        description=(
            "Meerdere organisaties zien mantelzorgers die er alleen voor staan. Wat is er"
            " in de wijk, en wat mist er?"
        ),
        life_domains=["meeting", "relationships"],
        by=User.objects.get(username="coordinator"),
    )


def _tables() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))
