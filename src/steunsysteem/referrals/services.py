"""Writes for referrals. Each runs in one transaction with its audit entry; mail goes out
after the commit (``notifications``)."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.accounts.services import ConsentError, consent_grant, latest_consent_end
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.questions import services as question_services
from steunsysteem.questions.constants import Outcome, QuestionStatus
from steunsysteem.questions.selectors import latest_proposal

from . import notifications
from .constants import (
    OPEN_STATUSES,
    TRANSITIONS,
    VIA_ACCOUNT,
    VIA_LINK,
    CheckInAnswer,
    Companion,
    DeclineReason,
    EndOutcome,
    ReferralStatus,
)
from .models import Referral, ReferralEvent, ReferralLink

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Contact, Organization, Service
    from steunsysteem.questions.models import Question


class ReferralError(Exception):
    """A referral step that cannot be taken; the message says why."""


def contact_for(service: Service) -> tuple[Contact | None, str]:
    """The service's contact person and the address their link goes to: a contact of the
    service with an address, else the service's own address, else the organisation's."""
    contact = service.contacts.exclude(email="").order_by("name").first()
    if contact is not None:
        return contact, contact.email
    contact = service.contacts.order_by("name").first()
    organization = service.organization
    return contact, service.email or (organization.email if organization else "")


def _consent_to(question: Question, organization: Organization) -> ConsentGrant | None:
    return (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.PROFILE)
        .filter(participant_id=question.participant_id, grantee_organization=organization)
        .order_by("given_at", "pk")
        .first()
    )


def _record_consent(
    *, question: Question, organization: Organization, source: str, by: User, request
) -> ConsentGrant:
    """The consent the referral needs: the receiving organisation may see the person's basic
    details. An existing one in force is used; otherwise the one the person gave is recorded
    now (``consent_grant``), and it must count at once."""
    grant = _consent_to(question, organization)
    if grant is not None:
        return grant
    if not source:
        raise ReferralError(
            _(
                "%(organization)s may only receive the referral when the person agrees that it"
                " sees their basic details. Ask the person first, then say how they agreed."
            )
            % {"organization": organization}
        )
    try:
        consent_grant(
            participant=question.participant,
            grantee=organization,
            scopes=[ConsentScope.PROFILE],
            ends_on=latest_consent_end(),
            source=source,
            by=by,
            request=request,
        )
    except ConsentError as error:
        raise ReferralError(str(error)) from error
    grant = _consent_to(question, organization)
    if grant is None:
        raise ReferralError(
            _(
                "The consent for %(organization)s waits for a second yes, because you work"
                " there yourself. Refer once the person (or a colleague) has confirmed it."
            )
            % {"organization": organization}
        )
    return grant


def referral_create(
    *,
    question: Question,
    service: Service,
    by: User,
    consent_source: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """Refer the question to a service on the sociale kaart, with the person's consent that
    the receiving organisation sees their basic details (recorded here if needed). The
    service's contact address gets a single-use link."""
    if not permissions.can_refer(by, question):
        raise ReferralError(_("You cannot refer this question."))
    if service.status != ServiceStatus.ACTIVE or service.organization_id is None:
        raise ReferralError(_("Choose an active service of an organisation on the sociale kaart."))
    if question.referrals.open().filter(service=service).exists():
        raise ReferralError(_("This question has already been referred to this service."))
    contact, address = contact_for(service)
    with transaction.atomic():
        grant = _record_consent(
            question=question,
            organization=service.organization,
            source=consent_source,
            by=by,
            request=request,
        )
        referral = Referral.objects.create(
            question=question,
            proposal=latest_proposal(question),
            service=service,
            organization=service.organization,
            contact=contact,
            consent=grant,
            created_at=timezone.now(),
            created_by=by,
        )
        ReferralEvent.objects.create(
            referral=referral,
            to_status=ReferralStatus.PROPOSED,
            occurred_at=referral.created_at,
            by=by,
            by_role=by.role,
            via=VIA_ACCOUNT,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=question.participant,
            fields=["referrals.service", "referrals.status"],
            request=request,
        )
        if address:
            _link_issue(referral, address)
    return referral


