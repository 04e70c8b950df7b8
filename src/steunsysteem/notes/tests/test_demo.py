"""The demo holds notes of conversations: two Fatima wrote with Janny, and Janny's own
correction of the first. Loading the demo again adds none."""

import pytest

from steunsysteem.core.demo import load_demo
from steunsysteem.notes.models import Note
from steunsysteem.participants.models import Participant

pytestmark = pytest.mark.django_db


def test_janny_has_notes_from_fatima_and_one_she_wrote_herself():
    load_demo()
    load_demo()

    janny = Participant.objects.get(name="Janny", user__username="deelnemer")
    notes = list(janny.notes.select_related("written_by", "corrects").newest_first())
    assert Note.objects.count() == len(notes) == 3
    own, second, first = notes
    assert [note.written_by.username for note in notes] == [
        "deelnemer",
        "hulpverlener",
        "hulpverlener",
    ]
    assert own.corrects == first and own.written_by_role == "participant"
    assert first.question is not None and first.question.participant == janny
    assert all(note.written_by_role == "professional" for note in (first, second))
