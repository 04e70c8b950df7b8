from django.contrib import admin

from .models import Worktable, WorktableMembership


class WorktableMembershipInline(admin.TabularInline):
    model = WorktableMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Worktable)
class WorktableAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    search_fields = ["name"]
    inlines = [WorktableMembershipInline]
