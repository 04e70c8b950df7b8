"""The Django admin, open only to administrators (``accounts.permissions.can_use_admin``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions


class SteunsysteemAdminSite(admin.AdminSite):
    site_header = _("Steunsysteem administration")
    site_title = _("Steunsysteem administration")

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin(request.user)
