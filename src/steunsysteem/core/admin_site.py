"""The Django admin, open only to administrators (``accounts.permissions.can_use_admin``).

Its log-in form counts against the same rate limit per client address as the site's own
(``RATE_LIMITS["login"]``): guessing passwords there is no cheaper than on ``/accounts/login/``.
"""

from django.contrib import admin
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions

from .rate_limits import rate_limited


class SteunsysteemAdminSite(admin.AdminSite):
    site_header = _("Steunsysteem administration")
    site_title = _("Steunsysteem administration")

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin(request.user)

    @method_decorator(rate_limited("login", method="POST"))
    def login(self, request, extra_context=None):
        return super().login(request, extra_context)
