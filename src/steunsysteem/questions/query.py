from __future__ import annotations

from django.db import models

from .constants import QuestionStatus


class QuestionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")

    def waiting(self):
        """New questions: no werktafel has taken them up yet."""
        return self.filter(status=QuestionStatus.NEW)


def district_worktable(district):
    """The werktafel of a district (not a theme table), or None."""
    from steunsysteem.worktables.models import Worktable

    if district is None:
        return None
    return Worktable.objects.filter(district=district, theme="").order_by("name").first()


def worktables_for(participant):
    """The werktafels a question of this participant can go to: the table of their district,
    the theme tables, and tables for the whole region (no district)."""
    from steunsysteem.worktables.models import Worktable

    reachable = ~models.Q(theme="") | models.Q(district__isnull=True)
    if participant.district_id is not None:
        reachable |= models.Q(district=participant.district_id, theme="")
    return Worktable.objects.filter(reachable).order_by("theme", "name")


class ProposalAnswerQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-answered_at", "-pk")
