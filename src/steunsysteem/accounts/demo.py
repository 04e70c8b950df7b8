"""Partistad demo accounts: one user per role (demo password in the README).

Accounts whose role needs two-factor authentication get an authenticator app with one fixed,
published key (the RFC 6238 test key), so a demo can be tried without a phone. Demo only.
"""

import json
from pathlib import Path

from django_otp.plugins.otp_totp.models import TOTPDevice

from steunsysteem.core.demo import DEMO_PASSWORD, demo_id
from steunsysteem.directory.models import Organization

from . import permissions
from .constants import Role
from .models import User
from .services import TOTP_DEVICE_NAME, account_change_record

DATA = Path(__file__).parent / "demo_data" / "users.json"
# base32: GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ ("12345678901234567890")
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
ACCOUNT_FIELDS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "password",
    "organizations",
]


def load() -> str:
    """Set up (or put back) the demo accounts. An account is set up the way the operator does
    with ``createsuperuser`` or the admin (which has no service of its own): created, and the
    creation recorded in the audit trail by ``account_change_record``. Loading again puts the
    demo's names, roles, password and authenticator key back, and records nothing new."""
    users = json.loads(DATA.read_text(encoding="utf-8"))
    for item in users:
        user, created = User.objects.update_or_create(
            username=item["username"],
            defaults={
                "first_name": item["first_name"],
                "last_name": item["last_name"],
                "email": item["email"],
                "role": Role(item["role"]),
                "is_active": True,
                "is_staff": item.get("is_staff", False),
                "is_superuser": item.get("is_superuser", False),
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.organizations.set(
            Organization.objects.filter(
                pk__in=[demo_id("organization", slug) for slug in item["organizations"]]
            )
        )
        if created:
            account_change_record(user=user, fields=ACCOUNT_FIELDS, by=None, created=True)
        if permissions.needs_two_factor(user):
            # The one published key (see the module docstring): a real device is confirmed
            # with a code from the person's own app (``totp_device_confirm``).
            TOTPDevice.objects.update_or_create(
                user=user,
                name=TOTP_DEVICE_NAME,
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True, "throttling_failure_count": 0},
            )
    return f"{len(users)} accounts"
