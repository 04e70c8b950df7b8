"""Rights requests: a professional or coordinator records that the person asked for a copy
of their data or for erasure; a copy holds only what they may see, and erasure waits for a
second person. The participant sees every request and can stop erasure. Access is decided
in ``accounts.permissions``; every page reads the person's name through the audit trail.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope

from .. import services
from ..constants import RightsRequestKind
from ..export import PART_SCOPES, as_json, rights_request_export
from ..forms import ErasureConfirmForm, RightsRequestDeclineForm, RightsRequestForm
from ..models import RightsRequest
from .base import participant_or_404, render_page, require
from .rights import download, export_pdf_bytes


def _request_or_404(pk, request_pk) -> RightsRequest:
    participant = participant_or_404(pk)
    rights_request = get_object_or_404(
        RightsRequest.objects.select_related("recorded_by", "decided_by"),
        pk=request_pk,
        participant=participant,
    )
    rights_request.participant = participant
    return rights_request


def _read_name(request: HttpRequest, participant) -> None:
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROFILE,
        fields=services.RIGHTS_REQUEST_FIELDS,
    )


@never_cache
@login_required
def rights_request_record(request: HttpRequest, pk) -> HttpResponse:
    """Record what the person asked for, when and how, before doing anything for them."""
    participant = participant_or_404(pk)
    require(permissions.can_record_rights_request(request.user, participant))
    _read_name(request, participant)
    may_erase = permissions.can_record_erasure_request(request.user, participant)
    form = RightsRequestForm(request.POST or None, may_erase=may_erase)
    if request.method == "POST" and form.is_valid():
        try:
            rights_request = services.rights_request_record(
                participant=participant,
                kind=form.cleaned_data["kind"],
                asked_on=form.cleaned_data["asked_on"],
                channel=form.cleaned_data["channel"],
                by=request.user,
                request=request,
            )
        except services.RightsRequestError as error:
            form.add_error(None, str(error))
        else:
            if rights_request.kind == RightsRequestKind.ERASURE:
                messages.success(
                    request,
                    _(
                        "The request is recorded. Nothing is erased yet: a colleague with"
                        " consent must approve it first."
                    ),
                )
            else:
                messages.success(request, _("The request is recorded. Download the copy now."))
            return redirect(
                "participants:rights_request", pk=participant.pk, request_pk=rights_request.pk
            )
    return render_page(
        request,
        "participants/rights_request_form.html",
        {"participant": participant, "form": form, "may_erase": may_erase},
    )


@never_cache
@login_required
def rights_request_detail(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    """One request: what, asked when and how, recorded by whom, and what can be done now."""
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_see_rights_request(request.user, rights_request))
    _read_name(request, rights_request.participant)
    return _render_detail(request, rights_request)


def _render_detail(
    request: HttpRequest, rights_request: RightsRequest, *, approve_form=None, decline_form=None
) -> HttpResponse:
    user = request.user
    participant = rights_request.participant
    is_open = rights_request.is_open
    can_download = permissions.can_download_for_rights_request(user, rights_request)
    scopes = permissions.scopes_to_hand_over(user, participant) if can_download else []
    return render_page(
        request,
        "participants/rights_request.html",
        {
            "participant": participant,
            "rights_request": rights_request,
            "can_download": can_download,
            "download_minutes": int(
                permissions.RIGHTS_REQUEST_DOWNLOAD_WINDOW.total_seconds() // 60
            ),
            "scope_labels": [ConsentScope(scope).label for scope in scopes],
            "left_out": [
                ConsentScope(scope).label
                for scope in ConsentScope.values
                if scope not in scopes and scope in PART_SCOPES.values()
            ],
            "can_approve": is_open and permissions.can_approve_rights_request(user, rights_request),
            "can_decline": is_open and permissions.can_decline_rights_request(user, rights_request),
            "can_stop": is_open and permissions.can_stop_rights_request(user, rights_request),
            "approve_form": approve_form or ErasureConfirmForm(prefix="approve"),
            "decline_form": decline_form or RightsRequestDeclineForm(prefix="decline"),
        },
    )


@login_required
def rights_request_export_json(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_download_for_rights_request(request.user, rights_request))
    data = rights_request_export(
        rights_request=rights_request, by=request.user, request=request, file_format="json"
    )
    return download(as_json(data).encode("utf-8"), "application/json; charset=utf-8", "json")


@login_required
def rights_request_export_pdf(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_download_for_rights_request(request.user, rights_request))
    data = rights_request_export(
        rights_request=rights_request, by=request.user, request=request, file_format="pdf"
    )
    return download(export_pdf_bytes(request, data), "application/pdf", "pdf")


@never_cache
@login_required
@require_POST
def rights_request_approve(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    """The second person types the word; then the erasure runs."""
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_approve_rights_request(request.user, rights_request))
    form = ErasureConfirmForm(request.POST, prefix="approve")
    if not form.is_valid():
        _read_name(request, rights_request.participant)
        return _render_detail(request, rights_request, approve_form=form)
    try:
        services.rights_request_approve(
            rights_request=rights_request, by=request.user, request=request
        )
    except services.RightsRequestError as error:
        messages.error(request, str(error))
        return redirect("participants:my_data", pk=pk)
    return redirect(reverse("participants:erased") + "?door=hulpverlener")


@never_cache
@login_required
@require_POST
def rights_request_decline(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_decline_rights_request(request.user, rights_request))
    form = RightsRequestDeclineForm(request.POST, prefix="decline")
    if not form.is_valid():
        _read_name(request, rights_request.participant)
        return _render_detail(request, rights_request, decline_form=form)
    try:
        services.rights_request_decline(
            rights_request=rights_request,
            reason=form.cleaned_data["reason"],
            by=request.user,
            request=request,
        )
    except services.RightsRequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The request is not carried out. The person sees this on their page.")
        )
    return redirect("participants:my_data", pk=pk)


@login_required
@require_POST
def rights_request_stop(request: HttpRequest, pk, request_pk: int) -> HttpResponse:
    """The participant stops a request to erase that someone else recorded for them."""
    rights_request = _request_or_404(pk, request_pk)
    require(permissions.can_stop_rights_request(request.user, rights_request))
    try:
        services.rights_request_stop(
            rights_request=rights_request, by=request.user, request=request
        )
    except services.RightsRequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The request is stopped. Nothing will be erased."))
    return redirect("participants:my_data", pk=pk)
