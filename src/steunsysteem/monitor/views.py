"""The monitor pages: the dashboard (home of the policy officer and coordinators), its CSV
and PDF, the targets and the covenant register; and the participant's target-group choice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.core import form_tokens
from steunsysteem.directory.coverage import district_coverage
from steunsysteem.participants.views.base import participant_or_404, render_page

from . import selectors, services
from .charts import bar_chart
from .counting import Scope
from .exports import monitor_csv, monitor_xlsx
from .forms import (
    CommitmentForm,
    MonitorFilterForm,
    MssRoleForm,
    PartnerForm,
    SeatForm,
    TargetForm,
    TargetGroupForm,
)
from .models import MssRole, SteeringGroupSeat, Target
from .periods import Period
from .report import report_pdf


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _default_period() -> Period:
    """The last half-year that has ended: the one a half-yearly evaluation is about."""
    today = timezone.localdate()
    current = Period.half_of(today)
    return current.trend(2)[0]


def _scope(request: HttpRequest) -> tuple[MonitorFilterForm, Scope]:
    default = _default_period()
    data = request.GET.copy()
    data.setdefault("period", default.code)
    form = MonitorFilterForm(data)
    if form.is_valid():
        district, worktable = form.cleaned_data["district"], form.cleaned_data["worktable"]
        scope = Scope(
            Period.parse(form.cleaned_data["period"]),
            district.pk if district else None,
            worktable.pk if worktable else None,
        )
    else:
        scope = Scope(default)
    return form, scope


def _audit_export(request: HttpRequest, what: str, scope: Scope) -> None:
    """An export of totals holds no personal data; it is still recorded who took which."""
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="monitor",
        object_id=f"{what}:{scope.period.code}",
        request=request,
    )


@never_cache
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_monitor(request.user))
    form, scope = _scope(request)
    result = selectors.monitor(scope)
    return render(
        request,
        "monitor/dashboard.html",
        {
            "form": form,
            "monitor": result,
            "charted": [(table, bar_chart(table)) for table in result.tables],
            "satisfaction": result.satisfaction,
            "query": request.GET.urlencode(),
            "can_edit": permissions.can_edit_covenant(request.user),
            "coverage": district_coverage(),
            "can_view_coverage": permissions.can_view_coverage(request.user),
        },
    )


@never_cache
@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_monitor(request.user))
    _form, scope = _scope(request)
    _audit_export(request, "csv", scope)
    response = HttpResponse(
        "\ufeff" + monitor_csv(selectors.monitor(scope)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="monitor-{scope.period.code}.csv"'
    return response


@never_cache
@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_monitor(request.user))
    _form, scope = _scope(request)
    _audit_export(request, "xlsx", scope)
    response = HttpResponse(
        monitor_xlsx(selectors.monitor(scope)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="monitor-{scope.period.code}.xlsx"'
    return response


@never_cache
@login_required
def report_download(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_monitor(request.user))
    _form, scope = _scope(request)
    _audit_export(request, "pdf", scope)
    response = HttpResponse(report_pdf(scope), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluatie-mss-{scope.period.code}.pdf"'
    )
    return response


@never_cache
@login_required
def targets(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_edit_covenant(request.user))
    form = TargetForm(request.POST or None, initial={"period": str(timezone.localdate().year)})
    purpose = "monitor_target"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.target_set(by=request.user, request=request, **form.cleaned_data)
            return reverse("monitor:targets")

        sent = form_tokens.submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.MonitorError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The target is saved."))
    return render(
        request,
        "monitor/targets.html",
        {
            "form": form,
            "form_token": form_tokens.form_token(request, purpose),
            "targets": Target.objects.order_by("-period", "indicator"),
        },
    )


@login_required
@require_POST
def target_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_edit_covenant(request.user))
    target = get_object_or_404(Target, pk=pk)
    services.target_remove(target=target, by=request.user, request=request)
    messages.success(request, _("The target is removed."))
    return redirect("monitor:targets")


COVENANT_FORMS = {
    "partner": PartnerForm,
    "commitment": CommitmentForm,
    "role": MssRoleForm,
    "seat": SeatForm,
}
COVENANT_WRITES = {
    "partner": services.covenant_partner_add,
    "commitment": services.commitment_add,
    "role": services.mss_role_add,
    "seat": services.steering_group_seat_add,
}


def _covenant_page(request: HttpRequest, forms: dict, status: int = 200) -> HttpResponse:
    return render(
        request,
        "monitor/covenant.html",
        {
            "sections": [
                (part, form, form_tokens.form_token(request, f"covenant:{part}"))
                for part, form in forms.items()
            ],
            "partners": selectors.covenant_partners(),
            "roles": MssRole.objects.select_related("partner").order_by("kind", "title"),
            "seats": SteeringGroupSeat.objects.select_related("partner").order_by("function"),
            "can_edit": permissions.can_edit_covenant(request.user),
        },
        status=status,
    )


@never_cache
@login_required
def covenant(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_monitor(request.user))
    return _covenant_page(request, {part: form() for part, form in COVENANT_FORMS.items()})


@login_required
@require_POST
def covenant_add(request: HttpRequest, part: str) -> HttpResponse:
    """Add a partner, a commitment, an MSS function or a stuurgroep seat. Counts once."""
    _require(permissions.can_edit_covenant(request.user))
    if part not in COVENANT_FORMS:
        raise Http404
    forms = {name: form() for name, form in COVENANT_FORMS.items()}
    form = forms[part] = COVENANT_FORMS[part](request.POST)
    if form.is_valid():

        def write() -> str:
            COVENANT_WRITES[part](by=request.user, request=request, **form.cleaned_data)
            return reverse("monitor:covenant") + f"#{part}"

        sent = form_tokens.submit_form_once(
            request, form, purpose=f"covenant:{part}", write=write, errors=(services.MonitorError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("Added to the covenant register."))
    return _covenant_page(request, forms)


@never_cache
@login_required
def target_group(request: HttpRequest, pk) -> HttpResponse:
    """Whether the person is counted in the region's target group, with an age band: only
    with their yes, never a diagnosis; the monitor shows only totals."""
    participant = participant_or_404(pk)
    _require(permissions.can_edit_details(request.user, participant))
    fields = ["target_group", "age_band", "target_group_consented_on"]
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.PROFILE, fields=fields
    )
    form = TargetGroupForm(
        request.POST or None,
        initial={
            "target_group": participant.target_group,
            "age_band": participant.age_band,
            "consented": participant.target_group_consented_on is not None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.target_group_mark(
                participant=participant, by=request.user, request=request, **form.cleaned_data
            )
        except services.MonitorError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("participants:detail", pk=participant.pk)
    return render_page(
        request, "monitor/target_group.html", {"participant": participant, "form": form}
    )
