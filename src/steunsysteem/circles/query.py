from __future__ import annotations

from django.db import models
from django.db.models import Q


class CircleMemberQuerySet(models.QuerySet):
    def active(self):
        """Members who have not left the circle."""
        return self.filter(left_at__isnull=True)

    def for_user(self, user):
        """The places of this user: as a volunteer, or through their own participant record."""
        return self.filter(Q(volunteer=user) | Q(participant__user=user))

    def in_order(self):
        return self.order_by("position", "pk")


class AbsenceQuerySet(models.QuerySet):
    def on(self, day):
        """Absences that include this day."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class CallReportQuerySet(models.QuerySet):
    def missed(self):
        return self.filter(reached=False)

    def open(self):
        """Missed calls the coordinator has not followed up yet."""
        return self.missed().filter(followed_up_at__isnull=True)
