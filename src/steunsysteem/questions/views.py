"""A participant's questions: the list with where each one stands, and asking a new one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.form_tokens import ALREADY_SENT, FormTokenError, form_token, submit_once
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .forms import NewsMailForm, ProposalAnswerForm, QuestionForm
from .selectors import question_overview


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


def _authorize_question_read(request: HttpRequest, participant) -> None:
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.QUESTIONS,
        fields=[
            "questions.text",
            "questions.status",
            "questions.proposal",
            "questions.action",
            "questions.proposal_answer",
        ],
    )


def _question_page(
    request: HttpRequest,
    participant,
    question,
    *,
    answer_form: ProposalAnswerForm | None = None,
) -> HttpResponse:
    """The question as the person reads it: where it stands, the werktafel's proposal, who
    does what by when, the steps so far; the answer form, and the news-mail setting. The
    caller has authorized the read (``_authorize_question_read``)."""
    overview = question_overview(question, is_self=participant.user_id == request.user.pk)
    can_answer = overview.can_be_answered and permissions.can_answer_proposal(
        request.user, participant
    )
    return render_page(
        request,
        "questions/question_detail.html",
        {
            "participant": participant,
            "question": question,
            "overview": overview,
            "can_answer": can_answer,
            "answer_form": answer_form or ProposalAnswerForm(),
            "form_token": form_token(request, f"proposal-answer:{question.pk}")
            if can_answer
            else "",
            "can_set_news_mail": permissions.can_set_news_mail(request.user, participant),
        },
    )


@never_cache
@login_required
@require_GET
def question_detail(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    participant = participant_or_404(pk)
    _authorize_question_read(request, participant)
    question = get_object_or_404(participant.questions, pk=question_pk)
    return _question_page(request, participant, question)


@never_cache
@login_required
@require_POST
def proposal_answer(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    """ "Dit wil ik" or "liever niet": the form counts once, so a double click answers once."""
    participant = participant_or_404(pk)
    require(permissions.can_answer_proposal(request.user, participant))
    question = get_object_or_404(participant.questions, pk=question_pk)
    form = ProposalAnswerForm(request.POST)
    if form.is_valid():

        def write() -> str:
            services.proposal_answer(
                question=question,
                choice=form.cleaned_data["choice"],
                explanation=form.cleaned_data["explanation"],
                by=request.user,
                request=request,
            )
            return reverse("questions:detail", args=[participant.pk, question.pk])

        try:
            sent = submit_once(request, purpose=f"proposal-answer:{question.pk}", write=write)
        except (services.QuestionError, FormTokenError) as error:
            form.add_error(None, str(error))
        else:
            if sent.first:
                messages.success(request, _("Thank you. Your answer is saved."))
            else:
                messages.info(request, ALREADY_SENT)
            return redirect(sent.redirect_to)
    _authorize_question_read(request, participant)
    return _question_page(request, participant, question, answer_form=form)


@login_required
@require_POST
def news_mail(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    """The participant switches the "there is news" mail about their questions on or off."""
    participant = participant_or_404(pk)
    require(permissions.can_set_news_mail(request.user, participant))
    question = get_object_or_404(participant.questions, pk=question_pk)
    form = NewsMailForm(request.POST)
    if form.is_valid():
        opt_in = form.cleaned_data["opt_in"]
        services.news_mail_set(
            participant=participant, opt_in=opt_in, by=request.user, request=request
        )
        if opt_in:
            messages.success(request, _("You get a mail when there is news about your questions."))
        else:
            messages.success(request, _("You no longer get a mail about your questions."))
    return redirect("questions:detail", pk=participant.pk, question_pk=question.pk)
