import datetime as dt

from django.db import models
from django.utils import timezone


class ParticipantQuerySet(models.QuerySet):
    def by_name(self):
        return self.order_by("name", "pk")


class ErasureRecordQuerySet(models.QuerySet):
    def since(self, days: int):
        return self.filter(erased_at__gte=timezone.now() - dt.timedelta(days=days))


class RightsRequestQuerySet(models.QuerySet):
    def open(self):
        from .constants import RightsRequestStatus

        return self.filter(status=RightsRequestStatus.OPEN)

    def erasures(self):
        from .constants import RightsRequestKind

        return self.filter(kind=RightsRequestKind.ERASURE)

    def newest_first(self):
        return self.order_by("-recorded_at", "-pk")
