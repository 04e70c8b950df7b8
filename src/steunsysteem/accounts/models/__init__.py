"""Accounts models, one module per concept."""

from .audit import AuditEntry
from .consent import ConsentGrant, EmergencyAccess
from .signing_in import Invitation, UserSession
from .user import AccountManager, Membership, User

__all__ = [
    "AccountManager",
    "AuditEntry",
    "ConsentGrant",
    "EmergencyAccess",
    "Invitation",
    "Membership",
    "User",
    "UserSession",
]
