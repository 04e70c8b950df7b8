"""Partistad demo werktafels with their members."""

import json
from pathlib import Path

from steunsysteem.accounts.models import User
from steunsysteem.directory.models import District

from .constants import WorktableRole
from .models import Worktable, WorktableMembership

DATA = Path(__file__).parent / "demo_data" / "worktables.json"


def load() -> str:
    tables = json.loads(DATA.read_text(encoding="utf-8"))
    for item in tables:
        worktable, _ = Worktable.objects.update_or_create(
            name=item["name"], defaults={"district": District.objects.get(slug=item["district"])}
        )
        for username, role in item["members"].items():
            WorktableMembership.objects.update_or_create(
                worktable=worktable,
                user=User.objects.get(username=username),
                defaults={"role": WorktableRole(role)},
            )
    return f"{len(tables)} werktafels"
