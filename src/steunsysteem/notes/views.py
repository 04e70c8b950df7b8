"""A participant's notes of conversations: the list, newest first, and writing one (or a
correction of one). Access is decided in ``accounts.permissions``; every page that shows a
note reads through ``authorize_participant``, so it lands in the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.form_tokens import ALREADY_SENT, form_token, submit_form_once
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .forms import NoteForm

NOTE_FIELDS = ["notes"]
QUESTION_FIELDS = ["questions.text"]


def _sees_questions(request: HttpRequest, participant) -> bool:
    return permissions.participant_access(request.user, participant, ConsentScope.QUESTIONS).allowed


def _record_question_read(request: HttpRequest, participant) -> None:
    """The page shows the person's questions too: a read of their questions."""
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.QUESTIONS,
        fields=QUESTION_FIELDS,
    )


@never_cache
@login_required
def note_list(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.NOTES, fields=NOTE_FIELDS
    )
    notes = list(participant.notes.for_page().newest_first())
    # Which question a note is about shows only to whoever may see the questions.
    shows_questions = any(note.question_id for note in notes) and _sees_questions(
        request, participant
    )
    if shows_questions:
        _record_question_read(request, participant)
    return render_page(
        request,
        "notes/note_list.html",
        {
            "participant": participant,
            "notes": notes,
            "shows_questions": shows_questions,
            "can_write": permissions.can_write_note(request.user, participant),
        },
    )


@never_cache
@login_required
def note_write(request: HttpRequest, pk, note_pk: int | None = None) -> HttpResponse:
    """Write a note, or (with ``note_pk``) a correction of one. The form counts once."""
    participant = participant_or_404(pk)
    require(permissions.can_write_note(request.user, participant))
    corrects = None
    if note_pk is not None:
        corrects = get_object_or_404(participant.notes.for_page(), pk=note_pk)
        authorize_participant(
            request=request, participant=participant, scope=ConsentScope.NOTES, fields=NOTE_FIELDS
        )
    questions = (
        participant.questions.newest_first() if _sees_questions(request, participant) else None
    )
    form = NoteForm(request.POST or None, questions=questions)
    purpose = f"note:{participant.pk}:{note_pk or ''}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.note_write(
                participant=participant,
                by=request.user,
                held_on=form.cleaned_data["held_on"],
                asked=form.cleaned_data["asked"],
                question_behind=form.cleaned_data["question_behind"],
                question=form.cleaned_data.get("question"),
                corrects=corrects,
                request=request,
            )
            return reverse("notes:list", args=[participant.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.NoteError,)
        )
        if sent is not None:
            if not sent.first:
                messages.info(request, ALREADY_SENT)
            elif corrects is not None:
                messages.success(
                    request, _("The correction is saved. The first note stays as it was.")
                )
            else:
                messages.success(request, _("The note is saved."))
            return redirect(sent.redirect_to)
    if questions is not None and questions.exists():
        _record_question_read(request, participant)
    return render_page(
        request,
        "notes/note_form.html",
        {
            "participant": participant,
            "form": form,
            "corrects": corrects,
            "form_token": form_token(request, purpose),
        },
    )
