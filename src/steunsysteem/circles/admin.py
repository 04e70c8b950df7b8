"""Telephone circles in the admin: read only, without names and numbers. Every step goes
through ``circles.services``, which audits it."""

from django.contrib import admin

from steunsysteem.core.read_only_admin import ReadOnlyAdmin

from .models import Absence, CallReport, Circle, CircleMember


@admin.register(Circle)
class CircleAdmin(ReadOnlyAdmin):
    fields = ["name", "coordinator", "frequency", "weekday", "call_time", "created_at"]


@admin.register(CircleMember)
class CircleMemberAdmin(ReadOnlyAdmin):
    fields = ["circle", "position", "agreed_on", "joined_at", "left_at"]


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdmin):
    fields = ["starts_on", "ends_on", "recorded_at"]


@admin.register(CallReport)
class CallReportAdmin(ReadOnlyAdmin):
    fields = ["circle", "on_date", "reached", "reported_at", "followed_up_at"]
    list_filter = ["reached"]
