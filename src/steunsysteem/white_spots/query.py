from django.db import models

from .constants import OPEN_STATUSES, SHARED_WITH_MUNICIPALITY, SignalSource


class SignalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def from_questions(self):
        """Raised by the detection, not by hand."""
        return self.filter(source=SignalSource.QUESTIONS)

    def shared_with_municipality(self):
        return self.filter(status__in=SHARED_WITH_MUNICIPALITY)

    def newest_first(self):
        return self.order_by("-raised_at", "-pk")
