"""Telephone circles: the coordinator's pages (form a circle, its members and order, the week's
schedule, missed calls) and each member's page (whom they call, who calls them, when they
are away). Access is decided in ``accounts.permissions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import record_participant_list, record_participant_reads
from steunsysteem.core.form_tokens import FormTokenError, form_token, submit_form_once, submit_once

from . import services
from .forms import AbsenceForm, CircleForm, MemberForm
from .models import CallReport, Circle, CircleMember
from .schedule import circle_day, circle_week

NEIGHBOUR_FIELDS = ["circle.first_name", "circle.phone"]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _circle(request: HttpRequest, pk: int) -> Circle:
    circle = get_object_or_404(Circle.objects.select_related("coordinator"), pk=pk)
    _require(permissions.can_view_circle(request.user, circle))
    return circle


def _member(circle: Circle, member_pk: int) -> CircleMember:
    return get_object_or_404(circle.members.active(), pk=member_pk)


@never_cache
@login_required
def circle_list(request: HttpRequest) -> HttpResponse:
    runs = permissions.can_run_circles(request.user)
    circles = permissions.circles_of(request.user).order_by("name", "pk")
    _require(runs or circles.exists())
    return render(request, "circles/circle_list.html", {"circles": circles, "runs": runs})


@never_cache
@login_required
def circle_create(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_run_circles(request.user))
    form = CircleForm(request.POST or None)
    purpose = "circle:create"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            circle = services.circle_create(by=request.user, **form.cleaned_data)
            return reverse("circles:detail", args=[circle.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.CircleError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The circle is formed. Now add its members."))
    return render(
        request,
        "circles/circle_form.html",
        {"form": form, "form_token": form_token(request, purpose)},
    )


@never_cache
@login_required
def circle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    circle = _circle(request, pk)
    today = timezone.localdate()
    if permissions.can_run_circle(request.user, circle):
        return _coordinator_page(request, circle, today)
    return _member_page(request, circle, today)


def _coordinator_page(request: HttpRequest, circle: Circle, today) -> HttpResponse:
    members = list(circle.members.active().in_order().select_related("participant"))
    reads = [
        (m.participant, permissions.participant_access(request.user, m.participant, "profile"))
        for m in members
        if m.participant_id
    ]
    if reads:
        record_participant_reads(
            request=request,
            reads=[(participant, access.legal_basis) for participant, access in reads],
            fields=NEIGHBOUR_FIELDS,
        )
    alerts = circle.call_reports.open().select_related("caller", "callee").order_by("on_date")
    absences = (
        circle.members.active()
        .filter(absences__ends_on__gte=today)
        .values("first_name", "absences__starts_on", "absences__ends_on")
        .order_by("absences__starts_on")
    )
    return render(
        request,
        "circles/circle_detail.html",
        {
            "circle": circle,
            "members": members,
            "week": circle_week(circle, today),
            "alerts": alerts,
            "absences": absences,
            "absence_form": AbsenceForm(),
            "absence_token": form_token(request, f"circle:{circle.pk}:absence"),
            "report_token": form_token(request, f"circle:{circle.pk}:report"),
            "today": today,
        },
    )


def _member_page(request: HttpRequest, circle: Circle, today) -> HttpResponse:
    """A member sees only their neighbours: whom they call (first name and number) and
    who calls them (first name), today and on the next days of the week."""
    own = permissions.circle_member_of(request.user, circle)
    week = circle_week(circle, today)
    days = [(day, day.call_by(own), day.call_to(own)) for day in week]
    shown = {
        call.callee.pk: call.callee
        for _day, call, _in in days
        if call is not None and call.callee is not None
    }
    shown.update(
        {incoming.caller.pk: incoming.caller for _day, _call, incoming in days if incoming}
    )
    participants = [m for m in shown.values() if m.participant_id]
    if participants:
        record_participant_reads(
            request=request,
            reads=[(m.participant, f"circle_member:{m.pk}") for m in participants],
            fields=NEIGHBOUR_FIELDS,
        )
    return render(
        request,
        "circles/circle_member.html",
        {
            "circle": circle,
            "own": own,
            "days": days,
            "today_call": circle_day(circle, today).call_by(own),
            "reported_today": CallReport.objects.filter(caller=own, on_date=today).exists(),
            "absences": own.absences.filter(ends_on__gte=today).order_by("starts_on"),
            "absence_form": AbsenceForm(),
            "absence_token": form_token(request, f"circle:{circle.pk}:absence"),
            "report_token": form_token(request, f"circle:{circle.pk}:report"),
            "today": today,
        },
    )


@never_cache
@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    circle = get_object_or_404(Circle, pk=pk)
    _require(permissions.can_run_circle(request.user, circle))
    participants = [
        participant
        for participant in permissions.visible_participants(request.user).order_by("name")
        if permissions.can_be_circle_member(participant, circle)
    ]
    volunteers = permissions.circle_volunteers(circle)
    form = MemberForm(request.POST or None, participants=participants, volunteers=volunteers)
    purpose = f"circle:{circle.pk}:member"
    if request.method == "POST" and form.is_valid():
        kind, person = form.cleaned_data["person"]

        def write() -> str:
            services.circle_member_add(
                circle=circle,
                first_name=form.cleaned_data["first_name"],
                phone=form.cleaned_data["phone"],
                agreed_on=form.cleaned_data["agreed_on"],
                by=request.user,
                **{kind: person},
            )
            return reverse("circles:detail", args=[circle.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.CircleError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The member is added at the end of the order."))
    if participants:
        record_participant_list(request=request, participants=participants)
    return render(
        request,
        "circles/member_form.html",
        {"circle": circle, "form": form, "form_token": form_token(request, purpose)},
    )


def _post_once(request: HttpRequest, circle: Circle, purpose: str, write, thanks: str):
    try:
        sent = submit_once(request, purpose=purpose, write=write)
    except (services.CircleError, FormTokenError) as error:
        messages.error(request, str(error))
        return redirect("circles:detail", circle.pk)
    return sent.redirect(request, thanks=thanks)


@require_POST
@login_required
def member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    circle = get_object_or_404(Circle, pk=pk)
    _require(permissions.can_run_circle(request.user, circle))
    member = _member(circle, member_pk)

    def write() -> str:
        services.circle_member_leave(member=member, by=request.user)
        return reverse("circles:detail", args=[circle.pk])

    return _post_once(
        request, circle, f"circle:{circle.pk}:report", write, _("The member left the circle.")
    )


@require_POST
@login_required
def member_move_up(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    circle = get_object_or_404(Circle, pk=pk)
    _require(permissions.can_run_circle(request.user, circle))
    member = _member(circle, member_pk)

    def write() -> str:
        services.circle_member_move_up(member=member, by=request.user)
        return reverse("circles:detail", args=[circle.pk])

    return _post_once(
        request, circle, f"circle:{circle.pk}:report", write, _("The order is changed.")
    )


@require_POST
@login_required
def absence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Weg van ... tot ...": a member for themselves, the coordinator for any member."""
    circle = _circle(request, pk)
    if permissions.can_run_circle(request.user, circle):
        member = get_object_or_404(circle.members.active(), pk=request.POST.get("member") or 0)
    else:
        member = permissions.circle_member_of(request.user, circle)
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("circles:detail", circle.pk)

    def write() -> str:
        services.absence_record(member=member, by=request.user, **form.cleaned_data)
        return reverse("circles:detail", args=[circle.pk])

    return _post_once(
        request,
        circle,
        f"circle:{circle.pk}:absence",
        write,
        _("Saved. On those days the one before calls the one after."),
    )


