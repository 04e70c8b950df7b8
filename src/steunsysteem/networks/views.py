"""The network map (netwerkkaart) of one participant: a page, and SVG, PNG and PDF files.

Access is the participant's own, or consent for their personal network
(``ConsentScope.NETWORK``); ``authorize_participant`` checks it and writes one audit entry
per request: a read for the page, an export for a download.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.participants.views.base import participant_or_404, render_page

from . import map_files
from .constants import SupportKind
from .map_layout import network_map


def _map_context(request: HttpRequest, pk, *, action: str) -> dict:
    participant = participant_or_404(pk)
    access = authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.NETWORK,
        fields=["network"],
        action=action,
    )
    members = list(participant.network_members.in_map_order().select_related("organization"))
    count = len(members)
    return {
        "participant": participant,
        "access": access,
        "members": members,
        "rows": [_row(member) for member in members],
        "map": network_map(members, person_name=participant.name),
        "title": _("Network map of %(name)s") % {"name": participant.name},
        "description": ngettext(
            "%(name)s in the centre, with %(count)d person in three circles: very close, "
            "close and further away. The list below the map shows the same.",
            "%(name)s in the centre, with %(count)d people in three circles: very close, "
            "close and further away. The list below the map shows the same.",
            count,
        )
        % {"name": participant.name, "count": count},
        "today": timezone.localdate(),
    }


def _row(member) -> dict:
    def labels(values):
        return [SupportKind(value).label for value in values if value in SupportKind.values]

    gives_back = labels(member.gives_back)
    if member.gives_back_note:
        gives_back.append(member.gives_back_note)
    return {
        "name": member.name,
        "organization": member.organization.name if member.organization else "",
        "relation": member.get_relation_display(),
        "circle": member.get_circle_display(),
        "support_received": labels(member.support_received),
        "gives_back": gives_back,
        "is_central_contact": member.is_central_contact,
    }


def _download(content: bytes | str, content_type: str, extension: str) -> HttpResponse:
    """A file named by date only: the person's name stays out of download folders."""
    response = HttpResponse(content, content_type=content_type)
    filename = f"netwerkkaart-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def network_map_page(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.READ)
    # The links between a person's pages, for those who may open all of them.
    context["can_manage_consent"] = permissions.can_manage_consent(
        request.user, context["participant"]
    )
    return render_page(request, "networks/map.html", context)


@never_cache
@login_required
def network_map_svg(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_svg(context), "image/svg+xml; charset=utf-8", "svg")


@never_cache
@login_required
def network_map_png(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_png(map_files.map_svg(context)), "image/png", "png")


@never_cache
@login_required
def network_map_pdf(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_pdf(context), "application/pdf", "pdf")
