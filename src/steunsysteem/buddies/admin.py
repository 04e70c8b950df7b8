"""Maatjes in the admin: read only, without contact details or what people wrote. Every step
goes through ``buddies.services``, which audits it."""

from django.contrib import admin

from steunsysteem.core.read_only_admin import ReadOnlyAdmin

from .models import BuddyRequest, CheckIn, Match, ProjectCoordinator, VolunteerProfile


@admin.register(ProjectCoordinator)
class ProjectCoordinatorAdmin(ReadOnlyAdmin):
    fields = ["user", "project"]


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(ReadOnlyAdmin):
    fields = ["user", "project", "intake_on", "vog_checked_on", "is_available", "created_at"]
    list_filter = ["is_available"]


@admin.register(BuddyRequest)
class BuddyRequestAdmin(ReadOnlyAdmin):
    fields = ["project", "created_at", "closed_at"]


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    fields = ["status", "proposed_at", "started_on", "ended_on", "end_reason"]
    list_filter = ["status"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    fields = ["moment", "side", "asked_at", "answered_at"]
