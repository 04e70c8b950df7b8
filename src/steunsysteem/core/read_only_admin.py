"""A read-only admin for models whose every write goes through a service (which audits it):
an admin save would skip the service and its audit entry, so the administrator can list and
open records, never add, change or delete them. Fields with personal data (names, numbers,
free text about a person) are left out: the pages that show them record who read them."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Set ``fields`` to what the administrator may see; ``list_display`` defaults to it."""

    fields: list[str] = []
    actions = None

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return list(self.fields)

    def get_list_display(self, request: HttpRequest):
        return self.list_display if self.list_display != ("__str__",) else ["pk", *self.fields]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
