"""Mail about referrals, through the outbox.

A mail says only that there is a referral, or news about one, and links to the page where
whoever may see it reads the rest: never the person's name, health or question. The
receiving organisation's mail holds its single-use link; everyone else's links to the
question page, where they sign in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.outbox.services import mail_queue

if TYPE_CHECKING:
    from steunsysteem.accounts.models import User

    from .models import Referral


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def question_url(referral: Referral) -> str:
    question = referral.question
    return _absolute(reverse("questions:detail", args=[question.participant_id, question.pk]))


def _send(to: list[str], subject: str, template: str, context: dict) -> None:
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(
            to=to,
            subject=subject % {"site": settings.SITE_NAME},
            body=render_to_string(template, {**context, "site_name": settings.SITE_NAME}),
        )


def link_send(*, address: str, token: str) -> None:
    """The receiving organisation's contact address gets the single-use link."""
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            [address],
            _("%(site)s: there is a referral for your organisation"),
            "referrals/mail/link.txt",
            {
                "url": _absolute(reverse("referrals:link", args=[token])),
                "days": settings.REFERRAL_LINK_VALID_DAYS,
            },
        )


def _referrer(referral: Referral, by: User | None = None) -> list[str]:
    """The professional who referred, while the person's consent still lets them see the
    question (never to whoever made the change themselves)."""
    user = referral.created_by
    if (
        user is None
        or not user.is_active
        or not user.email
        or (by is not None and user.pk == by.pk)
        or not permissions.may_hear_of_question(user, referral.question.participant)
    ):
        return []
    return [user.email]


def _the_person_if_opted_in(referral: Referral) -> list[str]:
    participant = referral.question.participant
    user = participant.user
    if not participant.news_mail_opt_in or user is None or not user.is_active or not user.email:
        return []
    return [user.email]


def news_send(*, referral: Referral, by: User | None) -> None:
    """The organisation moved the referral along: the referrer hears there is news."""
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            _referrer(referral, by),
            _("%(site)s: there is news about a referral"),
            "referrals/mail/news.txt",
            {"url": question_url(referral)},
        )


def no_answer_send(*, referral: Referral) -> bool:
    """Reminder to the referrer: the organisation has not answered yet."""
    to = _referrer(referral)
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            to,
            _("%(site)s: a referral waits for an answer"),
            "referrals/mail/no_answer.txt",
            {"url": question_url(referral), "days": settings.REFERRAL_ANSWER_DAYS},
        )
    return bool(to)


def no_start_send(*, referral: Referral) -> bool:
    """Reminder to the referrer: the introduction date passed and nobody marked a start."""
    to = _referrer(referral)
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            to,
            _("%(site)s: has the person started?"),
            "referrals/mail/no_start.txt",
            {"url": question_url(referral)},
        )
    return bool(to)


def check_in_send(*, referral: Referral) -> int:
    """Three months after the start: "gaat het nog?" to the referrer and (opt-in) the person."""
    to = _referrer(referral) + _the_person_if_opted_in(referral)
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            to,
            _("%(site)s: is it still going well?"),
            "referrals/mail/check_in.txt",
            {"url": question_url(referral)},
        )
    return len(to)
