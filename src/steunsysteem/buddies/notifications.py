"""Mail about maatjes, through the outbox.

A mail says only that there is news about a buddy and links to the page where whoever may
see it reads the rest after signing in: never a name, a contact detail or what was said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.outbox.services import mail_queue

from .constants import Side

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization

    from .models import Match


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(to: list[str], path: str) -> None:
    to = [address for address in to if address]
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(
            to=to,
            subject=_("%(site)s: news about a buddy") % {"site": settings.SITE_NAME},
            body=_(
                "There is news about a buddy (maatje) on your page. Sign in to read it:\n"
                "%(url)s\n\nThis mail says nothing more, to protect everyone's privacy."
            )
            % {"url": _absolute(path)},
        )


def _person_side_addresses(match: Match) -> list[str]:
    """The person's own address when they have an account; otherwise whoever asked for the
    buddy for them, while they still may answer for the person."""
    participant = match.participant
    if participant.user_id and participant.user.is_active:
        return [participant.user.email]
    asker = match.request.created_by
    if asker is not None and permissions.can_view_match(asker, match):
        return [asker.email]
    return []


def tell_coordinators(project: Organization) -> None:
    addresses = [
        link.user.email
        for link in project.buddy_coordinators.select_related("user")
        if link.user.is_active
    ]
    _send(addresses, reverse("buddies:home"))


def tell_both_sides(match: Match) -> None:
    path = reverse("buddies:match", args=[match.pk])
    _send([match.volunteer.user.email], path)
    _send(_person_side_addresses(match), path)


def tell_match_started(match: Match) -> None:
    tell_both_sides(match)


def ask_check_in(match: Match, side: str) -> None:
    path = reverse("buddies:match", args=[match.pk])
    if side == Side.VOLUNTEER:
        _send([match.volunteer.user.email], path)
    else:
        _send(_person_side_addresses(match), path)
