"""A participant's questions: the list with where each one stands and which werktafel it
goes to, asking a new one, and correcting or withdrawing one until the table discussed it."""

from __future__ import annotations

from dataclasses import dataclass

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
from steunsysteem.core.form_tokens import ALREADY_SENT, form_token, submit_form_once
from steunsysteem.matching.questions import match_for_question
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .constants import OPEN_STATUSES, QuestionStatus, TableSharing
from .forms import ASK_NONE, ASK_RECORD, ASK_SELF, NewsMailForm, ProposalAnswerForm, QuestionForm
from .models import Question
from .selectors import question_overview


@dataclass(frozen=True)
class QuestionRow:
    """One question in the list: where it stands, where it goes, whether it can change."""

    question: Question
    sharing: str  # TableSharing, empty for a question that is finished
    can_change: bool


def where_it_goes(sharing: str, worktable) -> str:
    """One plain sentence: the werktafel the question goes to, or why it does not yet."""
    if sharing == TableSharing.SHARED:
        return _("Goes to %(table)s.") % {"table": worktable}
    if sharing == TableSharing.NO_TABLE:
        return _("Not shared with a werktafel yet: no werktafel was chosen.")
    if sharing == TableSharing.CONSENT_WAITS:
        return _(
            "Not shared with a werktafel yet: the consent for %(table)s waits for a second yes."
        ) % {"table": worktable}
    return _(
        "Not shared with a werktafel yet: %(table)s may only see it with the person's consent."
    ) % {"table": worktable}


def _ask(request: HttpRequest, participant) -> str:
    """Who gives the table consent in the question form (see ``forms.ASK_*``)."""
    if participant.user_id == request.user.pk:
        return ASK_SELF
    if permissions.can_manage_consent(request.user, participant):
        return ASK_RECORD
    return ASK_NONE


def _form(request: HttpRequest, participant, **kwargs) -> QuestionForm:
    return QuestionForm(
        request.POST or None,
        participant=participant,
        ask=_ask(request, participant),
        tables_with_consent=permissions.worktables_seeing_questions_of(participant),
        **kwargs,
    )


@never_cache
@login_required
def question_list(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.QUESTIONS, fields=["questions"]
    )
    may_change = permissions.can_change_questions_of(request.user, participant)
    rows = []
    for question in participant.questions.newest_first().select_related("worktable"):
        sharing = (
            permissions.question_table_sharing(question) if question.status in OPEN_STATUSES else ""
        )
        rows.append(
            QuestionRow(
                question=question,
                sharing=sharing,
                can_change=may_change and question.is_open_to_change,
            )
        )
    return render_page(
        request,
        "questions/question_list.html",
        {
            "participant": participant,
            "rows": rows,
            "can_submit": permissions.can_submit_question(request.user, participant),
            "manages_consent": permissions.can_manage_consent(request.user, participant),
        },
    )


@never_cache
@login_required
def question_submit(request: HttpRequest, pk) -> HttpResponse:
    """Ask a question, choose its werktafel and give (or record) the consent that the table
    may see it. The form counts once: a double click brings in one question."""
    participant = participant_or_404(pk)
    require(permissions.can_submit_question(request.user, participant))
    form = _form(request, participant)
    purpose = f"question:{participant.pk}"
    if request.method == "POST" and form.is_valid():
        created = []

        def write() -> str:
            created.append(
                services.question_submit(
                    participant=participant,
                    **form.question_fields(),
                    by=request.user,
                    request=request,
                )
            )
            return reverse("questions:list", args=[participant.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.QuestionError,)
        )
        if sent is not None:
            if sent.first:
                question = created[0]
                sharing = permissions.question_table_sharing(question)
                messages.success(
                    request,
                    _("Thank you, the question is saved. %(where)s")
                    % {"where": where_it_goes(sharing, question.worktable)},
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


def _question_of(participant, question_pk) -> Question:
    return get_object_or_404(
        Question.objects.select_related("worktable"), pk=question_pk, participant=participant
    )


@never_cache
@login_required
def question_change(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    """Correct a question (words, life domains, wishes and limits, readiness, urgency,
    werktafel, and the table consent) until the werktafel discussed it; after that the page
    says why it can no longer change. Each change is audited by field name."""
    participant = participant_or_404(pk)
    require(permissions.can_change_questions_of(request.user, participant))
    question = _question_of(participant, question_pk)
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.QUESTIONS, fields=["questions"]
    )
    if not question.is_open_to_change:
        return render_page(
            request,
            "questions/question_change.html",
            {
                "participant": participant,
                "question": question,
                "fixed_because": services.why_fixed(question),
            },
        )
    form = _form(
        request,
        participant,
        initial={
            "text": question.text,
            "life_domains": question.life_domains,
            "wishes_and_limits": question.wishes_and_limits,
            "readiness": question.readiness,
            "urgency": question.urgency,
            "worktable": question.worktable_id,
        },
        table_fixed=question.status != QuestionStatus.NEW,
    )
    if request.method == "POST" and form.is_valid():
        before = permissions.question_table_sharing(question)
        try:
            changed = services.question_correct(
                question=question, **form.question_fields(), by=request.user, request=request
            )
        except services.QuestionError as error:
            form.add_error(None, str(error))
        else:
            question.refresh_from_db()
            sharing = permissions.question_table_sharing(question)
            if changed:
                done = _("The question is changed.")
            elif sharing != before:
                done = _("The consent for the werktafel is written down.")
            else:
                done = _("Nothing was changed.")
            messages.success(request, f"{done} {where_it_goes(sharing, question.worktable)}")
            return redirect("questions:list", pk=participant.pk)
    return render_page(
        request,
        "questions/question_change.html",
        {"participant": participant, "question": question, "form": form},
    )


@login_required
@require_POST
def question_withdraw(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    """Withdraw a question until the werktafel discussed it; the table no longer takes it up."""
    participant = participant_or_404(pk)
    require(permissions.can_change_questions_of(request.user, participant))
    question = _question_of(participant, question_pk)
    try:
        services.question_withdraw(question=question, by=request.user, request=request)
    except services.QuestionError as error:
        messages.error(request, str(error))
        return redirect("questions:change", pk=participant.pk, question_pk=question.pk)
    messages.success(request, _("The question is withdrawn. No werktafel takes it up."))
    return redirect("questions:list", pk=participant.pk)


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
            "can_ask_for_buddy": permissions.can_use_buddies(request.user)
            and permissions.can_ask_for_buddy(request.user, question),
            # Offers that may fit, while the question is still being worked on.
            "matches": match_for_question(question=question, request=request)
            if question.status in OPEN_STATUSES
            else None,
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

        sent = submit_form_once(
            request,
            form,
            purpose=f"proposal-answer:{question.pk}",
            write=write,
            errors=(services.QuestionError,),
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("Thank you. Your answer is saved."))
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
