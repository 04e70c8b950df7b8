"""A participant's questions: the list with where each one stands, and asking a new one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.form_tokens import ALREADY_SENT, FormTokenError, form_token, submit_once
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .forms import QuestionForm


@never_cache
@login_required
def question_list(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.QUESTIONS, fields=["questions"]
    )
    return render_page(
        request,
        "questions/question_list.html",
        {
            "participant": participant,
            "questions": participant.questions.newest_first(),
            "can_submit": permissions.can_submit_question(request.user, participant),
        },
    )


@never_cache
@login_required
def question_submit(request: HttpRequest, pk) -> HttpResponse:
    """Ask a question. The form counts once: a double click brings in one question."""
    participant = participant_or_404(pk)
    require(permissions.can_submit_question(request.user, participant))
    form = QuestionForm(request.POST or None)
    purpose = f"question:{participant.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.question_submit(
                participant=participant,
                text=form.cleaned_data["text"],
                life_domains=form.cleaned_data["life_domains"],
                wishes_and_limits=form.cleaned_data["wishes_and_limits"],
                readiness=form.cleaned_data["readiness"],
                urgency=form.cleaned_data["urgency"],
                by=request.user,
                request=request,
            )
            return reverse("questions:list", args=[participant.pk])

        try:
            sent = submit_once(request, purpose=purpose, write=write)
        except (services.QuestionError, FormTokenError) as error:
            form.add_error(None, str(error))
        else:
            if sent.first:
                messages.success(
                    request, _("Thank you. The question goes to the werktafel of your district.")
                )
            else:
                messages.info(request, ALREADY_SENT)
            return redirect(sent.redirect_to)
    return render_page(
        request,
        "questions/question_form.html",
        {
            "participant": participant,
            "form": form,
            "form_token": form_token(request, purpose),
        },
    )
