"""Reads for maatjes."""

from __future__ import annotations

from django.db import models


class VolunteerProfileQuerySet(models.QuerySet):
    def of_project(self, project):
        return self.filter(project=project)

    def ready_for_a_match(self):
        """Screened (intake and VOG dates known), available, with an active account."""
        return self.filter(
            intake_on__isnull=False,
            vog_checked_on__isnull=False,
            is_available=True,
            user__is_active=True,
        )


class MatchQuerySet(models.QuerySet):
    def open(self):
        from .constants import OPEN_MATCH_STATUSES

        return self.filter(status__in=OPEN_MATCH_STATUSES)

    def active(self):
        from .constants import MatchStatus

        return self.filter(status=MatchStatus.ACTIVE)

    def of_volunteer(self, user):
        return self.filter(volunteer__user=user)

    def of_participant(self, participant):
        return self.filter(request__question__participant=participant)

    def of_projects(self, projects):
        return self.filter(request__project__in=projects)
