"""What the person reads about one question: where it stands, the werktafel's latest
proposal, who does what by when, the answers given, and the steps so far. It spans the
questions and werktafels apps, so it is a read model here rather than a QuerySet method."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steunsysteem.accounts.constants import Role

from .constants import OPEN_STATUSES, QuestionStatus
from .models import ProposalAnswer, Question

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from steunsysteem.accounts.models import User
    from steunsysteem.worktables.models import Action, AgendaItem


@dataclass(frozen=True)
class Step:
    on: dt.datetime
    label: str


@dataclass(frozen=True)
class ActionLine:
    who: str
    what: str
    due_on: dt.date
    done: bool
    overdue: bool


@dataclass(frozen=True)
class QuestionOverview:
    question: Question
    where_it_stands: str
    proposal: AgendaItem | None
    actions: list[ActionLine]
    answer: ProposalAnswer | None
    steps: list[Step] = field(default_factory=list)

    @property
    def can_be_answered(self) -> bool:
        """A proposal to answer, on a question that is still open."""
        return self.proposal is not None and self.question.status in OPEN_STATUSES


def _day(moment: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y")


def action_owner_label(owner: User) -> str:
    """How the person sees who does an action: a first name and the organisation, never an
    e-mail address, user name or surname."""
    organizations = ", ".join(owner.organizations.order_by("name").values_list("name", flat=True))
    first_name = owner.first_name.strip()
    if first_name and organizations:
        return f"{first_name} ({organizations})"
    if first_name or organizations:
        return first_name or organizations
    if owner.role == Role.COORDINATOR:
        return _("The coordinator of the werktafel")
    return _("Someone from the werktafel")


# What each status means, in the person's own words (B1). %(date)s is when it happened.
_WHERE_IT_STANDS_SELF: dict[str, StrOrPromise] = {
    QuestionStatus.NEW: gettext_lazy(
        "Your question has come in on %(date)s. It waits for the werktafel."
    ),
    QuestionStatus.ON_AGENDA: gettext_lazy("Your question is on the agenda of the werktafel."),
    QuestionStatus.DISCUSSED: gettext_lazy("The werktafel talked about your question on %(date)s."),
    QuestionStatus.PROPOSAL_MADE: gettext_lazy(
        "The werktafel talked about your question on %(date)s and made a proposal."
    ),
    QuestionStatus.IN_PROGRESS: gettext_lazy("People are working on your question since %(date)s."),
    QuestionStatus.ANSWERED: gettext_lazy("Your question has been answered on %(date)s."),
    QuestionStatus.CLOSED_NO_OFFER: gettext_lazy("Your question was closed on %(date)s."),
    QuestionStatus.WITHDRAWN: gettext_lazy("Your question was withdrawn on %(date)s."),
}
_WHERE_IT_STANDS_OTHER: dict[str, StrOrPromise] = {
    QuestionStatus.NEW: gettext_lazy(
        "The question has come in on %(date)s. It waits for the werktafel."
    ),
    QuestionStatus.ON_AGENDA: gettext_lazy("The question is on the agenda of the werktafel."),
    QuestionStatus.DISCUSSED: gettext_lazy("The werktafel talked about the question on %(date)s."),
    QuestionStatus.PROPOSAL_MADE: gettext_lazy(
        "The werktafel talked about the question on %(date)s and made a proposal."
    ),
    QuestionStatus.IN_PROGRESS: gettext_lazy("People are working on the question since %(date)s."),
    QuestionStatus.ANSWERED: gettext_lazy("The question has been answered on %(date)s."),
    QuestionStatus.CLOSED_NO_OFFER: gettext_lazy("The question was closed on %(date)s."),
    QuestionStatus.WITHDRAWN: gettext_lazy("The question was withdrawn on %(date)s."),
}


def _where_it_stands(question: Question, since: dt.datetime, is_self: bool) -> str:
    sentences = _WHERE_IT_STANDS_SELF if is_self else _WHERE_IT_STANDS_OTHER
    sentence = str(sentences[question.status]) % {"date": _day(since)}
    if question.outcome:
        sentence += " " + _("How: %(outcome)s.") % {"outcome": question.get_outcome_display()}
    elif question.closed_reason:
        sentence += " " + _("Why: %(reason)s.") % {"reason": question.get_closed_reason_display()}
    return sentence


# Each step of the history, as the person reads it.
_STEP_LABELS: dict[str, StrOrPromise] = {
    QuestionStatus.NEW: gettext_lazy("Back to new"),
    QuestionStatus.ON_AGENDA: gettext_lazy("Put on the agenda of the werktafel"),
    QuestionStatus.DISCUSSED: gettext_lazy("The werktafel talked about it"),
    QuestionStatus.PROPOSAL_MADE: gettext_lazy("The werktafel made a proposal"),
    QuestionStatus.IN_PROGRESS: gettext_lazy("Work on it started"),
    QuestionStatus.ANSWERED: gettext_lazy("Answered"),
    QuestionStatus.CLOSED_NO_OFFER: gettext_lazy("Closed: no fitting offer yet"),
    QuestionStatus.WITHDRAWN: gettext_lazy("Withdrawn"),
}


def _action_line(action: Action, today: dt.date) -> ActionLine:
    return ActionLine(
        who=action_owner_label(action.owner),
        what=action.what,
        due_on=action.due_on,
        done=action.done_at is not None,
        overdue=action.done_at is None and action.due_on < today,
    )


def latest_proposal(question: Question) -> AgendaItem | None:
    """The agenda item with the werktafel's most recent proposal for this question."""
    from steunsysteem.worktables.models import AgendaItem

    return (
        AgendaItem.objects.filter(question=question)
        .exclude(proposal="")
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-pk")
        .first()
    )


def question_overview(question: Question, *, is_self: bool) -> QuestionOverview:
    events = list(question.events.order_by("occurred_at", "pk"))
    answers = list(question.proposal_answers.order_by("answered_at", "pk"))
    proposal = latest_proposal(question)
    today = timezone.localdate()
    actions = [
        _action_line(action, today)
        for action in question.actions.select_related("owner").order_by("due_on", "pk")
    ]
    steps = [Step(on=question.submitted_at, label=_("Question asked"))]
    steps += [
        Step(on=event.occurred_at, label=str(_STEP_LABELS[event.to_status])) for event in events
    ]
    steps += [
        Step(
            on=answer.answered_at,
            label=_("Answer to the proposal: %(answer)s") % {"answer": answer.get_choice_display()},
        )
        for answer in answers
    ]
    steps.sort(key=lambda step: step.on)
    since = events[-1].occurred_at if events else question.submitted_at
    if question.status in {QuestionStatus.DISCUSSED, QuestionStatus.PROPOSAL_MADE}:
        # "talked about it on …": the day of the meeting, not of the typing afterwards.
        discussed = (
            question.agenda_items.filter(discussed_at__isnull=False)
            .select_related("meeting")
            .order_by("-meeting__starts_at", "-pk")
            .first()
        )
        since = discussed.meeting.starts_at if discussed else since
    return QuestionOverview(
        question=question,
        where_it_stands=_where_it_stands(question, since, is_self),
        proposal=proposal,
        actions=actions,
        answer=next(
            (
                answer
                for answer in reversed(answers)
                if proposal is not None and answer.agenda_item_id == proposal.pk
            ),
            None,
        ),
        steps=steps,
    )
