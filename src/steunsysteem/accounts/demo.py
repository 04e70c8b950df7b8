"""Partistad demo accounts: one user per role (demo password in the README)."""

import json
from pathlib import Path

from steunsysteem.core.demo import DEMO_PASSWORD, demo_id
from steunsysteem.directory.models import Organization

from .constants import Role
from .models import User

DATA = Path(__file__).parent / "demo_data" / "users.json"


def load() -> str:
    users = json.loads(DATA.read_text(encoding="utf-8"))
    for item in users:
        user, _ = User.objects.update_or_create(
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
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.organizations.set(
            Organization.objects.filter(
                pk__in=[demo_id("organization", slug) for slug in item["organizations"]]
            )
        )
    return f"{len(users)} accounts"
