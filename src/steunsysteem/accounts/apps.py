from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Gebruikers, rollen, toestemming en audittrail (users, roles, consent, audit)."""

    name = "steunsysteem.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import receivers  # noqa: F401
