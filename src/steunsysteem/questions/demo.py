"""Partistad demo questions of Janny, Nuray and Mark, some answered, some still open, each
naming the werktafel of their district. Janny and Nuray let that table see their questions;
Mark did not.

Brought in through ``question_submit`` as the person or Fatima (hulpverlener) would. A
question the table sees moves on at the table's meetings (``worktables.demo``); Mark's, which
the table does not see, Fatima takes up herself. A question that exists already is left as
it is: loading twice adds nothing.
"""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.models import User
from steunsysteem.participants.demo import persona
from steunsysteem.worktables.models import Worktable

from .constants import QuestionStatus, TableSharing
from .models import Question, QuestionEvent
from .services import question_status_change, question_submit

DATA = Path(__file__).parent / "demo_data" / "questions.json"


def items() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def target(question: Question) -> dict:
    """What the demo data says about a demo question (its status, outcome, ...)."""
    return next(item for item in items() if item["text"] == question.text)


def step(question: Question, to: str, *, at: dt.datetime, by: User, outcome: str = "") -> None:
    """Move the question on through ``question_status_change``; the step is dated now, and
    the demo's history (months ago) has no real-world counterpart, so it is moved back."""
    question_status_change(question=question, to=to, by=by, outcome=outcome)
    QuestionEvent.objects.filter(question=question, to_status=to).update(occurred_at=at)


def _outside_the_table(question: Question, item: dict, by: User) -> None:
    """A question the table does not see: the professional takes it up and answers it."""
    if item["status"] == QuestionStatus.NEW:
        return
    taken_up = question.submitted_at + dt.timedelta(days=7)
    step(question, QuestionStatus.IN_PROGRESS, at=taken_up, by=by)
    if item["status"] == QuestionStatus.ANSWERED:
        at = question.submitted_at + dt.timedelta(days=40)
        step(question, QuestionStatus.ANSWERED, at=at, by=by, outcome=item["outcome"])


def load() -> str:
    demo_items = items()
    for item in demo_items:
        participant = persona(item["participant"])
        if Question.objects.filter(participant=participant, text=item["text"]).exists():
            continue
        by = User.objects.get(username=item["by"])
        worktable = Worktable.objects.get(name=item["worktable"])
        question = question_submit(
            participant=participant,
            text=item["text"],
            life_domains=item["domains"],
            worktable=worktable,
            by=by,
        )
        # Brought in now; the demo places it ``days_ago`` back.
        question.submitted_at = timezone.now() - dt.timedelta(days=item["days_ago"])
        Question.objects.filter(pk=question.pk).update(submitted_at=question.submitted_at)
        if permissions.table_consent_state(participant, worktable) != TableSharing.SHARED:
            _outside_the_table(question, item, User.objects.get(username="hulpverlener"))
    return f"{len(demo_items)} vragen"