# The organisation moves the referral along ---------------------------------------------------


@dataclass(frozen=True)
class Step:
    """What the organisation fills in for a status change; only the fields of ``to`` count."""

    to: str
    introduction_on: dt.date | None = None
    companion: str = ""
    companion_organization: Organization | None = None
    started_on: dt.date | None = None
    end_outcome: str = ""
    decline_reason: str = ""


def _apply(referral: Referral, step: Step) -> list[str]:
    """Check the step's details and set them on the referral; returns the changed fields."""
    today = timezone.localdate()
    if step.to == ReferralStatus.INTRODUCTION_PLANNED:
        if step.introduction_on is None or step.introduction_on < today:
            raise ReferralError(_("Choose the date of the introduction: today or later."))
        if step.companion not in Companion.values:
            raise ReferralError(_("Say who goes along the first time."))
        referral.introduction_on = step.introduction_on
        referral.companion = step.companion
        referral.companion_organization = step.companion_organization
        return ["introduction_on", "companion", "companion_organization"]
    if step.to == ReferralStatus.STARTED:
        started_on = step.started_on or today
        if started_on > today:
            raise ReferralError(_("A start date cannot lie in the future."))
        referral.started_on = started_on
        return ["started_on"]
    if step.to == ReferralStatus.ENDED:
        if step.end_outcome not in EndOutcome.values:
            raise ReferralError(_("Say how the referral ended."))
        referral.end_outcome = step.end_outcome
        return ["end_outcome"]
    if step.to == ReferralStatus.DECLINED:
        if step.decline_reason not in DeclineReason.values:
            raise ReferralError(_("Say why the organisation declines."))
        referral.decline_reason = step.decline_reason
        return ["decline_reason"]
    return []


def _move(
    *, referral: Referral, step: Step, by: User | None, via: str, request: HttpRequest | None
) -> Referral:
    """Take one step (``constants.TRANSITIONS``), dated, attributed and audited. The caller
    holds the transaction and has checked who acts."""
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("question__participant", "organization")
        .get(pk=referral.pk)
    )
    if step.to not in TRANSITIONS.get(referral.status, ()):
        raise ReferralError(
            _("A referral that is '%(now)s' cannot become '%(to)s'.")
            % {
                "now": referral.get_status_display(),
                "to": ReferralStatus(step.to).label
                if step.to in ReferralStatus.values
                else step.to,
            }
        )
    changed = _apply(referral, step)
    ReferralEvent.objects.create(
        referral=referral,
        from_status=referral.status,
        to_status=step.to,
        occurred_at=timezone.now(),
        by=by,
        by_role=by.role if by is not None else "",
        via=via,
    )
    referral.status = step.to
    referral.save(update_fields=["status", *changed])
    grant = permissions.referral_shares_details(referral)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=referral.question.participant,
        fields=["referrals.status", *(f"referrals.{field}" for field in changed)],
        legal_basis=f"consent:{grant.pk}" if grant else "",
        request=request,
    )
    notifications.news_send(referral=referral, by=by)
    return referral


def referral_update(
    *, referral: Referral, step: Step, by: User, request: HttpRequest | None = None
) -> Referral:
    """An editor of the receiving organisation takes a step. When they mark the start, the
    question closes as answered with this service (through ``questions.services``)."""
    if not permissions.can_update_referral(by, referral):
        raise ReferralError(_("Only the receiving organisation updates this referral."))
    with transaction.atomic():
        referral = _move(referral=referral, step=step, by=by, via=VIA_ACCOUNT, request=request)
        if referral.status == ReferralStatus.STARTED:
            _close_question(referral=referral, by=by, request=request)
    return referral


def _close_question(*, referral: Referral, by: User, request) -> bool:
    """The question becomes answered ("referred with a warm hand-over"), stepping through
    "in progress" when the werktafel's proposal (or nothing yet) was its last step. A question
    that is on an agenda stays there; the werktafel closes it."""
    question = referral.question
    if question.status in (QuestionStatus.NEW, QuestionStatus.PROPOSAL_MADE):
        question = question_services.question_status_change(
            question=question, to=QuestionStatus.IN_PROGRESS, by=by, request=request
        )
    if question.status != QuestionStatus.IN_PROGRESS:
        return False
    question_services.question_status_change(
        question=question,
        to=QuestionStatus.ANSWERED,
        outcome=Outcome.REFERRED,
        by=by,
        request=request,
    )
    return True


