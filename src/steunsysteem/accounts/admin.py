from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .audit import audit_record
from .constants import AuditAction
from .models import AuditEntry, Invitation, Membership, User


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
    actions = ["reset_two_factor"]

    # Every change of an account is in the audit trail (not only in Django's own admin log,
    # which an administrator can edit): the fields that changed, never their values.

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = set(form.changed_data)
        if any(
            formset.model is Membership
            and (formset.new_objects or formset.changed_objects or formset.deleted_objects)
            for formset in formsets
        ):
            fields.add("organizations")
        services.account_change_record(
            user=form.instance, fields=fields, by=request.user, created=not change, request=request
        )

    def user_change_password(self, request, id, form_url=""):
        """Django's password page for an account; a new (or no) password is recorded."""
        with transaction.atomic():
            before = User.objects.filter(pk=self._pk_or_none(id)).values("password").first()
            response = super().user_change_password(request, id, form_url)
            if before is not None:
                user = User.objects.get(pk=self._pk_or_none(id))
                if user.password != before["password"]:
                    services.account_change_record(
                        user=user, fields=["password"], by=request.user, request=request
                    )
        return response

    def delete_model(self, request, obj):
        with transaction.atomic():
            services.account_delete_record(user=obj, by=request.user, request=request)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                services.account_delete_record(user=user, by=request.user, request=request)
            super().delete_queryset(request, queryset)

    def _pk_or_none(self, object_id):
        try:
            return User._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            return None

    @admin.action(description=_("Reset two-step verification (lost phone)"))
    def reset_two_factor(self, request, queryset):
        """The users set up their app again at their next log-in."""
        for user in queryset:
            services.two_factor_reset(user=user, by=request.user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Two-step verification was reset for %(count)d user.",
                "Two-step verification was reset for %(count)d users.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations can be looked at and removed; they are made on the "Uitnodigen" page."""

    list_display = ["email", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "accepted_at"]
    search_fields = ["email"]
    exclude = ["token_hash"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields if field.name != "token_hash"] + [
            "organizations"
        ]

    def has_add_permission(self, request):
        return False


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

    # Reading the trail is itself recorded: it holds who looked at whose data. A search is
    # recorded as having happened, never with its words (they may be a name).

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if getattr(response, "status_code", None) == 200 and "cl" in getattr(
            response, "context_data", {}
        ):
            audit_record(
                actor=request.user,
                action=AuditAction.READ,
                object_type=self.model._meta.label_lower,
                fields=_search_and_filters(request),
                request=request,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", None) == 200:
            audit_record(
                actor=request.user,
                action=AuditAction.READ,
                object_type=self.model._meta.label_lower,
                object_id=unquote(object_id),
                request=request,
            )
        return response


def _search_and_filters(request) -> list[str]:
    """What the administrator narrowed the list by: "search" and the filtered fields'
    names, without the search words or filter values."""
    not_narrowing = {ALL_VAR, ORDER_VAR, PAGE_VAR, ERROR_FLAG, IS_FACETS_VAR, IS_POPUP_VAR}
    used = set()
    for name, value in request.GET.items():
        if not value or name in not_narrowing or name == TO_FIELD_VAR:
            continue
        used.add("search" if name == SEARCH_VAR else name.split("__", 1)[0])
    return sorted(used)
