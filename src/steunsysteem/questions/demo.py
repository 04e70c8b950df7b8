"""Partistad demo questions of Janny, Nuray and Mark, some answered, some still open, each
naming the werktafel of their district. Janny and Nuray let that table see their questions;
Mark did not."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.participants.models import Participant
from steunsysteem.worktables.models import Worktable

from .models import Question

DATA = Path(__file__).parent / "demo_data" / "questions.json"


def load() -> str:
    items = json.loads(DATA.read_text(encoding="utf-8"))
    for item in items:
        by = User.objects.get(username=item["by"])
        Question.objects.update_or_create(
            participant=Participant.objects.get(pk=demo_id("participant", item["participant"])),
            text=item["text"],
            defaults={
                "life_domains": sorted(item["domains"]),
                "status": item["status"],
                "outcome": item.get("outcome", ""),
                "submitted_at": timezone.now() - dt.timedelta(days=item["days_ago"]),
                "submitted_by": by,
                "submitted_by_role": by.role,
                "worktable": Worktable.objects.get(name=item["worktable"]),
            },
        )
    return f"{len(items)} vragen"
