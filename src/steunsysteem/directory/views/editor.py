"""Pages for provider editors ("Mijn aanbod"), coordinators ("Te beoordelen") and the
visitor's "this is out of date" report. Access is decided in ``accounts.permissions``."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core.form_tokens import form_token, submit_form_once

from .. import programme, service_rows, services
from ..changes import describe_changes
from ..constants import (
    ChangeRequestKind,
    ChangeRequestStatus,
    OutdatedReportStatus,
)
from ..forms import EntryForm, OutdatedReportForm, ReviewForm
from ..models import ChangeRequest, Organization, OutdatedReport, Service


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context["can_review"] = permissions.can_review_directory(request.user)
    context["handles_referrals"] = permissions.can_handle_referrals(request.user)
    return render(request, f"directory/editor/{template}", context)


def _editable_service(request: HttpRequest, pk) -> Service:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    _require(permissions.can_edit_service(request.user, service))
    return service


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_use_directory_editor(request.user))
    organizations = permissions.editable_organizations(request.user).order_by("name")
    entries = (
        Service.objects.filter(organization__in=organizations)
        .annotate(
            pending_count=Count(
                "change_requests",
                filter=Q(change_requests__status=ChangeRequestStatus.PENDING),
                distinct=True,
            ),
            open_report_count=Count(
                "outdated_reports",
                filter=Q(outdated_reports__status=OutdatedReportStatus.OPEN),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    by_organization: dict = {organization.pk: [] for organization in organizations}
    for service in entries:
        service.needs_checking = services.service_needs_checking(service)
        by_organization[service.organization_id].append(service)
    proposals = (
        ChangeRequest.objects.filter(organization__in=organizations, kind=ChangeRequestKind.CREATE)
        .exclude(status=ChangeRequestStatus.APPROVED)
        .order_by("-submitted_at")
    )
    return _render(
        request,
        "dashboard.html",
        {
            "organizations": [(o, by_organization[o.pk]) for o in organizations],
            "proposals": proposals,
        },
    )


@login_required
def week(request: HttpRequest) -> HttpResponse:
    """ "Deze week": the programme of the editor's organisations, each activity editable."""
    _require(permissions.can_use_directory_editor(request.user))
    today = timezone.localdate()
    try:
        chosen = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        chosen = today
    monday = programme.monday_of(chosen)
    organizations = permissions.editable_organizations(request.user)
    return _render(
        request,
        "week.html",
        {
            "week": programme.week_programme(organizations, monday=monday),
            "is_this_week": monday == programme.monday_of(today),
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
            "this_week": programme.monday_of(today),
        },
    )


@login_required
def service_detail(request: HttpRequest, pk) -> HttpResponse:
    service = _editable_service(request, pk)
    change_requests = service.change_requests.select_related("submitted_by", "reviewed_by")
    return _render(
        request,
        "service_detail.html",
        {
            "service": service,
            "needs_checking": services.service_needs_checking(service),
            "pending": describe_changes(
                change_requests.filter(status=ChangeRequestStatus.PENDING).order_by("-submitted_at")
            ),
            "rejected": describe_changes(
                change_requests.filter(status=ChangeRequestStatus.REJECTED).order_by("-reviewed_at")
            ),
            "versions": describe_changes(
                change_requests.filter(status=ChangeRequestStatus.APPROVED).order_by("-reviewed_at")
            ),
            "reports": service.outdated_reports.filter(status=OutdatedReportStatus.OPEN).order_by(
                "-reported_at"
            ),
        },
    )


@login_required
def service_edit(request: HttpRequest, pk) -> HttpResponse:
    service = _editable_service(request, pk)
    form = EntryForm(
        request.POST or None,
        organization=service.organization,
        snapshot=services.service_snapshot(service),
        service=service,
    )
    purpose = f"directory-change:{service.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.change_request_submit_update(
                service=service, values=form.values(), by=request.user
            )
            return reverse("directory:editor_service", args=[service.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.ChangeRequestError,)
        )
        if sent is not None:
            return sent.redirect(
                request, thanks=_("Thank you. A coordinator will check your change soon.")
            )
    return _render(
        request,
        "service_form.html",
        {
            "form": form,
            "form_token": form_token(request, purpose),
            "service": service,
            "fixed_schedules": service_rows.fixed_schedules(service),
            "fixed_hours": service_rows.fixed_location_hours(service.organization_id),
        },
    )


