from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts import services as account_services
from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User

from .constants import WorktableRole
from .models import MailingListEntry, Worktable, WorktableMembership


class WorktableMembershipFormSet(BaseInlineFormSet):
    """The admin keeps the rules the chair's members page keeps (worktables.services.members):
    only professionals and coordinators get a seat, only a coordinator chairs, and a table
    that has a chair keeps one."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        for seat in kept:
            user = seat.get("user")
            if user is None:
                continue
            if not permissions.can_sit_at_worktable(user):
                raise ValidationError(
                    _("Only professionals and coordinators can sit at a werktafel.")
                )
            if seat.get("role") == WorktableRole.CHAIR and user.role != Role.COORDINATOR:
                raise ValidationError(_("Only a coordinator can chair a werktafel."))
        had_chair = (
            self.instance.pk is not None
            and WorktableMembership.objects.filter(
                worktable=self.instance, role=WorktableRole.CHAIR
            ).exists()
        )
        if had_chair and not any(seat.get("role") == WorktableRole.CHAIR for seat in kept):
            raise ValidationError(
                _("A werktafel needs a chair. First make someone else chair, then change this.")
            )


class WorktableMembershipInline(admin.TabularInline):
    model = WorktableMembership
    formset = WorktableMembershipFormSet
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
