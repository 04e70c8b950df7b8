"""Signal receivers of accounts: each only hands the event to one service function."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_login_failed, dispatch_uid="steunsysteem.accounts.audit_failed_login")
def audit_failed_login(sender, credentials, request=None, **kwargs):
    """Every failed log-in (wrong password, or refused by the lockout) is in the audit trail."""
    services.login_failure_record(username=credentials.get("username", ""), request=request)
