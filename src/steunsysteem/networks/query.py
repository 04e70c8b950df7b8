from django.db import models


class SnapshotImmutableError(Exception):
    """A network snapshot records a moment; it is never changed afterwards."""


class NetworkMemberQuerySet(models.QuerySet):
    def in_map_order(self):
        """Closest first, then by relation and name, so the map and the list agree."""
        circle_order = models.Case(
            models.When(circle="inner", then=0),
            models.When(circle="middle", then=1),
            default=2,
        )
        return self.order_by(circle_order, "relation", "name", "pk")


class NetworkSnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise SnapshotImmutableError()

    def newest_first(self):
        return self.order_by("-taken_at", "-pk")


class SnapshotMemberQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise SnapshotImmutableError()
