"""Writes for signals: detecting white spots, signals raised by hand, the coordinator's
status changes and the municipality's answer.

Each status change runs in one transaction with its event and its audit entry (the signal
holds no personal data, but who sent what to the municipality, and who answered, must be
traceable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.models import District
from steunsysteem.outbox.services import mail_queue
from steunsysteem.questions.constants import OPEN_STATUSES as OPEN_QUESTION_STATUSES
from steunsysteem.questions.constants import ClosedReason, QuestionStatus
from steunsysteem.questions.models import Question

from .constants import AWAITS_MUNICIPALITY, OPEN_STATUSES, SignalSource, SignalStatus
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


def _without_offer(*, now: dt.datetime) -> dict:
    """Per (domain, district), the questions that found no fitting offer, as (local date
    submitted, still waiting) pairs:

    - questions that ended without a fitting offer, submitted within ``SIGNAL_WINDOW_DAYS``;
    - open questions (not answered, closed or withdrawn) that have waited longer than
      ``SIGNAL_OPEN_WAITING_WEEKS`` without a proposal from the werktafel. They count for as
      long as they wait, also when they came in before the window: the need is still there.

    Counts only: no text, no question id and no participant id leaves this function.
    """
    ended = Q(
        status=QuestionStatus.CLOSED_NO_OFFER,
        closed_reason=ClosedReason.NO_OFFER,
        submitted_at__gt=now - dt.timedelta(days=settings.SIGNAL_WINDOW_DAYS),
        submitted_at__lte=now,
    )
    waiting = Q(
        status__in=OPEN_QUESTION_STATUSES,
        first_proposal_at__isnull=True,
        submitted_at__lte=now - dt.timedelta(weeks=settings.SIGNAL_OPEN_WAITING_WEEKS),
    )
    found: dict[tuple[str, int | None], list[tuple[dt.date, bool]]] = defaultdict(list)
    rows = Question.objects.filter(ended | waiting).values_list(
        "life_domains", "participant__district_id", "submitted_at", "status"
    )
    for domains, district_id, submitted_at, status in rows:
        for domain in set(domains or ()):
            if domain in LifeDomain.values:
                found[(domain, district_id)].append(
                    (timezone.localdate(submitted_at), status in OPEN_QUESTION_STATUSES)
                )
    return found


def _evidence(questions: list[tuple[dt.date, bool]], now: dt.datetime) -> dict:
    dates = [day for day, _waiting in questions]
    months = Counter(f"{day:%Y-%m}" for day in dates)
    return {
        "question_count": len(dates),
        "waiting_count": sum(1 for _day, waiting in questions if waiting),
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
    """Raise a signal for every life domain and district where at least
    ``SIGNAL_THRESHOLD`` questions found no fitting offer (``_without_offer``: ended without
    one within ``SIGNAL_WINDOW_DAYS``, or open and waiting for a proposal longer than
    ``SIGNAL_OPEN_WAITING_WEEKS``) and no signal from the questions is open yet; refresh the
    evidence of the open ones. Signals raised by hand are left as they are.

    A question counts by the date it was submitted, in the district where its participant
    lives (no district: the whole region), once for every life domain it is about.
    Returns the signals raised now. ``by`` is the coordinator who pressed the button
    (None: the nightly run).
    """
    now = now or timezone.now()
    threshold = settings.SIGNAL_THRESHOLD if threshold is None else threshold
    found = _without_offer(now=now)
    districts = District.objects.in_bulk({district_id for _domain, district_id in found} - {None})
    raised = []
    for (domain, district_id), questions in sorted(found.items(), key=lambda item: str(item[0])):
        evidence = _evidence(questions, now)
        with transaction.atomic():
            updated = (
                Signal.objects.open()
                .from_questions()
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


# Raised by hand -------------------------------------------------------------------------------


def signal_raise(
    *,
    life_domain: str,
    district: District | None,
    title: str,
    missing: str,
    source: str,
    source_description: str,
    by: User,
    request: HttpRequest | None = None,
) -> Signal:
    """A coordinator raises a signal from something heard outside the werktafels (a
    consultation, a steunpunt, a client council), saying where it comes from. It needs no
    question counts; it is described at once and can then be sent like any other."""
    title, missing = title.strip(), missing.strip()
    source_description = source_description.strip()
    if source not in SignalSource.values or source == SignalSource.QUESTIONS:
        raise SignalError(_("Choose where the signal comes from."))
    if not source_description:
        raise SignalError(_("Say which consultation, steunpunt or council it comes from."))
    if life_domain not in LifeDomain.values:
        raise SignalError(_("Choose a life domain."))
    if not title:
        raise SignalError(_("Give the signal a short title."))
    if not missing:
        raise SignalError(_("Describe what is missing."))
    now = timezone.now()
    with transaction.atomic():
        signal = Signal.objects.create(
            life_domain=life_domain,
            district=district,
            title=title,
            missing=missing,
            source=source,
            source_description=source_description,
            status=SignalStatus.RAISED,
            raised_at=now,
        )
        SignalEvent.objects.create(
            signal=signal, status=SignalStatus.RAISED, occurred_at=now, by=by
        )
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


# The municipality's answer -------------------------------------------------------------------


@transaction.atomic
def signal_respond(
    *,
    signal: Signal,
    response: str,
    due_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> Signal:
    """A policy officer answers a signal sent to the municipality: what it will do, and by
    when. A later answer replaces the earlier one; each is kept in the history. Whoever sent
    the signal is told by mail that there is an answer (the mail holds only a link)."""
    signal = _locked(signal)
    response = response.strip()
    if signal.status not in AWAITS_MUNICIPALITY:
        raise SignalTransitionError(
            _("Only a signal that was sent to the municipality can be answered.")
        )
    if not response:
        raise SignalError(_("Say what the municipality will do."))
    if due_on < timezone.localdate():
        raise SignalError(_("The date has already passed."))
    signal = _step(
        signal=signal,
        to=SignalStatus.RESPONDED,
        allowed_from=set(AWAITS_MUNICIPALITY),
        by=by,
        note=response,
        fields={
            "response": response,
            "response_due_on": due_on,
            "responded_at": timezone.now(),
            "responded_by": by,
        },
        request=request,
    )
    _tell_who_sent_it(signal)
    return signal


def _tell_who_sent_it(signal: Signal) -> None:
    sent = (
        signal.events.filter(status=SignalStatus.SENT, by__isnull=False)
        .select_related("by")
        .order_by("-occurred_at", "-pk")
        .first()
    )
    # The filter keeps events with a sender only.
    if sent is None or sent.by is None or not sent.by.email or not sent.by.is_active:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(
            to=[sent.by.email],
            subject=gettext("The municipality answered a signal"),
            body=gettext(
                "The municipality answered a signal you sent. Read the answer here:\n%(link)s\n"
            )
            % {"link": settings.SITE_URL.rstrip("/") + reverse("signals:detail", args=[signal.pk])},
        )
