"""Telling people there is news about a question, through the outbox.

A mail says only that there is news and links to the question's page, where whoever may
see it reads the rest after signing in: never the person's name, health, the question or
the proposal. It is queued after the transaction commits, and never to whoever made the
change themselves.
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

from .constants import CLOSED_STATUSES

if TYPE_CHECKING:
    from steunsysteem.accounts.models import User

    from .models import Question


def _page_url(question: Question) -> str:
    path = reverse("questions:detail", args=[question.participant_id, question.pk])
    return settings.SITE_URL.rstrip("/") + path


def _reachable(user: User | None, by: User | None) -> bool:
    return bool(
        user is not None and user.is_active and user.email and (by is None or user.pk != by.pk)
    )


def _send(recipients: list[User], question: Question, template: str) -> None:
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(
            to=[user.email for user in recipients],
            subject=_("%(site)s: there is news about a question") % {"site": settings.SITE_NAME},
            body=render_to_string(
                template, {"url": _page_url(question), "site_name": settings.SITE_NAME}
            ),
        )


def _the_person_if_opted_in(question: Question, by: User | None) -> list[User]:
    participant = question.participant
    user = participant.user
    if not participant.news_mail_opt_in or not _reachable(user, by):
        return []
    return [user]


def proposal_news_send(*, question: Question, by: User | None) -> None:
    """The werktafel recorded a proposal: the person hears of it, if they asked for mail."""
    _send(_the_person_if_opted_in(question, by), question, "questions/mail/news.txt")


def closed_news_send(*, question: Question, by: User | None) -> None:
    """The question closed (answered, closed without fitting offer, withdrawn): the person
    hears of it if they asked for mail, and so does whoever brought it in for them, as long
    as the person's consent for the questions still lets them see it."""
    if question.status not in CLOSED_STATUSES:
        return
    _send(_the_person_if_opted_in(question, by), question, "questions/mail/news.txt")
    bringer = question.submitted_by
    if (
        bringer is not None
        and bringer.pk != question.participant.user_id
        and _reachable(bringer, by)
        and permissions.may_hear_of_question(bringer, question.participant)
    ):
        _send([bringer], question, "questions/mail/closed_for_bringer.txt")
