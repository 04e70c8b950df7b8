"""Referral pages: referring from a question, the receiving organisation's "Verwijzingen"
page and its single-use link, closing the question after a start, and "gaat het nog?".
Access is decided in ``accounts.permissions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.form_tokens import ALREADY_SENT, form_token, submit_form_once
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .forms import CheckInForm, ReferralForm, StepForm
from .models import Referral


def _question(participant, question_pk):
    return get_object_or_404(
        participant.questions.select_related("participant", "worktable"), pk=question_pk
    )


def _back(question) -> str:
    return reverse("questions:detail", args=[question.participant_id, question.pk])


@never_cache
@login_required
def referral_create(request: HttpRequest, pk, question_pk: int) -> HttpResponse:
    """Refer the question to a service, with the person's consent for that organisation.
    The form counts once."""
    participant = participant_or_404(pk)
    question = _question(participant, question_pk)
    require(permissions.can_refer(request.user, question))
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.QUESTIONS, fields=["questions"]
    )
    form = ReferralForm(
        request.POST or None,
        initial={"service": request.GET.get("dienst")},
        question=question,
        request=request,
        search=request.GET.get("zoek", "")[:200],
    )
    purpose = f"referral:{question.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.referral_create(
                question=question,
                service=form.cleaned_data["service"],
                consent_source=form.cleaned_data["consent_source"],
                by=request.user,
                request=request,
            )
            return _back(question)

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.ReferralError,)
        )
        if sent is not None:
            if sent.first:
                service = form.cleaned_data["service"]
                _contact, address = services.contact_for(service)
                if address:
                    done = _(
                        "The referral to %(service)s is made. The organisation got a mail with a"
                        " link to answer."
                    )
                else:
                    done = _(
                        "The referral to %(service)s is made. The organisation has no e-mail"
                        " address on the sociale kaart: its editors see it under 'Verwijzingen';"
                        " call them too."
                    )
                messages.success(request, done % {"service": service})
            else:
                messages.info(request, ALREADY_SENT)
            return redirect(sent.redirect_to)
    return render_page(
        request,
        "referrals/referral_form.html",
        {
            "participant": participant,
            "question": question,
            "form": form,
            "form_token": form_token(request, purpose),
        },
    )


def _referral_of(question, referral_pk: int) -> Referral:
    return get_object_or_404(question.referrals.select_related("service"), pk=referral_pk)


@login_required
@require_POST
def close_question(request: HttpRequest, pk, question_pk: int, referral_pk: int) -> HttpResponse:
    participant = participant_or_404(pk)
    question = _question(participant, question_pk)
    referral = _referral_of(question, referral_pk)
    require(permissions.can_close_question_by_referral(request.user, referral))
    try:
        services.referral_close_question(referral=referral, by=request.user, request=request)
    except services.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The question is closed as answered: takes part in %(service)s.")
            % {"service": referral.service},
        )
    return redirect(_back(question))


@login_required
@require_POST
def check_in(request: HttpRequest, pk, question_pk: int, referral_pk: int) -> HttpResponse:
    participant = participant_or_404(pk)
    question = _question(participant, question_pk)
    referral = _referral_of(question, referral_pk)
    require(permissions.can_answer_check_in(request.user, referral))
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose yes or no; keep the reason short."))
        return redirect(_back(question))
    try:
        services.check_in_answer(
            referral=referral,
            answer=form.cleaned_data["answer"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            request=request,
        )
    except services.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. The answer is saved with the referral."))
    return redirect(_back(question))


# The receiving organisation -------------------------------------------------------------------


@never_cache
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The referrals to the editor's organisations, open ones first. No names here."""
    require(permissions.can_handle_referrals(request.user))
    referrals = list(
        Referral.objects.received_by(permissions.referral_organizations(request.user))
        .select_related("service", "organization")
        .order_by("-created_at")
    )
    referrals.sort(key=lambda referral: referral.status not in services.OPEN_STATUSES)
    return render(request, "referrals/inbox.html", {"referrals": referrals, **_editor_nav(request)})


def _editor_nav(request: HttpRequest) -> dict:
    return {
        "handles_referrals": permissions.can_handle_referrals(request.user),
        "can_review": permissions.can_review_directory(request.user),
    }


def _page(request, referral, *, form, token: str = "", grant=None) -> HttpResponse:
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "participant": referral.question.participant if grant else None,
            "form": form if referral.status in services.OPEN_STATUSES else None,
            "events": referral.events.order_by("occurred_at", "pk"),
            "token": token,
            **_editor_nav(request),
        },
    )


@never_cache
@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One referral as the receiving organisation sees it (the person's basic details only
    with their consent), and the next step."""
    referral = get_object_or_404(
        Referral.objects.select_related("service", "organization", "question__participant"), pk=pk
    )
    require(permissions.can_update_referral(request.user, referral))
    form = StepForm(request.POST or None, status=referral.status)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update(
                referral=referral, step=form.step(), by=request.user, request=request
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The referral is updated."))
            return redirect("referrals:detail", pk=referral.pk)
    grant = services.shared_details_read(referral=referral, by=request.user, request=request)
    return _page(request, referral, form=form, grant=grant)


@never_cache
def referral_link(request: HttpRequest, token: str) -> HttpResponse:
    """The single-use link from the mail: the referral, what the person's consent shares,
    and the next step. Used once a step is sent; a used or expired link says so."""
    checked = services.link_check(token)
    if checked.state != services.LinkState.VALID:
        return render(
            request,
            "referrals/link_unusable.html",
            {"problem": services.link_problem(checked.state)},
            status=410 if checked.state != services.LinkState.INVALID else 404,
        )
    referral = checked.link.referral
    form = StepForm(request.POST or None, status=referral.status)
    if request.method == "POST" and form.is_valid():
        try:
            _referral, renewed = services.referral_update_via_link(
                token=token, step=form.step(), request=request
            )
        except services.ReferralError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "referrals/link_done.html", {"renewed": renewed})
    grant = services.shared_details_read(referral=referral, by=None, request=request)
    return _page(request, referral, form=form, token=token, grant=grant)