def referral_close_question(
    *, referral: Referral, by: User, request: HttpRequest | None = None
) -> None:
    """After a start the organisation reported through its link, whoever may refer closes
    the question as answered with this service."""
    if not permissions.can_close_question_by_referral(by, referral):
        raise ReferralError(_("You cannot close this question."))
    if referral.status != ReferralStatus.STARTED:
        raise ReferralError(_("The question closes once the person has started."))
    with transaction.atomic():
        try:
            closed = _close_question(referral=referral, by=by, request=request)
        except question_services.QuestionError as error:
            raise ReferralError(str(error)) from error
        if not closed:
            raise ReferralError(
                _("The question is on the agenda of the werktafel; the werktafel closes it.")
            )


def check_in_answer(
    *,
    referral: Referral,
    answer: str,
    by: User,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """ "Gaat het nog?": yes or no, with a short reason if the person wants. The latest
    answer counts. The trail names the fields, never the reason."""
    reason = reason.strip()
    if not permissions.can_answer_check_in(by, referral):
        raise ReferralError(_("You cannot answer for this person."))
    if answer not in CheckInAnswer.values:
        raise ReferralError(_("Choose yes or no."))
    if len(reason) > 200:
        raise ReferralError(_("Keep the reason to 200 characters or fewer."))
    with transaction.atomic():
        referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
        if referral.started_on is None:
            raise ReferralError(_("The person has not started yet."))
        referral.check_in_answer = answer
        referral.check_in_reason = reason
        referral.check_in_answered_at = timezone.now()
        referral.check_in_answered_by_role = by.role
        referral.save(
            update_fields=[
                "check_in_answer",
                "check_in_reason",
                "check_in_answered_at",
                "check_in_answered_by_role",
            ]
        )
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=referral.question.participant,
            fields=["referrals.check_in_answer", "referrals.check_in_reason"],
            request=request,
        )
    return referral


# The single-use link -------------------------------------------------------------------------

_LINK_SALT = "steunsysteem.referrals.link"


def _link_issue(referral: Referral, address: str) -> ReferralLink:
    """A new single-use link, mailed to the organisation's contact address after commit."""
    link = ReferralLink.objects.create(
        referral=referral,
        nonce=secrets.token_urlsafe(24),
        sent_to=address,
        issued_at=timezone.now(),
    )
    notifications.link_send(address=address, token=link_token(link))
    return link


def link_token(link: ReferralLink) -> str:
    """The signed, dated token in the link's address; it names the row and its secret."""
    return signing.dumps({"link": link.pk, "nonce": link.nonce}, salt=_LINK_SALT)


class LinkState:
    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    CLOSED = "closed"
    INVALID = "invalid"


@dataclass(frozen=True)
class LinkCheck:
    state: str
    link: ReferralLink | None = None


def link_check(token: str) -> LinkCheck:
    """Whether a link still works, and if not, why: used, expired, the referral closed, or
    not a link of ours at all."""
    max_age = dt.timedelta(days=settings.REFERRAL_LINK_VALID_DAYS)
    try:
        data = signing.loads(token, salt=_LINK_SALT, max_age=max_age)
    except signing.SignatureExpired:
        return LinkCheck(LinkState.EXPIRED)
    except signing.BadSignature:
        return LinkCheck(LinkState.INVALID)
    link = (
        ReferralLink.objects.select_related("referral__question__participant", "referral__service")
        .filter(pk=data.get("link"), nonce=data.get("nonce"))
        .first()
    )
    if link is None:
        return LinkCheck(LinkState.INVALID)
    if link.used_at is not None:
        return LinkCheck(LinkState.USED, link)
    if link.referral.status not in OPEN_STATUSES:
        return LinkCheck(LinkState.CLOSED, link)
    return LinkCheck(LinkState.VALID, link)


# What the receiving organisation sees of the person: their basic details, and only while
# the person's consent to the organisation is in force.
SHARED_DETAILS = ["name", "contact_route", "contact_detail", "preferred_language"]


