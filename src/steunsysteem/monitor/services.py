"""Writes of the monitor app: the governance register and the target-group marker.

Each runs in one transaction with its audit entry. Whoever calls them has been allowed by
``accounts.permissions`` (``can_edit_covenant``, ``can_edit_details``); the services check
it again, so that no path (view, command, demo) skips it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.participants.constants import AgeBand
from steunsysteem.participants.models import Participant

from .constants import CommitmentKind, Indicator, MssRoleKind, Sector
from .models import Commitment, CovenantPartner, MssRole, SteeringGroupSeat, Target
from .periods import Period


class MonitorError(ValueError):
    """A register entry that cannot be saved as given; the message says why, for the form."""


def _require_editor(by) -> None:
    if not permissions.can_edit_covenant(by):
        raise PermissionDenied


def target_set(
    *,
    period: str,
    indicator: str,
    value: Decimal,
    description: str = "",
    by,
    request: HttpRequest | None = None,
) -> Target:
    """Set (or change) the target for one monitor figure in one period."""
    _require_editor(by)
    code = Period.parse(period).code
    if indicator not in Indicator.values:
        raise MonitorError(_("Choose a monitor figure."))
    if value is None or value <= 0:
        raise MonitorError(_("A target is a number above zero."))
    with transaction.atomic():
        target, created = Target.objects.update_or_create(
            period=code,
            indicator=indicator,
            defaults={
                "value": value,
                "description": description.strip(),
                "set_by": by,
                "set_at": timezone.now(),
            },
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=target,
            fields=["period", "indicator", "value", "description"],
            request=request,
        )
    return target


def target_remove(*, target: Target, by, request: HttpRequest | None = None) -> None:
    _require_editor(by)
    with transaction.atomic():
        audit_record(actor=by, action=AuditAction.DELETE, obj=target, request=request)
        target.delete()


def covenant_partner_add(
    *,
    name: str,
    sector: str,
    signatory: str,
    signed_on: dt.date,
    organization=None,
    by,
    request: HttpRequest | None = None,
) -> CovenantPartner:
    _require_editor(by)
    name, signatory = name.strip(), signatory.strip()
    if not name:
        raise MonitorError(_("Give the name of the organisation."))
    if sector not in Sector.values:
        raise MonitorError(_("Choose a sector."))
    if CovenantPartner.objects.filter(name__iexact=name).exists():
        raise MonitorError(_("This organisation is already a covenant partner."))
    with transaction.atomic():
        partner = CovenantPartner.objects.create(
            name=name,
            sector=sector,
            signatory=signatory,
            signed_on=signed_on,
            organization=organization,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=partner,
            fields=["name", "sector", "signatory", "signed_on", "organization"],
            request=request,
        )
    return partner


def commitment_add(
    *,
    partner: CovenantPartner,
    kind: str,
    amount: Decimal,
    period: str,
    description: str = "",
    by,
    request: HttpRequest | None = None,
) -> Commitment:
    _require_editor(by)
    if kind not in CommitmentKind.values:
        raise MonitorError(_("Choose what the partner puts in."))
    if amount is None or amount <= 0:
        raise MonitorError(_("The amount is a number above zero."))
    code = Period.parse(period).code
    with transaction.atomic():
        commitment = Commitment.objects.create(
            partner=partner, kind=kind, amount=amount, period=code, description=description.strip()
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=commitment,
            fields=["partner", "kind", "amount", "period", "description"],
            request=request,
        )
    return commitment


def mss_role_add(
    *,
    kind: str,
    title: str,
    partner: CovenantPartner | None = None,
    hours_per_week: Decimal | None = None,
    by,
    request: HttpRequest | None = None,
) -> MssRole:
    _require_editor(by)
    if kind not in MssRoleKind.values:
        raise MonitorError(_("Choose a function."))
    title = title.strip() or str(MssRoleKind(kind).label)
    with transaction.atomic():
        role = MssRole.objects.create(
            kind=kind, title=title, partner=partner, hours_per_week=hours_per_week
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=role,
            fields=["kind", "title", "partner", "hours_per_week"],
            request=request,
        )
    return role


def steering_group_seat_add(
    *,
    function: str,
    partner: CovenantPartner | None = None,
    represents_clients: bool = False,
    by,
    request: HttpRequest | None = None,
) -> SteeringGroupSeat:
    _require_editor(by)
    function = function.strip()
    if not function:
        raise MonitorError(_("Name the function of the seat."))
    with transaction.atomic():
        seat = SteeringGroupSeat.objects.create(
            function=function, partner=partner, represents_clients=represents_clients
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=seat,
            fields=["function", "partner", "represents_clients"],
            request=request,
        )
    return seat


def target_group_mark(
    *,
    participant: Participant,
    target_group: str,
    age_band: str,
    consented: bool,
    by,
    request: HttpRequest | None = None,
) -> Participant:
    """Mark (or unmark) the person as counted in the region's target group, with an age
    band: only when the person agrees, set by them or a caseworker with their consent for
    their basic details. Empty values remove the marker. Never a diagnosis."""
    if not permissions.can_edit_details(by, participant):
        raise PermissionDenied
    if target_group and target_group not in settings.MONITOR_TARGET_GROUPS:
        raise MonitorError(_("Choose a target group from the list."))
    if age_band and age_band not in AgeBand.values:
        raise MonitorError(_("Choose an age band from the list."))
    marking = bool(target_group or age_band)
    if marking and not consented:
        raise MonitorError(_("Only with the person's yes: tick that they agree to be counted."))
    with transaction.atomic():
        participant.target_group = target_group
        participant.age_band = age_band
        participant.target_group_consented_on = timezone.localdate() if marking else None
        participant.save(update_fields=["target_group", "age_band", "target_group_consented_on"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=participant,
            fields=["target_group", "age_band", "target_group_consented_on"],
            request=request,
        )
    return participant
