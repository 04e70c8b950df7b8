from django.db import models


class ParticipantQuerySet(models.QuerySet):
    def by_name(self):
        return self.order_by("name", "pk")
