"""Writes for accounts, one module per concept. Each function runs in one transaction with
its audit entry; mail goes out after the commit. Import from here: ``accounts.services``."""

from .account_changes import account_change_record, account_delete_record
from .consent import (
    ConsentError,
    EmergencyAccessError,
    consent_confirm,
    consent_decline,
    consent_grant,
    consent_withdraw,
    emergency_access_start,
    latest_consent_end,
)
from .invitations import (
    InvitationAlreadyUsed,
    InvitationError,
    InvitationExpired,
    InvitationNotFound,
    InvitationPageTaken,
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_issue,
    invitation_revoke,
)
from .logins import login_failure_record
from .sessions import user_session_end, user_session_touch, user_sessions_end_others
from .two_factor import (
    BACKUP_DEVICE_NAME,
    TOTP_DEVICE_NAME,
    TwoFactorCodeWrong,
    TwoFactorError,
    TwoFactorThrottled,
    backup_codes_replace,
    totp_device_confirm,
    totp_device_prepare,
    two_factor_reset,
    two_factor_verify,
)

__all__ = [
    "BACKUP_DEVICE_NAME",
    "TOTP_DEVICE_NAME",
    "ConsentError",
    "EmergencyAccessError",
    "InvitationAlreadyUsed",
    "InvitationError",
    "InvitationExpired",
    "InvitationNotFound",
    "InvitationPageTaken",
    "TwoFactorCodeWrong",
    "TwoFactorError",
    "TwoFactorThrottled",
    "account_change_record",
    "account_delete_record",
    "backup_codes_replace",
    "consent_confirm",
    "consent_decline",
    "consent_grant",
    "consent_withdraw",
    "emergency_access_start",
    "invitation_accept",
    "invitation_check",
    "invitation_create",
    "invitation_revoke",
    "invitation_issue",
    "latest_consent_end",
    "login_failure_record",
    "totp_device_confirm",
    "totp_device_prepare",
    "two_factor_reset",
    "two_factor_verify",
    "user_session_end",
    "user_session_touch",
    "user_sessions_end_others",
]
