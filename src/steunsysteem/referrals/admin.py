"""Referrals in the admin: read only. Every step goes through ``referrals.services``, which
audits it; an admin save would not."""

from django.contrib import admin

from .models import Referral, ReferralEvent


class ReferralEventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "occurred_at", "by_role", "via"]
    exclude = ["by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["pk", "service", "organization", "status", "created_at"]
    list_filter = ["status"]
    fields = ["service", "organization", "status", "created_at"]
    readonly_fields = fields
    inlines = [ReferralEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
