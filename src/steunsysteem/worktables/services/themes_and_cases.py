"""Agenda items that are not a participant's question: a theme, or a case about no
registered person ("who at the municipality is the right person for ...", or a case
described without identifying data). The coordinator puts one on a meeting's agenda; its
title goes into the minutes, its description stays with the members of the table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.core.printable import printable_text
from steunsysteem.directory.constants import LifeDomain

from .. import selectors
from ..constants import KINDS_WITHOUT_A_QUESTION, MeetingStatus
from ..models import AgendaItem, Meeting
from .meetings import MeetingError, _audit_meeting

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User

TITLE_MAX: int = AgendaItem._meta.get_field("title").max_length or 0
DESCRIPTION_MAX: int = AgendaItem._meta.get_field("description").max_length or 0


def agenda_item_add(
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    description: str = "",
    life_domains: Sequence[str] = (),
    by: User,
    request: HttpRequest | None = None,
) -> AgendaItem:
    """Put a theme or a case without a participant at the end of a meeting's agenda, with
    the organisations that have services in its life domains (to invite them). Not on a
    closed meeting. The trail records that the agenda changed, never the title or text."""
    title = printable_text(title, one_line=True)
    description = printable_text(description).strip()
    if kind not in KINDS_WITHOUT_A_QUESTION:
        raise MeetingError(_("Choose a theme or a case without a participant."))
    if not title:
        raise MeetingError(_("Give the item a short title."))
    if len(title) > TITLE_MAX:
        raise MeetingError(_("Keep the title under %(max)d characters.") % {"max": TITLE_MAX})
    if len(description) > DESCRIPTION_MAX:
        raise MeetingError(
            _("Keep the description under %(max)d characters.") % {"max": DESCRIPTION_MAX}
        )
    domains = list(dict.fromkeys(life_domains))
    if set(domains) - set(LifeDomain.values):
        raise MeetingError(_("Choose life domains from the list."))
    if meeting.status == MeetingStatus.CLOSED:
        raise MeetingError(_("This meeting is closed."))
    suggested = [str(o.pk) for o in selectors.organizations_for_domains(domains)]
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CLOSED:
            raise MeetingError(_("This meeting is closed."))
        position = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting,
            kind=kind,
            title=title,
            description=description,
            life_domains=domains,
            position=position + 1,
            suggested_organization_ids=suggested,
        )
        _audit_meeting(meeting, by, ["agenda"], request, action=AuditAction.CREATE)
    return item
