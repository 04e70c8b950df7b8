"""The participant's rights under the AVG: see and download everything stored about them
(art. 15 and 20), and have it erased (art. 17). A professional who records the person's
consent may do both at the person's request. Access is decided in ``accounts.permissions``.
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions

from .. import services
from ..export import PARTS, as_json, participant_export
from ..forms import ErasureConfirmForm
from ..models import ErasureRecord
from .base import participant_or_404, render_page, require

EXPORT_FILENAME = "steunsysteem-mijn-gegevens-{date}.{extension}"


@never_cache
@login_required
def my_data(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_export_participant(request.user, participant))
    return render_page(
        request,
        "participants/my_data.html",
        {
            "participant": participant,
            "can_erase": permissions.can_erase_participant(request.user, participant),
        },
    )


@login_required
def export_json(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_export_participant(request.user, participant))
    data = participant_export(
        participant=participant, by=request.user, request=request, file_format="json"
    )
    return _download(as_json(data).encode("utf-8"), "application/json; charset=utf-8", "json")


@login_required
def export_pdf(request: HttpRequest, pk) -> HttpResponse:
    from weasyprint import HTML

    participant = participant_or_404(pk)
    require(permissions.can_export_participant(request.user, participant))
    data = participant_export(
        participant=participant, by=request.user, request=request, file_format="pdf"
    )
    html = render_to_string(
        "participants/export_pdf.html", {"data": data, "parts": PARTS}, request=request
    )
    return _download(HTML(string=html).write_pdf(), "application/pdf", "pdf")


def _download(content: bytes, content_type: str, extension: str) -> HttpResponse:
    """An attachment that no browser or proxy keeps; the file name holds no name."""
    response = HttpResponse(content, content_type=content_type)
    filename = EXPORT_FILENAME.format(date=timezone.localdate().isoformat(), extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def erase(request: HttpRequest, pk) -> HttpResponse:
    """Say plainly what erasure means, ask for the word, then erase."""
    participant = participant_or_404(pk)
    require(permissions.can_erase_participant(request.user, participant))
    form = ErasureConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        own_request = participant.user_id == request.user.pk
        services.participant_erase(participant=participant, by=request.user, request=request)
        if own_request:
            logout(request)
            return redirect("participants:erased")
        return redirect(reverse("participants:erased") + "?door=hulpverlener")
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
