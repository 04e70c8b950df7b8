"""The Partistad demo has two signals from the questions: a going-out evening in Binnenstad
(sent to the municipality) and paid work with support in Oosterhof (raised); and one raised by
hand from the client council. Loading twice changes nothing."""

import pytest

from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.core.demo import load_demo
from steunsysteem.participants.models import Participant
from steunsysteem.questions.models import Question
from steunsysteem.white_spots.models import Signal, SignalEvent

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (Participant, Question, ConsentGrant, Signal, SignalEvent, AuditEntry)
    ]


def test_the_demo_has_two_signals_and_loads_twice_the_same():
    load_demo()
    first = counts()
    load_demo()

    assert counts() == first
    signals = {
        (signal.district.slug, signal.life_domain): signal
        for signal in Signal.objects.from_questions().select_related("district")
    }
    assert set(signals) == {("binnenstad", "meeting"), ("oosterhof", "work")}
    evening = signals["binnenstad", "meeting"]
    assert evening.status == "sent" and "GGZ-achtergrond" in evening.title
    assert evening.question_count >= 5
    assert signals["oosterhof", "work"].status == "raised"
    assert signals["oosterhof", "work"].question_count == 3
    by_hand = Signal.objects.exclude(source="questions").get()
    assert (by_hand.source, by_hand.district.slug, by_hand.status) == (
        "client_council",
        "vlietzoom",
        "raised",
    )


def test_the_extra_demo_participants_share_nothing_with_anyone():
    load_demo()

    extra = Participant.objects.filter(name__in=["Anouk", "Ferry", "Dennis"])
    assert extra.count() == 3
    assert not ConsentGrant.objects.filter(participant__in=extra).exists()
    assert {participant.created_by.username for participant in extra} == {"hulpverlener"}
    assert not any(participant.user_id for participant in extra)
