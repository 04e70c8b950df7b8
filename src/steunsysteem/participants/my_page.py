""" "Mijn pagina": the overview a participant sees first, of their own data only.

Their questions with where each stands, what comes next (the werktafel meeting where a
question is on the agenda, their invitation to it, what people agreed to do, a referral's
next step and a "gaat het nog?" that waits for them) and their network at a glance. It spans
the questions, werktafels, referrals and networks apps, so it is a read model here. Every
query starts from the participant: nobody else's data can come in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from steunsysteem.networks.constants import Circle
from steunsysteem.questions.constants import OPEN_STATUSES, QuestionStatus
from steunsysteem.questions.selectors import action_owner_label
from steunsysteem.referrals.constants import ReferralStatus
from steunsysteem.referrals.models import Referral
from steunsysteem.worktables.constants import InvitationKind
from steunsysteem.worktables.models import Action, Invitation, Meeting

from .models import Participant

# A referral whose next step is still to come (not ended, not declined).
_REFERRAL_UNDER_WAY = [
    ReferralStatus.PROPOSED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.INTRODUCTION_PLANNED,
    ReferralStatus.STARTED,
]


@dataclass(frozen=True)
class NextMeeting:
    starts_at: dt.datetime
    worktable: str
    invitation: Invitation | None


@dataclass(frozen=True)
class OpenAction:
    who: str
    what: str
    due_on: dt.date
    overdue: bool
    question_pk: int


@dataclass
class MyPage:
    questions: list = field(default_factory=list)
    open_count: int = 0
    waiting_for_answer: list = field(default_factory=list)
    next_meeting: NextMeeting | None = None
    actions: list[OpenAction] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    check_ins: list[Referral] = field(default_factory=list)
    network_size: int = 0
    network_circles: list[tuple[str, int]] = field(default_factory=list)

    @property
    def has_next_steps(self) -> bool:
        return bool(
            self.waiting_for_answer
            or self.next_meeting
            or self.actions
            or self.referrals
            or self.check_ins
        )


def _next_meeting(participant: Participant) -> NextMeeting | None:
    meeting = (
        Meeting.objects.upcoming()
        .filter(
            agenda__question__participant=participant,
            agenda__question__status__in=OPEN_STATUSES,
        )
        .select_related("worktable")
        .distinct()
        .first()
    )
    if meeting is None:
        return None
    invitation = (
        Invitation.objects.filter(
            agenda_item__meeting=meeting,
            agenda_item__question__participant=participant,
            kind=InvitationKind.PERSON,
        )
        .order_by("starts_at")
        .first()
    )
    return NextMeeting(
        starts_at=meeting.starts_at, worktable=meeting.worktable.name, invitation=invitation
    )


def _open_actions(participant: Participant) -> list[OpenAction]:
    today = timezone.localdate()
    actions = (
        Action.objects.open()
        .filter(question__participant=participant)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return [
        OpenAction(
            who=action_owner_label(action.owner),
            what=action.what,
            due_on=action.due_on,
            overdue=action.due_on < today,
            question_pk=action.question_id,
        )
        for action in actions
    ]


def my_page(participant: Participant) -> MyPage:
    """Everything "Mijn pagina" shows, read from this participant's own records only."""
    questions = list(participant.questions.newest_first())
    referrals = list(
        Referral.objects.filter(question__participant=participant, status__in=_REFERRAL_UNDER_WAY)
        .select_related("service", "organization")
        .order_by("created_at", "pk")
    )
    circles = Counter(participant.network_members.values_list("circle", flat=True))
    return MyPage(
        questions=questions,
        open_count=sum(question.status in OPEN_STATUSES for question in questions),
        waiting_for_answer=[
            question for question in questions if question.status == QuestionStatus.PROPOSAL_MADE
        ],
        next_meeting=_next_meeting(participant),
        actions=_open_actions(participant),
        referrals=[r for r in referrals if not (r.check_in_asked_at and not r.check_in_answer)],
        check_ins=[r for r in referrals if r.check_in_asked_at and not r.check_in_answer],
        network_size=sum(circles.values()),
        network_circles=[(label, circles[value]) for value, label in Circle.choices],
    )
