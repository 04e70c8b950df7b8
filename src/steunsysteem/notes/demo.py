"""Partistad demo notes: two conversations Fatima (hulpverlener) had with Janny about her
questions, and a correction Janny wrote herself."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.participants.models import Participant
from steunsysteem.questions.models import Question

from .models import Note

DATA = Path(__file__).parent / "demo_data" / "notes.json"


def load() -> str:
    items = json.loads(DATA.read_text(encoding="utf-8"))
    notes: dict[str, Note] = {}
    for item in items:
        participant = Participant.objects.get(pk=demo_id("participant", item["participant"]))
        by = User.objects.get(username=item["by"])
        written_at = timezone.now() - dt.timedelta(days=item["days_ago"])
        notes[item["key"]], _ = Note.objects.update_or_create(
            participant=participant,
            written_by=by,
            asked=item["asked"],
            defaults={
                "held_on": timezone.localdate(written_at),
                "question_behind": item.get("question_behind", ""),
                "question": Question.objects.filter(
                    participant=participant, text=item.get("question", "")
                ).first(),
                "corrects": notes[item["corrects"]] if "corrects" in item else None,
                "written_at": written_at,
                "written_by_role": by.role,
            },
        )
    return f"{len(items)} notities"
