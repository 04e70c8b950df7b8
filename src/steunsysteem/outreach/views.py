"""Kwartiermaken: a person's route of visits (on the participant's pages) and the register
of organisations approached. Access is decided in ``accounts.permissions``; the route is
read through ``authorize_participant`` with the NOTES scope, so every read is audited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core.form_tokens import form_token, submit_form_once
from steunsysteem.directory.models import Organization, Service
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .constants import Phase
from .forms import ApproachForm, ConversationForm, ProposalForm, VisitForm
from .models import Approach

ROUTE_FIELDS = ["route"]


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@never_cache
@login_required
def route(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    is_self = participant.user_id == request.user.pk
    require(permissions.can_read_route(request.user, participant))
    if not is_self:
        authorize_participant(
            request=request, participant=participant, scope=ConsentScope.NOTES, fields=ROUTE_FIELDS
        )
    visits = list(participant.visits.newest_first())
    reached = {visit.phase for visit in visits}
    return render_page(
        request,
        "outreach/route.html",
        {
            "participant": participant,
            "visits": visits,
            "phases": [(value, label, value in reached) for value, label in Phase.choices],
            "can_keep": permissions.can_keep_route(request.user, participant),
        },
    )


@never_cache
@login_required
def visit_add(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_keep_route(request.user, participant))
    form = VisitForm(request.POST or None)
    purpose = f"visit:{participant.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.visit_record(participant=participant, by=request.user, **form.cleaned_data)
            return reverse("outreach:route", args=[participant.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.OutreachError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The visit is saved on the route."))
    return render_page(
        request,
        "outreach/visit_form.html",
        {"participant": participant, "form": form, "form_token": form_token(request, purpose)},
    )


@never_cache
@login_required
def approach_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_view_approaches(request.user))
    approaches = Approach.objects.select_related("organization", "kwartiermaker").order_by(
        "organization__name", "pk"
    )
    return render(
        request,
        "outreach/approach_list.html",
        {
            "approaches": approaches,
            "can_start": permissions.can_do_kwartiermaken(request.user),
        },
    )


@never_cache
@login_required
def approach_create(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_do_kwartiermaken(request.user))
    form = ApproachForm(request.POST or None, organizations=Organization.objects.order_by("name"))
    purpose = "approach:create"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            approach = services.approach_start(by=request.user, **form.cleaned_data)
            return reverse("outreach:approach", args=[approach.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.OutreachError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The organisation is in your register."))
    return render(
        request,
        "outreach/approach_form.html",
        {"form": form, "form_token": form_token(request, purpose)},
    )


def _approach(request: HttpRequest, pk: int) -> Approach:
    approach = get_object_or_404(
        Approach.objects.select_related("organization", "kwartiermaker"), pk=pk
    )
    _require(permissions.can_view_approaches(request.user))
    return approach


@never_cache
@login_required
def approach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    approach = _approach(request, pk)
    return render(
        request,
        "outreach/approach_detail.html",
        {
            "approach": approach,
            "conversations": approach.conversations.order_by("-held_on", "-pk"),
            "proposals": approach.proposals.select_related(
                "change_request", "change_request__service"
            ).order_by("-proposed_at"),
            "can_edit": permissions.can_edit_approach(request.user, approach),
        },
    )


@never_cache
@login_required
def conversation_add(request: HttpRequest, pk: int) -> HttpResponse:
    approach = _approach(request, pk)
    _require(permissions.can_edit_approach(request.user, approach))
    form = ConversationForm(
        request.POST or None,
        initial={
            "ggz_friendly": approach.ggz_friendly,
            "contact_person": approach.contact_person,
            "first_visit_on": approach.first_visit_on,
        },
    )
    purpose = f"approach:{approach.pk}:conversation"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.conversation_record(approach=approach, by=request.user, **form.cleaned_data)
            return reverse("outreach:approach", args=[approach.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.OutreachError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The conversation is saved."))
    return render(
        request,
        "outreach/conversation_form.html",
        {"approach": approach, "form": form, "form_token": form_token(request, purpose)},
    )


@never_cache
@login_required
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    approach = _approach(request, pk)
    _require(permissions.can_edit_approach(request.user, approach))
    form = ProposalForm(
        request.POST or None,
        services=Service.objects.filter(organization=approach.organization).order_by("name"),
        initial={"features": services.features_agreed(approach)},
    )
    purpose = f"approach:{approach.pk}:propose"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.features_propose(approach=approach, by=request.user, **form.cleaned_data)
            return reverse("outreach:approach", args=[approach.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.OutreachError,)
        )
        if sent is not None:
            return sent.redirect(
                request,
                thanks=_("Proposed. A coordinator reviews it; then the entry shows it."),
            )
    return render(
        request,
        "outreach/proposal_form.html",
        {"approach": approach, "form": form, "form_token": form_token(request, purpose)},
    )
