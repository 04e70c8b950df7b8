"""Sending survey invitations and taking in their anonymous answers."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.outbox.services import mail_queue
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.worktables.models import MailingListEntry

from .constants import SurveyKind
from .models import SurveyAnswer, SurveyInvitation

# A question counts as closed when it ends answered or without a fitting offer (a withdrawn
# question is the person's own choice: nobody asks them how it went).
CLOSED_STATUSES = (QuestionStatus.ANSWERED, QuestionStatus.CLOSED_NO_OFFER)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def survey_invite(
    *, kind: str, to: str, today: dt.date, **target
) -> tuple[SurveyInvitation, str] | None:
    """One invitation and its mail (after commit), with the link's secret; None when this
    one was already sent (a parallel run). ``target``: ``question``, or ``recipient_hash`` and
    ``year``, so nobody is invited twice for the same thing."""
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                kind=kind,
                token_hash=token_hash(token),
                sent_on=today,
                expires_on=today + dt.timedelta(days=settings.SURVEY_LINK_VALID_DAYS),
                **target,
            )
            audit_record(actor=None, action=AuditAction.CREATE, obj=invitation)
    except IntegrityError:
        return None
    link = _absolute(reverse("surveys:answer", kwargs={"token": token}))
    if kind == SurveyKind.PARTICIPANT:
        subject = _("How did it go with your question?")
        intro = _(
            "Your question to the werktafel has been closed. Would you tell us how it went?"
            " It takes two minutes."
        )
    else:
        subject = _("How is the collaboration at the werktafel going?")
        intro = _(
            "Once a year we ask the members of the werktafels how the collaboration goes."
            " It takes two minutes."
        )
    body = "\n\n".join(
        [
            intro,
            _(
                "Your answer is anonymous: we keep only that this link was used, not who"
                " answered what."
            ),
            link,
            _("The link works once, until %(date)s.")
            % {"date": invitation.expires_on.strftime("%d-%m-%Y")},
        ]
    )
    mail_queue(to=[to], subject=subject, body=body)
    return invitation, token


def address_hash(address: str) -> str:
    """Who got this year's collaboration survey, without keeping the address itself."""
    return hashlib.sha256(address.strip().casefold().encode()).hexdigest()


def collaboration_addresses() -> list[str]:
    """The werktafel members (active accounts) and the partner organisations' addresses on
    the werktafels' mailing lists, each address once."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, worktables__isnull=False)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    partners = MailingListEntry.objects.exclude(email="").values_list("email", flat=True)
    found: dict[str, str] = {}
    for address in [*users, *partners]:
        found.setdefault(address.strip().casefold(), address.strip())
    return sorted(found.values())


@dataclass(frozen=True)
class SendResult:
    participants: int
    members: int


def surveys_send(*, today: dt.date | None = None) -> SendResult:
    """Invite whoever is due and not yet invited; running it twice sends nothing twice.

    Participants: each question that closed in the last ``SURVEY_LINK_VALID_DAYS`` days,
    once, if the person chose e-mail as the way to reach them. Werktafel members: once per
    calendar year, from ``SURVEY_COLLABORATION_MONTH`` on, and so are the partner
    organisations on the werktafels' mailing lists.
    """
    today = today or timezone.localdate()
    since = timezone.now() - dt.timedelta(days=settings.SURVEY_LINK_VALID_DAYS)
    participants = 0
    questions = (
        Question.objects.filter(
            status__in=CLOSED_STATUSES,
            events__to_status__in=CLOSED_STATUSES,
            events__occurred_at__gte=since,
        )
        .exclude(
            id__in=SurveyInvitation.objects.filter(
                kind=SurveyKind.PARTICIPANT, question__isnull=False
            ).values("question_id")
        )
        .select_related("participant")
        .distinct()
    )
    for question in questions:
        address = question.participant.contact_email
        if address and survey_invite(
            kind=SurveyKind.PARTICIPANT, to=address, today=today, question=question
        ):
            participants += 1
    members = 0
    if today.month >= settings.SURVEY_COLLABORATION_MONTH:
        invited = set(
            SurveyInvitation.objects.filter(
                kind=SurveyKind.COLLABORATION, year=today.year
            ).values_list("recipient_hash", flat=True)
        )
        for address in collaboration_addresses():
            key = address_hash(address)
            if key not in invited and survey_invite(
                kind=SurveyKind.COLLABORATION,
                to=address,
                today=today,
                recipient_hash=key,
                year=today.year,
            ):
                invited.add(key)
                members += 1
    return SendResult(participants=participants, members=members)


class LinkState:
    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    INVALID = "invalid"


def survey_link_check(*, token: str) -> tuple[str, SurveyInvitation | None]:
    invitation = SurveyInvitation.objects.by_token_hash(token_hash(token)).first()
    if invitation is None:
        return LinkState.INVALID, None
    if invitation.used:
        return LinkState.USED, invitation
    if invitation.expires_on < timezone.localdate():
        return LinkState.EXPIRED, invitation
    return LinkState.VALID, invitation


class SurveyLinkError(Exception):
    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


def survey_answer(*, token: str, scores: tuple[int, int, int], remark: str = "") -> None:
    """Store one anonymous answer and mark the invitation used, in one transaction.

    The answer gets a random id and only the month; the audit trail records that the
    invitation was used, not which answer came from it.
    """
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.select_for_update().by_token_hash(token_hash(token)).first()
        )
        if invitation is None:
            raise SurveyLinkError(LinkState.INVALID)
        if invitation.used:
            raise SurveyLinkError(LinkState.USED)
        if invitation.expires_on < timezone.localdate():
            raise SurveyLinkError(LinkState.EXPIRED)
        invitation.used = True
        invitation.save(update_fields=["used"])
        audit_record(actor=None, action=AuditAction.UPDATE, obj=invitation, fields=["used"])
        SurveyAnswer.objects.create(
            kind=invitation.kind,
            answered_in=timezone.localdate().replace(day=1),
            score_1=scores[0],
            score_2=scores[1],
            score_3=scores[2],
            remark=remark.strip(),
        )
