"""Writes for participation questions. Each runs in one transaction with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.directory.constants import LifeDomain

from .models import Question

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
    request: HttpRequest | None = None,
) -> Question:
    """Bring in a question for the participant; it starts as new, for the werktafel."""
    text = text.strip()
    if not text:
        raise QuestionError(_("Write down the question."))
    domains = sorted(set(life_domains))
    if any(domain not in LifeDomain.values for domain in domains):
        raise QuestionError(_("Unknown life domain."))
    with transaction.atomic():
        question = Question.objects.create(
            participant=participant,
            text=text,
            life_domains=domains,
            submitted_at=timezone.now(),
            submitted_by=by,
            submitted_by_role=by.role,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=["questions.text", "questions.life_domains"],
            request=request,
        )
    return question
