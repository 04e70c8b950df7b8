"""Writing a note of a conversation. Each write runs in one transaction with its audit
entry, which names the fields written, never their text. Notes are never changed or
deleted one by one: a correction is a new note (``corrects``), and an erasure of the
person takes every note with it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope

from .constants import (
    AUDIT_FIELD_ASKED,
    AUDIT_FIELD_CORRECTS,
    AUDIT_FIELD_QUESTION,
    AUDIT_FIELD_QUESTION_BEHIND,
    TEXT_MAX_LENGTH,
)
from .models import Note

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.participants.models import Participant
    from steunsysteem.questions.models import Question


class NoteError(Exception):
    """A note that cannot be written; the message says why."""


def note_write(
    *,
    participant: Participant,
    by: User,
    held_on: dt.date,
    asked: str,
    question_behind: str = "",
    question: Question | None = None,
    corrects: Note | None = None,
    request: HttpRequest | None = None,
) -> Note:
    """Write down a conversation with the participant: what was asked, and what the question
    behind it is. Optionally about one of their questions (only for someone who may see
    those), or as a correction of an earlier note about them."""
    if not permissions.can_write_note(by, participant):
        raise NoteError(_("You cannot write notes about this person."))
    asked = asked.strip()
    question_behind = question_behind.strip()
    if not asked:
        raise NoteError(_("Write down what was asked."))
    if len(asked) > TEXT_MAX_LENGTH or len(question_behind) > TEXT_MAX_LENGTH:
        raise NoteError(
            _("Each part of a note can hold at most %(max)s characters.") % {"max": TEXT_MAX_LENGTH}
        )
    if held_on > timezone.localdate():
        raise NoteError(_("The conversation cannot be in the future."))
    if question is not None and (
        question.participant_id != participant.pk
        or not permissions.participant_access(by, participant, ConsentScope.QUESTIONS).allowed
    ):
        raise NoteError(_("Choose one of this person's questions."))
    if corrects is not None and corrects.participant_id != participant.pk:
        raise NoteError(_("You can only correct a note about this person."))
    fields = [AUDIT_FIELD_ASKED]
    if question_behind:
        fields.append(AUDIT_FIELD_QUESTION_BEHIND)
    if question is not None:
        fields.append(AUDIT_FIELD_QUESTION)
    if corrects is not None:
        fields.append(AUDIT_FIELD_CORRECTS)
    with transaction.atomic():
        note = Note.objects.create(
            participant=participant,
            held_on=held_on,
            asked=asked,
            question_behind=question_behind,
            question=question,
            corrects=corrects,
            written_at=timezone.now(),
            written_by=by,
            written_by_role=by.role,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=fields,
            legal_basis=permissions.participant_access(
                by, participant, ConsentScope.NOTES
            ).legal_basis,
            request=request,
        )
    return note
