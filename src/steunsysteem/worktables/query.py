from django.db import models


class WorktableQuerySet(models.QuerySet):
    def with_member(self, user):
        """The werktafels this user sits at, in any role."""
        return self.filter(worktablemembership__user=user)
