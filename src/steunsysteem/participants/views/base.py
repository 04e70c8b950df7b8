"""What every page about a participant shares: refusing, finding the person, rendering."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope

from ..models import Participant


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def participant_or_404(pk) -> Participant:
    return get_object_or_404(Participant.objects.select_related("district", "user"), pk=pk)


@dataclass(frozen=True)
class PageLink:
    key: str
    label: str
    url: str


def participant_links(user, participant: Participant) -> list[PageLink]:
    """The pages about this participant that this user may open, for the sub-menu."""
    is_self = participant.user_id == user.pk

    def sees(scope) -> bool:
        return permissions.participant_access(user, participant, scope).allowed

    manages = permissions.can_manage_consent(user, participant)
    pages = [
        (
            "detail",
            _("My details") if is_self else _("Details"),
            "participants:detail",
            sees(ConsentScope.PROFILE),
        ),
        (
            "network",
            _("My network") if is_self else _("Network"),
            "networks:network",
            sees(ConsentScope.NETWORK),
        ),
        ("progress", _("Steps and scores"), "participants:progress", sees(ConsentScope.PROGRESS)),
        (
            "questions",
            _("My questions") if is_self else _("Questions"),
            "questions:list",
            sees(ConsentScope.QUESTIONS),
        ),
        (
            "notes",
            _("My notes") if is_self else _("Notes"),
            "notes:list",
            sees(ConsentScope.NOTES),
        ),
        (
            "route",
            _("My route") if is_self else _("Route"),
            "outreach:route",
            permissions.can_read_route(user, participant)
            and (not is_self or participant.visits.exists()),
        ),
        ("consent", _("Who may see what"), "participants:consent", manages),
        ("access_log", _("Who looked"), "participants:access_log", manages),
        (
            "my_data",
            _("My rights") if is_self else _("Rights"),
            "participants:my_data",
            permissions.can_see_rights(user, participant),
        ),
    ]
    return [
        PageLink(key, str(label), reverse(name, args=[participant.pk]))
        for key, label, name, allowed in pages
        if allowed
    ]


def render_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a page; pages about one participant get ``is_self`` and their sub-menu."""
    participant = context.get("participant")
    context["is_self"] = participant is not None and participant.user_id == request.user.pk
    if participant is not None:
        context["participant_links"] = participant_links(request.user, participant)
    return render(request, template, context)
