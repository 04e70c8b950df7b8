from django.db import models


class VisitQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-visited_on", "-pk")


class ApproachQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-started_on", "-pk")
