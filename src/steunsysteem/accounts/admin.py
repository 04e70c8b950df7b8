from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import AuditEntry, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + ((None, {"fields": ["role"]}),)
    inlines = [MembershipInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Administrators search the audit trail here; nobody can add, change or delete entries."""

    list_display = [
        "sequence",
        "occurred_at",
        "actor_username",
        "actor_role",
        "action",
        "object_type",
        "object_id",
        "result",
        "origin",
    ]
    list_filter = ["action", "result", "actor_role", "object_type", "occurred_at"]
    search_fields = ["=actor_username", "=actor_user_id", "=object_id", "object_type", "=origin"]
    date_hierarchy = "occurred_at"
    ordering = ["-sequence"]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
