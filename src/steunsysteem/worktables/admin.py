from django.contrib import admin
from django.db import transaction

from steunsysteem.accounts import services as account_services
from steunsysteem.accounts.models import User

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
    """Werktafels and who sits at them. A seat at a table opens what participants shared
    with the table, so every change of membership is in the audit trail, per member."""

    list_display = ["name", "district"]
    search_fields = ["name"]
    inlines = [WorktableMembershipInline, MailingListInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user_ids = set()
        for formset in formsets:
            if formset.model is not WorktableMembership:
                continue
            user_ids.update(membership.user_id for membership in formset.new_objects)
            user_ids.update(membership.user_id for membership, _ in formset.changed_objects)
            user_ids.update(membership.user_id for membership in formset.deleted_objects)
            # A seat handed to someone else: the one who had it lost it.
            user_ids.update(
                form.initial["user"]
                for form in formset.initial_forms
                if "user" in form.changed_data and form.initial.get("user")
            )
        self._record(request, User.objects.filter(pk__in=user_ids))

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record(request, obj.members.all())
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for worktable in queryset:
                self._record(request, worktable.members.all())
            super().delete_queryset(request, queryset)

    def _record(self, request, members):
        for member in sorted(members, key=lambda user: user.pk):
            account_services.account_change_record(
                user=member, fields=["worktables"], by=request.user, request=request
            )
