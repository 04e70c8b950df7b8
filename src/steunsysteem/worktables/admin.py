from django.contrib import admin

from .models import MailingListEntry, Worktable, WorktableMembership


class WorktableMembershipInline(admin.TabularInline):
    model = WorktableMembership
    extra = 0
    autocomplete_fields = ["user"]


class MailingListInline(admin.TabularInline):
    model = MailingListEntry
    extra = 0


@admin.register(Worktable)
class WorktableAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    search_fields = ["name"]
    inlines = [WorktableMembershipInline, MailingListInline]
