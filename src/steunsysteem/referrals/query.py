"""Reads of referrals, as chainable QuerySet methods."""

from __future__ import annotations

import datetime as dt

from django.db import models

from .constants import OPEN_STATUSES, ReferralStatus


class ReferralQuerySet(models.QuerySet):
    def open(self) -> ReferralQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def received_by(self, organizations) -> ReferralQuerySet:
        return self.filter(organization__in=organizations)

    def waiting_for_an_answer_since(self, moment: dt.datetime) -> ReferralQuerySet:
        """Proposed before ``moment`` and not answered by the organisation, not reminded yet."""
        return self.filter(
            status=ReferralStatus.PROPOSED, created_at__lte=moment, answer_reminded_at__isnull=True
        )

    def not_started_after_introduction(self, today: dt.date) -> ReferralQuerySet:
        """The introduction date passed without a start; not reminded for that date yet."""
        return self.filter(
            status=ReferralStatus.INTRODUCTION_PLANNED, introduction_on__lt=today
        ).exclude(start_reminded_for=models.F("introduction_on"))

    def due_for_check_in(self, started_by: dt.date) -> ReferralQuerySet:
        """Started on or before ``started_by`` (three months ago) and not asked yet."""
        return self.filter(
            status=ReferralStatus.STARTED,
            started_on__lte=started_by,
            check_in_asked_at__isnull=True,
        )

    def history(self) -> ReferralQuerySet:
        return (
            self.select_related("service", "organization")
            .prefetch_related("events")
            .order_by("created_at", "pk")
        )
