"""The signals pages: the list with the "look now" button, and one signal with its evidence."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens

from . import services
from .evidence import shown_count, signal_evidence
from .forms import (
    SignalAnswerForm,
    SignalDescribeForm,
    SignalDismissForm,
    SignalFilterForm,
    SignalRaiseForm,
    SignalRespondForm,
)
from .models import Signal


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_signals(request.user))
    manage = permissions.can_manage_signals(request.user)
    exact = permissions.sees_exact_signal_counts(request.user)
    form = SignalFilterForm(request.GET or None, manage=manage)
    signals = (
        Signal.objects.filter(status__in=form.statuses()).select_related("district").newest_first()
    )
    rows = [(signal, shown_count(signal.question_count, exact=exact)) for signal in signals]
    return render(
        request,
        "white_spots/signal_list.html",
        {
            "form": form,
            "rows": rows,
            "manage": manage,
            "can_raise": permissions.can_raise_signal(request.user),
        },
    )


@login_required
@require_POST
def signal_detect_now(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_manage_signals(request.user))
    raised = services.signal_detect(by=request.user, request=request)
    if raised:
        messages.success(
            request,
            ngettext("%(count)d new signal.", "%(count)d new signals.", len(raised))
            % {"count": len(raised)},
        )
    else:
        messages.success(request, _("No new signals. The evidence of open signals is up to date."))
    return redirect("signals:list")


@login_required
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = get_object_or_404(
        Signal.objects.select_related("district", "answered_by_service"), pk=pk
    )
    _require(permissions.can_view_signal(request.user, signal))
    return _signal_page(request, signal)


def _signal_page(
    request: HttpRequest, signal: Signal, *, respond_form: SignalRespondForm | None = None
) -> HttpResponse:
    manage = permissions.can_manage_signals(request.user)
    respond = permissions.can_respond_to_signal(request.user, signal)
    context = {
        "signal": signal,
        "manage": manage,
        "evidence": signal_evidence(
            signal, exact=permissions.sees_exact_signal_counts(request.user)
        )
        if signal.from_questions
        else None,
        "waiting_weeks": settings.SIGNAL_OPEN_WAITING_WEEKS,
        "events": signal.events.select_related("by").order_by("occurred_at", "pk"),
        "can_respond": respond,
    }
    if manage:
        context |= {
            "describe_form": SignalDescribeForm(
                initial={"title": signal.title, "missing": signal.missing}
            ),
            "answer_form": SignalAnswerForm(),
            "dismiss_form": SignalDismissForm(),
        }
    if respond:
        context |= {
            "respond_form": respond_form
            or SignalRespondForm(
                initial={"response": signal.response, "due_on": signal.response_due_on}
            ),
            "form_token": form_tokens.form_token(request, f"signal_respond:{signal.pk}"),
        }
    return render(request, "white_spots/signal_detail.html", context)


@login_required
def signal_raise(request: HttpRequest) -> HttpResponse:
    """A coordinator raises a signal by hand, saying where it comes from. The form counts
    once: a double click raises one signal."""
    _require(permissions.can_raise_signal(request.user))
    form = SignalRaiseForm(request.POST or None)
    purpose = "signal_raise"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            signal = services.signal_raise(by=request.user, request=request, **form.cleaned_data)
            return reverse("signals:detail", args=[signal.pk])

        sent = form_tokens.submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.SignalError,)
        )
        if sent is not None:
            return sent.redirect(
                request,
                thanks=_("The signal is raised. Check it, then send it to the municipality."),
            )
    return render(
        request,
        "white_spots/signal_raise.html",
        {"form": form, "form_token": form_tokens.form_token(request, purpose)},
    )


@login_required
@require_POST
def signal_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """A policy officer answers a signal sent to the municipality. The form counts once."""
    signal = get_object_or_404(
        Signal.objects.select_related("district", "answered_by_service"), pk=pk
    )
    _require(permissions.can_respond_to_signal(request.user, signal))
    form = SignalRespondForm(request.POST)
    if form.is_valid():

        def write() -> str:
            services.signal_respond(
                signal=signal, by=request.user, request=request, **form.cleaned_data
            )
            return reverse("signals:detail", args=[signal.pk])

        sent = form_tokens.submit_form_once(
            request,
            form,
            purpose=f"signal_respond:{signal.pk}",
            write=write,
            errors=(services.SignalError,),
        )
        if sent is not None:
            return sent.redirect(
                request, thanks=_("Your answer is saved. The coordinator can read it now.")
            )
    return _signal_page(request, signal, respond_form=form)


def _act(request: HttpRequest, pk: int, form_class, action, done: str) -> HttpResponse:
    """Validate the form, make the one domain call, and go back to the signal."""
    _require(permissions.can_manage_signals(request.user))
    signal = get_object_or_404(Signal, pk=pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("signals:detail", pk=signal.pk)
    data = form.cleaned_data if form is not None else {}
    try:
        action(signal=signal, by=request.user, request=request, **data)
    except services.SignalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("signals:detail", pk=signal.pk)


@login_required
@require_POST
def signal_describe(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, SignalDescribeForm, services.signal_describe, _("Saved."))


@login_required
@require_POST
def signal_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        None,
        services.signal_send,
        _("The signal is marked as sent to the municipality."),
    )


@login_required
@require_POST
def signal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, SignalAnswerForm, services.signal_answer, _("The signal is answered. Great!")
    )


@login_required
@require_POST
def signal_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, SignalDismissForm, services.signal_dismiss, _("The signal is dismissed.")
    )
