"""The participant's rights under the AVG: see and download everything stored about them
(art. 15 and 20), and have it erased (art. 17). Someone else acts on such a request only
through a recorded rights request (``views.rights_requests``). Access is decided in
``accounts.permissions``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope

from .. import services
from ..export import as_json, participant_export
from ..forms import ErasureConfirmForm
from ..models import ErasureRecord
from .base import participant_or_404, render_page, require

EXPORT_FILENAME = "steunsysteem-mijn-gegevens-{date}.{extension}"


@never_cache
@login_required
def my_data(request: HttpRequest, pk) -> HttpResponse:
    """The rights page ("Mijn rechten"): the participant downloads and erases; a professional
    or coordinator with consent records a request the person made, a second one approves
    erasure."""
    participant = participant_or_404(pk)
    require(permissions.can_see_rights(request.user, participant))
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROFILE,
        fields=services.RIGHTS_REQUEST_FIELDS,
    )
    user = request.user
    requests = [
        item
        for item in participant.rights_requests.select_related(
            "recorded_by", "decided_by", "participant"
        ).newest_first()
        if permissions.can_see_rights_request(user, item)
    ]
    return render_page(
        request,
        "participants/my_data.html",
        {
            "participant": participant,
            "can_export": permissions.can_export_participant(user, participant),
            "can_erase": permissions.can_erase_participant(user, participant),
            "can_record": permissions.can_record_rights_request(user, participant),
            "can_record_erasure": permissions.can_record_erasure_request(user, participant),
            "requests": requests,
        },
    )


@login_required
def export_json(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_export_participant(request.user, participant))
    data = participant_export(
        participant=participant, by=request.user, request=request, file_format="json"
    )
    return download(as_json(data).encode("utf-8"), "application/json; charset=utf-8", "json")


@login_required
def export_pdf(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_export_participant(request.user, participant))
    data = participant_export(
        participant=participant, by=request.user, request=request, file_format="pdf"
    )
    return download(export_pdf_bytes(request, data), "application/pdf", "pdf")


def export_pdf_bytes(request: HttpRequest, data: dict) -> bytes:
    """The readable PDF of a download; rendered after the audited transaction."""
    from weasyprint import HTML

    html = render_to_string("participants/export_pdf.html", {"data": data}, request=request)
    return HTML(string=html).write_pdf()


def download(content: bytes, content_type: str, extension: str) -> HttpResponse:
    """An attachment that no browser or proxy keeps; the file name holds no name."""
    response = HttpResponse(content, content_type=content_type)
    filename = EXPORT_FILENAME.format(date=timezone.localdate().isoformat(), extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def erase(request: HttpRequest, pk) -> HttpResponse:
    """The participant erases their own data: say plainly what erasure means, ask for the
    word, then erase and log out."""
    participant = participant_or_404(pk)
    require(permissions.can_erase_participant(request.user, participant))
    form = ErasureConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_erase(participant=participant, by=request.user, request=request)
        except services.RightsRequestError as error:
            messages.error(request, str(error))
            return redirect("participants:my_data", pk=participant.pk)
        logout(request)
        return redirect("participants:erased")
    return render_page(
        request, "participants/erase_confirm.html", {"participant": participant, "form": form}
    )


@never_cache
def erased(request: HttpRequest) -> HttpResponse:
    """The erasure is done. Holds no data: a participant sees it after being logged out."""
    return render(
        request,
        "participants/erased.html",
        {"by_professional": request.GET.get("door") == "hulpverlener"},
    )


def erasure_notice_or_404(request: HttpRequest, pk) -> HttpResponse:
    """For a record that is gone: whoever held consent when it was erased sees that and
    when (410 Gone), nobody else learns that it ever existed (404)."""
    record = ErasureRecord.objects.filter(participant_id=pk).first()
    if record is None or not permissions.can_see_erasure_record(request.user, record):
        raise Http404
    return render(request, "participants/erasure_notice.html", {"record": record}, status=410)


RECENT_ERASURE_DAYS = 90


def erasures_known_to(user) -> list[ErasureRecord]:
    """Recent erasures of people who had given this user (or their organisation or
    werktafel) consent, so the list can say that some people left."""
    recent = ErasureRecord.objects.since(days=RECENT_ERASURE_DAYS).order_by("-erased_at")
    return [record for record in recent if permissions.can_see_erasure_record(user, record)]
