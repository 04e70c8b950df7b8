"""Mail to the owner of an action from the werktafel, through the outbox: when it is
assigned, and once per due date when it is due or overdue (``remind_actions``).

A mail says only that there are actions and links to "Mijn acties", where the owner reads
them after signing in: never a case, a name or what the action is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from steunsysteem.outbox.services import mail_queue

from .models import Action

if TYPE_CHECKING:
    from steunsysteem.accounts.models import User


def _my_actions_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("worktables:my_actions")


def _reachable(user: User) -> bool:
    return bool(user.is_active and user.email)


def action_assigned_send(*, action: Action, by: User | None) -> None:
    """The owner hears that the werktafel gave them an action (not when they took it on
    themselves: they know)."""
    owner = action.owner
    if not _reachable(owner) or (by is not None and owner.pk == by.pk):
        return
    with translation.override(settings.LANGUAGE_CODE):
        mail_queue(
            to=[owner.email],
            subject=_("%(site)s: you have a new action from the werktafel")
            % {"site": settings.SITE_NAME},
            body=render_to_string(
                "worktables/mail/action_assigned.txt",
                {"url": _my_actions_url(), "site_name": settings.SITE_NAME},
            ),
        )


def _not_reminded_yet(today: dt.date):
    """Open actions due by ``today`` whose owner was not reminded of this due date."""
    return Action.objects.due_by(today).filter(
        Q(reminded_for_due_on__isnull=True) | ~Q(reminded_for_due_on=F("due_on"))
    )


def action_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind each owner, in one mail, of their actions that are due or overdue: each action
    once per due date (recorded on the action in the same transaction as the mail is
    queued). Owners without an active account or e-mail address are skipped and not marked.
    Returns the number of mails."""
    today = today or timezone.localdate()
    owner_ids = sorted(set(_not_reminded_yet(today).values_list("owner_id", flat=True)))
    mails = 0
    for owner_id in owner_ids:
        with transaction.atomic():
            actions = list(
                _not_reminded_yet(today)
                .filter(owner_id=owner_id)
                .select_related("owner")
                .select_for_update(of=("self",))
            )
            if not actions or not _reachable(actions[0].owner):
                continue
            Action.objects.filter(pk__in=[action.pk for action in actions]).update(
                reminded_for_due_on=F("due_on")
            )
            with translation.override(settings.LANGUAGE_CODE):
                mail_queue(
                    to=[actions[0].owner.email],
                    subject=_("%(site)s: actions from the werktafel are due")
                    % {"site": settings.SITE_NAME},
                    body=render_to_string(
                        "worktables/mail/actions_due.txt",
                        {
                            "count": len(actions),
                            "url": _my_actions_url(),
                            "site_name": settings.SITE_NAME,
                        },
                    ),
                )
            mails += 1
    return mails
