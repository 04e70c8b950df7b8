"""What every page about a participant shares: refusing, finding the person, rendering."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from steunsysteem.accounts import permissions

from ..models import Participant


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def participant_or_404(pk) -> Participant:
    return get_object_or_404(Participant.objects.select_related("district", "user"), pk=pk)


def render_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    participant = context.get("participant")
    context["is_self"] = participant is not None and participant.user_id == request.user.pk
    if participant is not None:
        context.setdefault(
            "can_export", permissions.can_export_participant(request.user, participant)
        )
    return render(request, template, context)
