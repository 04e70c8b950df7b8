import datetime as dt

from django.db import models
from django.utils import timezone


class WorktableQuerySet(models.QuerySet):
    def with_member(self, user):
        """The werktafels this user sits at, in any role."""
        return self.filter(worktablemembership__user=user)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


class AgendaItemQuerySet(models.QuerySet):
    def not_discussed(self):
        """Items the table did not get to: nothing recorded, and a question still waiting
        on the agenda (the status form moves it on when it was discussed)."""
        from steunsysteem.questions.constants import QuestionStatus

        return self.filter(discussed_at__isnull=True).filter(
            models.Q(question__isnull=True) | models.Q(question__status=QuestionStatus.ON_AGENDA)
        )


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def due_by(self, day: dt.date):
        """Open actions whose due date is on or before ``day`` (overdue included)."""
        return self.open().filter(due_on__lte=day)

    def of(self, user):
        return self.filter(owner=user)