def shared_details_read(
    *, referral: Referral, by: User | None, request: HttpRequest | None = None
) -> ConsentGrant | None:
    """The organisation (an editor, or whoever holds the link) opens the referral: the read
    is recorded, naming the person's details only when their consent shows them. Returns the
    consent in force, or None (then the page shows no details)."""
    grant = permissions.referral_shares_details(referral)
    audit_record(
        actor=by,
        action=AuditAction.READ,
        obj=referral.question.participant,
        fields=["referrals.status", *(SHARED_DETAILS if grant else [])],
        legal_basis=f"consent:{grant.pk}" if grant else "",
        request=request,
    )
    return grant


def referral_update_via_link(
    *, token: str, step: Step, request: HttpRequest | None = None
) -> tuple[Referral, bool]:
    """The organisation takes a step through its link, which is then used up. While the
    referral stays open, a fresh link goes to the same address for the next step. Returns
    the referral and whether a new link was sent."""
    with transaction.atomic():
        checked = link_check(token)
        if checked.state != LinkState.VALID:
            raise ReferralError(link_problem(checked.state))
        assert checked.link is not None  # a valid check always carries its link
        link = ReferralLink.objects.select_for_update().get(pk=checked.link.pk)
        if link.used_at is not None:
            raise ReferralError(link_problem(LinkState.USED))
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        referral = _move(referral=link.referral, step=step, by=None, via=VIA_LINK, request=request)
        renewed = referral.status in OPEN_STATUSES
        if renewed:
            _link_issue(referral, link.sent_to)
    return referral, renewed


def link_problem(state: str) -> str:
    """Why a link no longer works, in one calm sentence."""
    return str(
        {
            LinkState.USED: _(
                "This link has been used already: each link works once. The newest mail to your"
                " organisation holds a new link, or sign in and open 'Verwijzingen'."
            ),
            LinkState.EXPIRED: _(
                "This link has expired. Sign in and open 'Verwijzingen', or ask the professional"
                " who referred for a new link."
            ),
            LinkState.CLOSED: _("This referral is finished: there is nothing more to fill in."),
        }.get(state, _("This link is not valid. Check that you copied the whole link."))
    )


# Reminders and "gaat het nog?" (the daily command) -------------------------------------------


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class DailyRun:
    no_answer: int
    no_start: int
    check_in: int


def referral_reminders_send(*, now: dt.datetime | None = None) -> DailyRun:
    """Once a day: remind the referrer of a referral without an answer after
    ``REFERRAL_ANSWER_DAYS`` (once), of a planned introduction without a start (once per
    planned date), and ask "gaat het nog?" three months after a start (once). Each mark is
    written in the same transaction as the mail is queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {"no_answer": 0, "no_start": 0, "check_in": 0}
    waiting = Referral.objects.waiting_for_an_answer_since(
        now - dt.timedelta(days=settings.REFERRAL_ANSWER_DAYS)
    )
    for pk in list(waiting.values_list("pk", flat=True)):
        with transaction.atomic():
            referral = waiting.select_for_update(of=("self",)).filter(pk=pk).first()
            if referral is None:
                continue
            referral.answer_reminded_at = now
            referral.save(update_fields=["answer_reminded_at"])
            counts["no_answer"] += notifications.no_answer_send(referral=referral)
    late = Referral.objects.not_started_after_introduction(today)
    for pk in list(late.values_list("pk", flat=True)):
        with transaction.atomic():
            referral = late.select_for_update(of=("self",)).filter(pk=pk).first()
            if referral is None:
                continue
            referral.start_reminded_for = referral.introduction_on
            referral.save(update_fields=["start_reminded_for"])
            counts["no_start"] += notifications.no_start_send(referral=referral)
    due = Referral.objects.due_for_check_in(_months_before(today, 3))
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            referral = due.select_for_update(of=("self",)).filter(pk=pk).first()
            if referral is None:
                continue
            referral.check_in_asked_at = now
            referral.save(update_fields=["check_in_asked_at"])
            counts["check_in"] += bool(notifications.check_in_send(referral=referral))
    return DailyRun(**counts)