@require_POST
@login_required
def call_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A member reports their own call of today; the coordinator reports for any member
    (someone told them by phone)."""
    circle = _circle(request, pk)
    if permissions.can_run_circle(request.user, circle):
        caller = get_object_or_404(circle.members.active(), pk=request.POST.get("caller") or 0)
    else:
        caller = permissions.circle_member_of(request.user, circle)
    reached = request.POST.get("reached") == "yes"

    def write() -> str:
        services.call_report(
            circle=circle,
            caller=caller,
            on_date=timezone.localdate(),
            reached=reached,
            by=request.user,
        )
        return reverse("circles:detail", args=[circle.pk])

    thanks = (
        _("Thank you. The call is reported.")
        if reached
        else _("Thank you. The coordinator hears of it and follows it up.")
    )
    return _post_once(request, circle, f"circle:{circle.pk}:report", write, thanks)


@require_POST
@login_required
def follow_up(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    circle = get_object_or_404(Circle, pk=pk)
    _require(permissions.can_run_circle(request.user, circle))
    report = get_object_or_404(circle.call_reports.open(), pk=report_pk)

    def write() -> str:
        services.call_report_follow_up(report=report, by=request.user)
        return reverse("circles:detail", args=[circle.pk])

    return _post_once(
        request, circle, f"circle:{circle.pk}:report", write, _("Marked as followed up.")
    )
