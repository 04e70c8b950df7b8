"""Reads for werktafel work that span apps: which questions a table may take up, who
should be at the table for a question, and which services could answer it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.directory.models import Organization, Service
from steunsysteem.directory.vocabularies import LIFE_DOMAINS
from steunsysteem.matching.selectors import match_services
from steunsysteem.questions.constants import OPEN_STATUSES, QuestionStatus
from steunsysteem.questions.models import ProposalAnswer, Question

from .models import AgendaItem

if TYPE_CHECKING:
    from .models import Meeting, Worktable

STALE_AFTER = dt.timedelta(weeks=8)  # a question in progress without news comes back


def shared_with(worktable: Worktable):
    """Questions that name this werktafel, with the participant's consent for questions to
    it in force. The rule lives in ``accounts.permissions``."""
    return permissions.questions_shared_with(worktable)


def new_questions(worktable: Worktable):
    return shared_with(worktable).waiting().order_by("submitted_at")


def follow_ups(worktable: Worktable, meeting: Meeting):
    """Questions that come back: not finished at an earlier meeting (still on the agenda or
    discussed without a proposal), with an action due by this meeting, in progress without
    news for eight weeks, or answered by the person ("dit wil ik" / "liever niet") since the
    last meeting it was on the agenda of."""
    day = timezone.localdate(meeting.starts_at)
    stale_before = meeting.starts_at - STALE_AFTER
    unfinished = Q(status__in=[QuestionStatus.ON_AGENDA, QuestionStatus.DISCUSSED])
    active = Q(status__in=[QuestionStatus.PROPOSAL_MADE, QuestionStatus.IN_PROGRESS])
    due = Q(actions__done_at__isnull=True, actions__due_on__lte=day)
    quiet = ~Q(events__occurred_at__gte=stale_before)
    last_on_agenda = (
        AgendaItem.objects.filter(question=OuterRef("pk"), meeting__starts_at__lt=meeting.starts_at)
        .order_by("-meeting__starts_at")
        .values("meeting__starts_at")[:1]
    )
    answered_since = Exists(
        ProposalAnswer.objects.filter(
            question=OuterRef("pk"), answered_at__gt=OuterRef("last_on_agenda")
        )
    )
    return (
        shared_with(worktable)
        .annotate(last_on_agenda=Subquery(last_on_agenda))
        .filter(
            unfinished
            | (active & (due | quiet))
            | (Q(status__in=OPEN_STATUSES) & Q(answered_since))
        )
        .distinct()
        .order_by("submitted_at")
    )


def services_for(question: Question, *, limit: int = 5) -> list[Service]:
    """Fitting services from the matcher: meaning and words of the question, its life domains,
    wishes and readiness (each with ``match_reasons``). Not the person's home postcode,
    district or language: the table's consent covers the questions, not the person's details."""
    result = match_services(
        text=question.text,
        life_domains=question.life_domains,
        wishes_and_limits=question.wishes_and_limits,
        readiness=question.readiness,
        limit=limit,
    )
    for match in result.matches:
        match.service.match_reasons = match.reasons
    return [match.service for match in result.matches]


def services_for_item(item: AgendaItem, *, limit: int = 5) -> list[Service]:
    """Fitting services for an agenda item: a question's, or for a theme or a case the
    matcher on its title within its life domains (never its description)."""
    if item.question is not None:
        return services_for(item.question, limit=limit)
    result = match_services(text=item.title, life_domains=item.life_domains, limit=limit)
    for match in result.matches:
        match.service.match_reasons = match.reasons
    return [match.service for match in result.matches]


def suggested_organizations(question: Question, *, limit: int = 4) -> list:
    """Who should be at the table: the organisations with the most fitting services."""
    return organizations_for_domains(question.life_domains, limit=limit)


def organizations_for_domains(life_domains, *, limit: int = 4) -> list:
    """The organisations with the most public services in these life domains: who should be
    at the table for a question, a theme or a case."""
    term_ids = [LIFE_DOMAINS.term_id(code) for code in life_domains]
    if not term_ids:
        return []
    services = Service.objects.public().with_any_term(term_ids)
    ranked = (
        Organization.objects.filter(services__in=services)
        .annotate(fitting=Count("services", distinct=True))
        .order_by("-fitting", "name")
    )
    return list(ranked[:limit])


@dataclass(frozen=True)
class UnsharedCount:
    """How many new questions of a district reach no werktafel: a number, nothing more."""

    district: str | None  # None: people without a district
    count: int


def unshared_question_counts(user) -> list[UnsharedCount]:
    """For a coordinator: per district of the tables they sit at, and for people without a
    district, how many new questions wait without reaching a werktafel (no table named, or no
    consent in force for it). Only numbers: no question, no person."""
    if not permissions.can_count_unshared_questions(user):
        return []
    waiting = permissions.questions_not_reaching_a_table().waiting()
    districts = permissions.unshared_question_districts(user).order_by("name")
    counts = dict(
        waiting.filter(participant__district__in=districts)
        .values("participant__district")
        .annotate(n=Count("pk"))
        .values_list("participant__district", "n")
    )
    rows = [UnsharedCount(district.name, counts.get(district.pk, 0)) for district in districts]
    rows.append(UnsharedCount(None, waiting.filter(participant__district=None).count()))
    return rows
