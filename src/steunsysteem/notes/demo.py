"""Partistad demo notes: two conversations Fatima (hulpverlener) had with Janny about her
questions, and a correction Janny wrote herself. Written through ``note_write``, as Fatima
and Janny would; a note that exists already is left as it is (loading twice adds nothing)."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.participants.demo import persona
from steunsysteem.questions.models import Question

from .models import Note
from .services import note_write

DATA = Path(__file__).parent / "demo_data" / "notes.json"


def load() -> str:
    items = json.loads(DATA.read_text(encoding="utf-8"))
    notes: dict[str, Note] = {}
    for item in items:
        participant = persona(item["participant"])
        by = User.objects.get(username=item["by"])
        note = Note.objects.filter(participant=participant, written_by=by, asked=item["asked"])
        notes[item["key"]] = note.first() or _write(participant, by, item, notes)
    return f"{len(items)} notities"


def _write(participant, by: User, item: dict, notes: dict[str, Note]) -> Note:
    written_at = timezone.now() - dt.timedelta(days=item["days_ago"])
    note = note_write(
        participant=participant,
        by=by,
        held_on=timezone.localdate(written_at),
        asked=item["asked"],
        question_behind=item.get("question_behind", ""),
        question=Question.objects.filter(
            participant=participant, text=item.get("question", "")
        ).first(),
        corrects=notes[item["corrects"]] if "corrects" in item else None,
    )
    # Written now; the demo places it on the day of the conversation, weeks ago.
    Note.objects.filter(pk=note.pk).update(written_at=written_at)
    return note
