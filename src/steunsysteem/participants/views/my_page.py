""" "Mijn pagina": a participant's own start page, an overview of their own data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope

from ..models import Participant
from ..my_page import my_page as my_page_overview
from .base import render_page, require

# What the page shows, per scope, as the audit trail records it.
_READS = {
    ConsentScope.QUESTIONS: [
        "questions.text",
        "questions.status",
        "questions.action",
        "questions.referral",
        "questions.meeting",
    ],
    ConsentScope.NETWORK: ["network_members.circle"],
}


@never_cache
@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """Only the signed-in participant's own record; without one, they start it first."""
    require(permissions.can_start_own_record(request.user))
    participant = (
        Participant.objects.select_related("district", "user").filter(user=request.user).first()
    )
    if participant is None:
        return redirect("participants:my_record")
    for scope, fields in _READS.items():
        authorize_participant(request=request, participant=participant, scope=scope, fields=fields)
    return render_page(
        request,
        "participants/my_page.html",
        {"participant": participant, "overview": my_page_overview(participant)},
    )
