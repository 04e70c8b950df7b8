"""Writes for signals: detecting white spots, and the coordinator's status changes.

Each status change runs in one transaction with its event and its audit entry (the signal
holds no personal data, but who sent what to the municipality must be traceable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.models import District
from steunsysteem.questions.constants import ClosedReason, QuestionStatus
from steunsysteem.questions.models import Question

from .constants import OPEN_STATUSES, SignalStatus
from .models import Signal, SignalEvent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Service


class SignalError(Exception):
    """A change to a signal that cannot be made; the message says why."""


class SignalTransitionError(SignalError):
    """The signal's status does not allow this step."""


# Detection ------------------------------------------------------------------------------------


def _closed_without_offer(*, since: dt.datetime, until: dt.datetime) -> dict:
    """The local dates of questions that ended without a fitting offer, per (domain, district).

    Counts only: no text, no question id and no participant id leaves this function.
    """
    dates: dict[tuple[str, int | None], list[dt.date]] = defaultdict(list)
    rows = Question.objects.filter(
        status=QuestionStatus.CLOSED_NO_OFFER,
        closed_reason=ClosedReason.NO_OFFER,
        submitted_at__gt=since,
        submitted_at__lte=until,
    ).values_list("life_domains", "participant__district_id", "submitted_at")
    for domains, district_id, submitted_at in rows:
        for domain in set(domains or ()):
            if domain in LifeDomain.values:
                dates[(domain, district_id)].append(timezone.localdate(submitted_at))
    return dates


def _evidence(dates: list[dt.date], now: dt.datetime) -> dict:
    months = Counter(f"{day:%Y-%m}" for day in dates)
    return {
        "question_count": len(dates),
        "first_on": min(dates),
        "last_on": max(dates),
        "monthly_counts": [[month, months[month]] for month in sorted(months)],
        "evidence_updated_at": now,
    }


def signal_default_title(*, life_domain: str, district: District | None) -> str:
    """E.g. "Geen passend aanbod voor 'Ontmoeting' in Vlietzoom", in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        domain = LifeDomain(life_domain).label
        if district is None:
            return gettext("No fitting offer for '%(domain)s' in the whole region") % {
                "domain": domain
            }
        return gettext("No fitting offer for '%(domain)s' in %(district)s") % {
            "domain": domain,
            "district": district.name,
        }


def signal_detect(
    *,
    now: dt.datetime | None = None,
    threshold: int | None = None,
    by: User | None = None,
    request: HttpRequest | None = None,
) -> list[Signal]:
    """Raise a signal for every life domain and district where, within the look-back window
    (``SIGNAL_WINDOW_DAYS``), at least ``SIGNAL_THRESHOLD`` questions ended without a fitting
    offer and no signal is open yet; refresh the evidence of the open ones.

    A question counts by the date it was submitted, in the district where its participant
    lives (no district: the whole region), once for every life domain it is about.
    Returns the signals raised now. ``by`` is the coordinator who pressed the button
    (None: the nightly run).
    """
    now = now or timezone.now()
    threshold = settings.SIGNAL_THRESHOLD if threshold is None else threshold
    since = now - dt.timedelta(days=settings.SIGNAL_WINDOW_DAYS)
    found = _closed_without_offer(since=since, until=now)
    districts = District.objects.in_bulk({district_id for _domain, district_id in found} - {None})
    raised = []
    for (domain, district_id), dates in sorted(found.items(), key=lambda item: str(item[0])):
        evidence = _evidence(dates, now)
        with transaction.atomic():
            updated = (
                Signal.objects.open()
                .filter(life_domain=domain, district_id=district_id)
                .update(**evidence)
            )
            if updated or evidence["question_count"] < threshold:
                continue
            signal = _raise(
                domain=domain,
                district=districts.get(district_id),
                evidence=evidence,
                by=by,
                now=now,
                request=request,
            )
        if signal is not None:
            raised.append(signal)
    return raised


def _raise(*, domain, district, evidence, by, now, request) -> Signal | None:
    try:
        with transaction.atomic():
            signal = Signal.objects.create(
                life_domain=domain,
                district=district,
                title=signal_default_title(life_domain=domain, district=district),
                status=SignalStatus.RAISED,
                raised_at=now,
                **evidence,
            )
    except IntegrityError:  # a detection running at the same time raised it first
        return None
    SignalEvent.objects.create(signal=signal, status=SignalStatus.RAISED, occurred_at=now, by=by)
    if by is not None:
        audit_record(actor=by, action=AuditAction.CREATE, obj=signal, request=request)
    return signal


# Status changes by the coordinator ----------------------------------------------------------


def _locked(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().get(pk=signal.pk)


def _step(
    *,
    signal: Signal,
    to: str,
    allowed_from,
    by: User,
    note: str = "",
    fields: dict,
    request: HttpRequest | None,
) -> Signal:
    if signal.status not in allowed_from:
        raise SignalTransitionError(
            _("That step is not possible now: the status of this signal is '%(status)s'.")
            % {"status": signal.get_status_display()}
        )
    for name, value in fields.items():
        setattr(signal, name, value)
    signal.status = to
    signal.save(update_fields=["status", *fields])
    SignalEvent.objects.create(
        signal=signal, status=to, occurred_at=timezone.now(), by=by, note=note
    )
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=signal,
        fields=["status", *fields],
        request=request,
    )
    return signal


@transaction.atomic
def signal_describe(
    *, signal: Signal, title: str, missing: str, by: User, request: HttpRequest | None = None
) -> Signal:
    """The coordinator says, in general terms, what is missing; only before it is sent."""
    signal = _locked(signal)
    title, missing = title.strip(), missing.strip()
    if signal.status != SignalStatus.RAISED:
        raise SignalTransitionError(_("A signal that was sent can no longer be changed."))
    if not title:
        raise SignalError(_("Give the signal a short title."))
    signal.title, signal.missing = title, missing
    signal.save(update_fields=["title", "missing"])
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=signal,
        fields=["title", "missing"],
        request=request,
    )
    return signal


@transaction.atomic
def signal_send(*, signal: Signal, by: User, request: HttpRequest | None = None) -> Signal:
    """Send a raised signal to the municipality. It needs a description of what is missing."""
    signal = _locked(signal)
    if signal.status == SignalStatus.RAISED and not signal.missing.strip():
        raise SignalError(_("First describe what is missing, then send the signal."))
    return _step(
        signal=signal,
        to=SignalStatus.SENT,
        allowed_from={SignalStatus.RAISED},
        by=by,
        fields={"sent_at": timezone.now()},
        request=request,
    )


@transaction.atomic
def signal_answer(
    *,
    signal: Signal,
    service: Service | None = None,
    by: User,
    request: HttpRequest | None = None,
) -> Signal:
    """A new offer fills the white spot (optionally the service on the sociale kaart)."""
    return _step(
        signal=_locked(signal),
        to=SignalStatus.ANSWERED,
        allowed_from=set(OPEN_STATUSES),
        by=by,
        fields={"answered_at": timezone.now(), "answered_by_service": service},
        request=request,
    )


@transaction.atomic
def signal_dismiss(
    *, signal: Signal, by: User, reason: str, request: HttpRequest | None = None
) -> Signal:
    """Close an open signal that needs no new offer, with the reason why."""
    reason = reason.strip()
    if not reason:
        raise SignalError(_("Say why the signal is dismissed."))
    return _step(
        signal=_locked(signal),
        to=SignalStatus.DISMISSED,
        allowed_from=set(OPEN_STATUSES),
        by=by,
        note=reason,
        fields={"dismissed_at": timezone.now()},
        request=request,
    )
