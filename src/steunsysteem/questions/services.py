"""Writes for participation questions. Each runs in one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import CASEWORKER_ROLES, AuditAction
from steunsysteem.directory.constants import LifeDomain

from . import notifications
from .constants import (
    OPEN_STATUSES,
    TRANSITIONS,
    ClosedReason,
    Outcome,
    ProposalChoice,
    QuestionStatus,
    Readiness,
    Urgency,
)
from .models import ProposalAnswer, Question, QuestionEvent
from .selectors import latest_proposal

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.participants.models import Participant


class QuestionError(Exception):
    """A question that cannot be submitted; the message says why."""


def question_submit(
    *,
    participant: Participant,
    text: str,
    life_domains: Iterable[str],
    by: User,
    wishes_and_limits: str = "",
    readiness: str = Readiness.SMALL_STEP,
    urgency: str = Urgency.NORMAL,
    request: HttpRequest | None = None,
) -> Question:
    """Bring in a question for the participant; it starts as new, for the werktafel.

    A professional's question is marked as brought in by their organisation.
    """
    text = text.strip()
    if not text:
        raise QuestionError(_("Write down the question."))
    domains = sorted(set(life_domains))
    if any(domain not in LifeDomain.values for domain in domains):
        raise QuestionError(_("Unknown life domain."))
    if readiness not in Readiness.values or urgency not in Urgency.values:
        raise QuestionError(_("Choose what feels possible now and how urgent it is."))
    with transaction.atomic():
        question = Question.objects.create(
            participant=participant,
            text=text,
            life_domains=domains,
            submitted_at=timezone.now(),
            submitted_by=by,
            submitted_by_role=by.role,
            wishes_and_limits=wishes_and_limits.strip(),
            readiness=readiness,
            urgency=urgency,
            referrer_organization=by.organizations.order_by("name").first()
            if by.role in CASEWORKER_ROLES
            else None,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=["questions.text", "questions.life_domains"],
            request=request,
        )
    return question


def question_status_change(
    *,
    question: Question,
    to: str,
    by: User,
    outcome: str = "",
    closed_reason: str = "",
    request: HttpRequest | None = None,
) -> Question:
    """Move a question along its lifecycle (``constants.TRANSITIONS``), dated and attributed.

    Answered needs an outcome, closed without fitting offer a reason. The first proposal's
    time is kept for the monitor (time to first proposal).
    """
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if to not in TRANSITIONS.get(question.status, ()):
            raise QuestionError(
                _("A question that is '%(now)s' cannot become '%(to)s'.")
                % {
                    "now": question.get_status_display(),
                    "to": QuestionStatus(to).label if to in QuestionStatus.values else to,
                }
            )
        if to == QuestionStatus.ANSWERED and outcome not in Outcome.values:
            raise QuestionError(_("Say how the question was answered."))
        if to == QuestionStatus.CLOSED_NO_OFFER and closed_reason not in ClosedReason.values:
            raise QuestionError(_("Say why the question closes without an answer."))
        now = timezone.now()
        QuestionEvent.objects.create(
            question=question,
            from_status=question.status,
            to_status=to,
            occurred_at=now,
            by=by,
            by_role=by.role,
        )
        question.status = to
        question.outcome = outcome if to == QuestionStatus.ANSWERED else ""
        question.closed_reason = closed_reason if to == QuestionStatus.CLOSED_NO_OFFER else ""
        if to == QuestionStatus.PROPOSAL_MADE and question.first_proposal_at is None:
            question.first_proposal_at = now
        question.save(update_fields=["status", "outcome", "closed_reason", "first_proposal_at"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=question.participant,
            fields=["questions.status"],
            request=request,
        )
        notifications.closed_news_send(question=question, by=by)
    return question


def proposal_answer(
    *,
    question: Question,
    choice: str,
    by: User,
    explanation: str = "",
    request: HttpRequest | None = None,
) -> ProposalAnswer:
    """The person (or someone at their side, with consent) answers the werktafel's latest
    proposal: "dit wil ik" or "liever niet", with an explanation if they want. The latest
    answer counts; it brings the question back to the table's next agenda. The trail names
    the fields, never the explanation."""
    explanation = explanation.strip()
    if choice not in ProposalChoice.values:
        raise QuestionError(_("Choose 'I want this' or 'Rather not'."))
    if len(explanation) > 1000:
        raise QuestionError(_("Keep the explanation to 1000 characters or fewer."))
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status not in OPEN_STATUSES:
            raise QuestionError(_("This question is closed; there is nothing to answer."))
        proposal = latest_proposal(question)
        if proposal is None:
            raise QuestionError(_("The werktafel has not made a proposal yet."))
        answer = ProposalAnswer.objects.create(
            question=question,
            agenda_item=proposal,
            choice=choice,
            explanation=explanation,
            answered_at=timezone.now(),
            answered_by=by,
            answered_by_role=by.role,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=question.participant,
            fields=["questions.proposal_answer.choice", "questions.proposal_answer.explanation"],
            request=request,
        )
    return answer


def news_mail_set(
    *, participant: Participant, opt_in: bool, by: User, request: HttpRequest | None = None
) -> None:
    """The participant says whether they want a mail when there is news about their
    questions (off unless they switch it on)."""
    with transaction.atomic():
        participant.news_mail_opt_in = opt_in
        participant.save(update_fields=["news_mail_opt_in"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=participant,
            fields=["news_mail_opt_in"],
            request=request,
        )
