"""The survey pages: answering through the one-time link (no account), and the results."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction

from . import selectors, services
from .constants import SurveyKind
from .forms import PeriodForm, SurveyAnswerForm


def _problem(state: str) -> str:
    if state == services.LinkState.USED:
        return _("This link was already used: your answer is in. Thank you.")
    if state == services.LinkState.EXPIRED:
        return _("This link no longer works: the survey has closed. Thank you all the same.")
    return _("This link does not work. Check that you copied the whole link from the mail.")


@never_cache
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    state, invitation = services.survey_link_check(token=token)
    if state != services.LinkState.VALID:
        return render(
            request,
            "surveys/unusable.html",
            {"problem": _problem(state)},
            status=404 if state == services.LinkState.INVALID else 410,
        )
    form = SurveyAnswerForm(request.POST or None, kind=invitation.kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                token=token, scores=form.scores(), remark=form.cleaned_data["remark"]
            )
        except services.SurveyLinkError as error:
            return render(
                request, "surveys/unusable.html", {"problem": _problem(error.state)}, status=410
            )
        return render(request, "surveys/thanks.html")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "participant": invitation.kind == SurveyKind.PARTICIPANT},
    )


@login_required
def survey_results(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_survey_results(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None, periods=selectors.half_years(today=timezone.localdate()))
    code, start, end = form.chosen()
    summaries = selectors.satisfaction_summary(period_start=start, period_end=end)
    remarks = {}
    if permissions.can_read_survey_remarks(request.user):
        remarks = {
            summary.kind: selectors.survey_remarks(
                kind=summary.kind, period_start=start, period_end=end
            )
            for summary in summaries
        }
        if any(remarks.values()):
            audit_record(
                actor=request.user,
                action=AuditAction.READ,
                object_type="surveys.surveyanswer",
                object_id=code,
                fields=["remark"],
                request=request,
            )
    return render(
        request,
        "surveys/results.html",
        {
            "form": form,
            "period": code,
            "rows": [(summary, remarks.get(summary.kind)) for summary in summaries],
            "threshold": settings.MONITOR_SMALL_CELL_THRESHOLD,
            "reads_remarks": permissions.can_read_survey_remarks(request.user),
        },
    )