@login_required
def service_create(request: HttpRequest, organization_pk) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_pk)
    _require(permissions.can_edit_organization(request.user, organization))
    form = EntryForm(
        request.POST or None,
        organization=organization,
        snapshot={"location_hours": service_rows.organization_hours(organization.pk)},
    )
    purpose = f"directory-new:{organization.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.change_request_submit_create(
                organization=organization, values=form.values(), by=request.user
            )
            return reverse("directory:editor_dashboard")

        sent = submit_form_once(request, form, purpose=purpose, write=write)
        if sent is not None:
            return sent.redirect(
                request, thanks=_("Thank you. A coordinator will check the new entry soon.")
            )
    return _render(
        request,
        "service_form.html",
        {
            "form": form,
            "form_token": form_token(request, purpose),
            "organization": organization,
            "fixed_hours": service_rows.fixed_location_hours(organization.pk),
        },
    )


@login_required
@require_POST
def service_confirm(request: HttpRequest, pk) -> HttpResponse:
    service = _editable_service(request, pk)
    services.service_confirm_current(service=service, by=request.user)
    messages.success(request, _("Thank you for checking. The entry is marked as up to date."))
    return redirect("directory:editor_service", pk=service.pk)


@login_required
@require_POST
def report_handle(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(OutdatedReport.objects.select_related("service"), pk=pk)
    _require(permissions.can_edit_service(request.user, report.service))
    services.outdated_report_handle(report=report, by=request.user)
    messages.success(request, _("The report is marked as handled."))
    if request.POST.get("next") == "review":
        return redirect("directory:review_queue")
    return redirect("directory:editor_service", pk=report.service_id)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_review_directory(request.user))
    pending = ChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING).select_related(
        "organization", "service", "submitted_by"
    )
    reports = OutdatedReport.objects.filter(status=OutdatedReportStatus.OPEN).select_related(
        "service"
    )
    return _render(
        request,
        "review_queue.html",
        {
            "pending": pending.order_by("submitted_at"),
            "reports": reports.order_by("reported_at"),
        },
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(permissions.can_review_directory(request.user))
    change_request = get_object_or_404(
        ChangeRequest.objects.select_related("organization", "service", "submitted_by"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.APPROVE:
                services.change_request_approve(change_request=change_request, by=request.user)
                messages.success(request, _("Approved. The entry is now public."))
            else:
                services.change_request_reject(
                    change_request=change_request, by=request.user, note=form.cleaned_data["note"]
                )
                messages.success(request, _("Rejected. The editor will see your note."))
        except services.ChangeRequestError as error:
            form.add_error(None, str(error))
        else:
            return redirect("directory:review_queue")
    [described] = describe_changes([change_request], current=True)
    return _render(
        request,
        "review_detail.html",
        {"change_request": change_request, "described": described, "form": form},
    )


def report_outdated(request: HttpRequest, pk) -> HttpResponse:
    """A visitor (no account needed) says an entry is out of date."""
    service = get_object_or_404(Service.objects.public(), pk=pk)
    form = OutdatedReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_from_bot():
            services.outdated_report_submit(service=service, message=form.cleaned_data["message"])
        return redirect("directory:report_outdated_thanks", pk=service.pk)
    return render(
        request, "directory/editor/report_outdated.html", {"service": service, "form": form}
    )


def report_outdated_thanks(request: HttpRequest, pk) -> HttpResponse:
    service = get_object_or_404(Service.objects.public(), pk=pk)
    return render(request, "directory/editor/report_outdated_thanks.html", {"service": service})
