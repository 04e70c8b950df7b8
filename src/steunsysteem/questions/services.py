"""Writes for participation questions. Each runs in one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import (
    CASEWORKER_ROLES,
    AuditAction,
    ConsentScope,
    ConsentSource,
)
from steunsysteem.accounts.services import (
    ConsentError,
    consent_confirm,
    consent_grant,
    latest_consent_end,
)
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
    TableSharing,
    Urgency,
)
from .models import ProposalAnswer, Question, QuestionEvent
from .query import worktables_for
from .selectors import latest_proposal

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.participants.models import Participant
    from steunsysteem.worktables.models import Worktable


class QuestionError(Exception):
    """A question that cannot be submitted; the message says why."""


def _cleaned(
    *, text: str, life_domains: Iterable[str], readiness: str, urgency: str
) -> tuple[str, list[str]]:
    text = text.strip()
    if not text:
        raise QuestionError(_("Write down the question."))
    domains = sorted(set(life_domains))
    if any(domain not in LifeDomain.values for domain in domains):
        raise QuestionError(_("Unknown life domain."))
    if readiness not in Readiness.values or urgency not in Urgency.values:
        raise QuestionError(_("Choose what feels possible now and how urgent it is."))
    return text, domains


def _check_worktable(participant: Participant, worktable: Worktable | None) -> None:
    if worktable is not None and not worktables_for(participant).filter(pk=worktable.pk).exists():
        raise QuestionError(
            _(
                "This werktafel does not take up this person's questions: choose the werktafel"
                " of their district or a theme table."
            )
        )


def _share_with_table(
    *,
    participant: Participant,
    worktable: Worktable | None,
    consent_source: str,
    by: User,
    request: HttpRequest | None,
) -> None:
    """Record the person's consent that the werktafel may see their questions, until the
    furthest end date allowed (``CONSENT_MAX_DAYS``). The participant gives it themselves
    (and so says yes to such consent someone else recorded, that waits); someone else records
    the consent the person gave, and how, under the usual rules (``consent_grant``: for a
    table the recorder sits at it waits for a second yes). Nothing is recorded twice."""
    if not consent_source:
        return
    if worktable is None:
        raise QuestionError(_("Choose the werktafel that may see the question."))
    by_participant = participant.user_id is not None and participant.user_id == by.pk
    if by_participant != (consent_source == ConsentSource.PORTAL):
        raise QuestionError(_("Say how the person gave consent."))
    state = permissions.table_consent_state(participant, worktable)
    try:
        if state == TableSharing.SHARED:
            return
        if state == TableSharing.CONSENT_WAITS and by_participant:
            for grant in permissions.waiting_consent_to_the_table(participant, worktable):
                consent_confirm(grant=grant, by=by, request=request)
            return
        consent_grant(
            participant=participant,
            grantee=worktable,
            scopes=[ConsentScope.QUESTIONS],
            ends_on=latest_consent_end(),
            source=consent_source,
            by=by,
            request=request,
        )
    except ConsentError as error:
        raise QuestionError(str(error)) from error


def question_submit(
    *,
    participant: Participant,
    text: str,
    life_domains: Iterable[str],
    by: User,
    wishes_and_limits: str = "",
    readiness: str = Readiness.SMALL_STEP,
    urgency: str = Urgency.NORMAL,
    worktable: Worktable | None = None,
    table_consent_source: str = "",
    request: HttpRequest | None = None,
) -> Question:
    """Bring in a question for the participant; it starts as new, for ``worktable``.

    The werktafel takes it up only with the person's consent for questions to that table in
    force (``permissions.questions_shared_with``); ``table_consent_source`` records that
    consent in the same step (``ConsentSource``: the participant's own is ``portal``). No
    table, or no consent: the question is kept, as not shared with a table yet.
    A professional's question is marked as brought in by their organisation.
    """
    text, domains = _cleaned(
        text=text, life_domains=life_domains, readiness=readiness, urgency=urgency
    )
    _check_worktable(participant, worktable)
    with transaction.atomic():
        question = Question.objects.create(
            participant=participant,
            text=text,
            life_domains=domains,
            worktable=worktable,
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
            fields=["questions.text", "questions.life_domains", "questions.worktable"],
            request=request,
        )
        _share_with_table(
            participant=participant,
            worktable=worktable,
            consent_source=table_consent_source,
            by=by,
            request=request,
        )
    return question


# What the person (or someone with consent) may correct until the werktafel discussed it.
CORRECTABLE_FIELDS = ["text", "life_domains", "wishes_and_limits", "readiness", "urgency"]


def _changeable(question: Question, by: User) -> Question:
    """The question, locked, if ``by`` may still change it; otherwise a clear no."""
    question = (
        Question.objects.select_for_update(of=("self",))
        .select_related("participant", "worktable")
        .get(pk=question.pk)
    )
    if not permissions.can_change_questions_of(by, question.participant):
        raise QuestionError(_("You cannot change this person's questions."))
    if not permissions.can_change_question(by, question):
        raise QuestionError(why_fixed(question))
    return question


def why_fixed(question: Question) -> str:
    """Why a question can no longer be corrected or withdrawn."""
    if question.status == QuestionStatus.WITHDRAWN:
        return str(_("This question was withdrawn, so it can no longer be changed."))
    if question.status in (QuestionStatus.ANSWERED, QuestionStatus.CLOSED_NO_OFFER):
        return str(_("This question is closed, so it can no longer be changed."))
    return str(
        _(
            "The werktafel has discussed this question, so it can no longer be changed. Is"
            " something no longer right? Tell whoever brought the question in, or the"
            " werktafel."
        )
    )


def question_correct(
    *,
    question: Question,
    by: User,
    text: str,
    life_domains: Iterable[str],
    wishes_and_limits: str,
    readiness: str,
    urgency: str,
    worktable: Worktable | None,
    table_consent_source: str = "",
    request: HttpRequest | None = None,
) -> list[str]:
    """Correct a question until the werktafel discussed it (``permissions.can_change_question``):
    the words, life domains, wishes and limits, readiness, urgency and the table; and, in the
    same step, the consent that the table may see it. Returns the fields that changed; the
    audit entry names them, never their values. Once on a table's agenda a question stays
    with that table."""
    text, domains = _cleaned(
        text=text, life_domains=life_domains, readiness=readiness, urgency=urgency
    )
    with transaction.atomic():
        question = _changeable(question, by)
        _check_worktable(question.participant, worktable)
        new: dict[str, object] = {
            "text": text,
            "life_domains": domains,
            "wishes_and_limits": wishes_and_limits.strip(),
            "readiness": readiness,
            "urgency": urgency,
        }
        changed = [field for field in CORRECTABLE_FIELDS if getattr(question, field) != new[field]]
        worktable_id = worktable.pk if worktable is not None else None
        if worktable_id != question.worktable_id:
            if question.status != QuestionStatus.NEW:
                raise QuestionError(
                    _(
                        "The question is on the agenda of %(table)s already, so it stays with"
                        " that werktafel."
                    )
                    % {"table": question.worktable or _("a werktafel")}
                )
            changed.append("worktable")
            new["worktable"] = worktable
        for field in changed:
            setattr(question, field, new[field])
        if changed:
            question.save(update_fields=changed)
            audit_record(
                actor=by,
                action=AuditAction.UPDATE,
                obj=question.participant,
                fields=[f"questions.{field}" for field in changed],
                request=request,
            )
        _share_with_table(
            participant=question.participant,
            worktable=question.worktable,
            consent_source=table_consent_source,
            by=by,
            request=request,
        )
    return changed


def question_withdraw(
    *, question: Question, by: User, request: HttpRequest | None = None
) -> Question:
    """The person (or someone with consent for their questions) withdraws the question until
    the werktafel discussed it. Dated and attributed like every status change."""
    with transaction.atomic():
        question = _changeable(question, by)
        return question_status_change(
            question=question, to=QuestionStatus.WITHDRAWN, by=by, request=request
        )


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
