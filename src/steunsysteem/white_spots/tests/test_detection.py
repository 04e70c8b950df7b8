"""When questions in one life domain and district keep ending without a fitting offer, a signal
is raised for the coordinator, once, with counts only: nothing that points to a person."""

import datetime as dt
import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.directory.tests.factories import DistrictFactory
from steunsysteem.participants.models import Participant
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.white_spots.models import Signal, SignalEvent
from steunsysteem.white_spots.services import signal_detect

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)
EVENING = "Ik wil 's avonds uit met mensen die snappen hoe het is om in de GGZ te zitten."


@pytest.fixture
def binnenstad():
    return DistrictFactory(name="Binnenstad")


def ask(district, *, days_ago, name="Anouk", domains=("meeting",), **kwargs):
    return QuestionFactory(
        participant=ParticipantFactory(name=name, district=district),
        text=EVENING,
        life_domains=list(domains),
        submitted_at=NOW - dt.timedelta(days=days_ago),
        status=QuestionStatus.CLOSED_NO_OFFER,
        **{"closed_reason": "no_offer", **kwargs},
    )


def test_three_questions_without_an_offer_raise_one_signal_with_counts_only(binnenstad):
    ask(binnenstad, days_ago=100, name="Anouk")
    ask(binnenstad, days_ago=70, name="Ferry")
    ask(binnenstad, days_ago=5, name="Samira", domains=("meeting", "culture"))

    raised = signal_detect(now=NOW)

    assert len(raised) == 1
    signal = raised[0]
    assert (signal.life_domain, signal.district, signal.status) == ("meeting", binnenstad, "raised")
    assert signal.title == "Geen passend aanbod voor 'Ontmoeting' in Binnenstad"
    assert signal.question_count == 3
    assert (signal.first_on, signal.last_on) == (dt.date(2026, 3, 7), dt.date(2026, 6, 10))
    assert signal.monthly_counts == [["2026-03", 1], ["2026-04", 1], ["2026-06", 1]]
    assert SignalEvent.objects.get().by is None  # the nightly check
    # Nothing in the signal or its history points to a person or a question.
    stored = serializers.serialize("json", [signal, *signal.events.all()])
    for person in ("Anouk", "Ferry", "Samira"):
        assert person not in stored
    assert "GGZ te zitten" not in stored
    for question in Question.objects.all():
        assert str(question.participant_id) not in stored
    related = {field.related_model for field in Signal._meta.get_fields() if field.is_relation}
    assert Question not in related and Participant not in related


def test_running_again_raises_nothing_new_but_updates_the_evidence(binnenstad):
    for days_ago in (100, 70, 5):
        ask(binnenstad, days_ago=days_ago)
    signal_detect(now=NOW)
    ask(binnenstad, days_ago=1)

    assert signal_detect(now=NOW) == []

    signal = Signal.objects.get()
    assert signal.question_count == 4
    assert signal.monthly_counts[-1] == ["2026-06", 2]


def test_below_the_threshold_nothing_is_raised(binnenstad):
    ask(binnenstad, days_ago=10)
    ask(binnenstad, days_ago=20)

    assert signal_detect(now=NOW) == []
    assert not Signal.objects.exists()


def test_the_threshold_is_configurable(binnenstad, settings):
    settings.SIGNAL_THRESHOLD = 2
    ask(binnenstad, days_ago=10)
    ask(binnenstad, days_ago=20)

    assert len(signal_detect(now=NOW)) == 1


def test_questions_outside_the_window_do_not_count(binnenstad, settings):
    settings.SIGNAL_WINDOW_DAYS = 90
    ask(binnenstad, days_ago=120)
    ask(binnenstad, days_ago=100)
    ask(binnenstad, days_ago=10)

    assert signal_detect(now=NOW) == []


def test_only_questions_that_ended_without_an_offer_count_per_district(binnenstad):
    ask(binnenstad, days_ago=10)
    ask(binnenstad, days_ago=11)
    ask(DistrictFactory(), days_ago=12)  # another district
    QuestionFactory(
        participant=ParticipantFactory(district=binnenstad),
        submitted_at=NOW,
        status="answered",
        outcome="joined",
    )
    # Closed because a step in between was advised: that is no white spot in the offer.
    ask(binnenstad, days_ago=13, closed_reason="not_feasible")

    assert signal_detect(now=NOW) == []


def test_participants_without_a_district_count_for_the_whole_region():
    for days_ago in (1, 2, 3):
        ask(None, days_ago=days_ago)

    [signal] = signal_detect(now=NOW)

    assert signal.district is None
    assert signal.title == "Geen passend aanbod voor 'Ontmoeting' in de hele regio"


def test_after_a_signal_is_dismissed_a_new_one_can_be_raised(binnenstad):
    for days_ago in (1, 2, 3):
        ask(binnenstad, days_ago=days_ago)
    [first] = signal_detect(now=NOW)
    Signal.objects.filter(pk=first.pk).update(status="dismissed")

    [second] = signal_detect(now=NOW)

    assert second.pk != first.pk


def test_the_nightly_command_raises_signals(binnenstad, capsys):
    for days_ago in (1, 2, 3):
        ask(binnenstad, days_ago=days_ago)

    with freeze_time(NOW):
        call_command("detect_signals")

    assert "1 new signal(s)" in capsys.readouterr().out
    assert Signal.objects.get().raised_at == NOW
    assert json.loads(json.dumps(Signal.objects.get().monthly_counts)) == [["2026-06", 3]]
    assert timezone.is_aware(Signal.objects.get().evidence_updated_at)


def test_the_database_refuses_a_second_open_signal_for_the_same_domain_and_area(binnenstad):
    from django.db import IntegrityError, transaction

    from .factories import SignalFactory

    SignalFactory(district=binnenstad)
    SignalFactory(district=None)
    SignalFactory(district=binnenstad, status="dismissed")  # closed ones may repeat

    for district in (binnenstad, None):
        with pytest.raises(IntegrityError), transaction.atomic():
            SignalFactory(district=district, status="sent")


# Open questions that wait too long without an offer -----------------------------------------


def waiting(district, *, weeks_ago, name="Anouk", status=QuestionStatus.NEW, **kwargs):
    return QuestionFactory(
        participant=ParticipantFactory(name=name, district=district),
        text=EVENING,
        life_domains=["meeting"],
        submitted_at=NOW - dt.timedelta(weeks=weeks_ago),
        status=status,
        **kwargs,
    )


def test_open_questions_waiting_past_the_setting_raise_a_signal_with_counts_only(
    binnenstad, settings
):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    waiting(binnenstad, weeks_ago=13, name="Anouk")
    waiting(binnenstad, weeks_ago=20, name="Ferry", status=QuestionStatus.ON_AGENDA)
    waiting(binnenstad, weeks_ago=30, name="Samira", status=QuestionStatus.DISCUSSED)

    [signal] = signal_detect(now=NOW)

    assert (signal.life_domain, signal.district, signal.source) == (
        "meeting",
        binnenstad,
        "questions",
    )
    assert (signal.question_count, signal.waiting_count) == (3, 3)
    assert (signal.first_on, signal.last_on) == (dt.date(2025, 11, 17), dt.date(2026, 3, 16))
    stored = serializers.serialize("json", [signal, *signal.events.all()])
    for person in ("Anouk", "Ferry", "Samira"):
        assert person not in stored
    assert "GGZ te zitten" not in stored
    for question in Question.objects.all():
        assert f'"{question.pk}"' not in stored and str(question.participant_id) not in stored


def test_open_questions_younger_than_the_setting_do_not_count(binnenstad, settings):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    for weeks_ago in (11, 8, 1):
        waiting(binnenstad, weeks_ago=weeks_ago)

    assert signal_detect(now=NOW) == []


def test_the_waiting_time_is_a_setting(binnenstad, settings):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 4
    for weeks_ago in (5, 6, 7):
        waiting(binnenstad, weeks_ago=weeks_ago)

    assert len(signal_detect(now=NOW)) == 1


def test_questions_with_a_proposal_or_that_ended_otherwise_do_not_count_as_waiting(
    binnenstad, settings
):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    proposed = NOW - dt.timedelta(weeks=10)
    waiting(binnenstad, weeks_ago=20, status="proposal_made", first_proposal_at=proposed)
    waiting(binnenstad, weeks_ago=20, status="in_progress", first_proposal_at=proposed)
    waiting(binnenstad, weeks_ago=20, status="withdrawn")
    waiting(binnenstad, weeks_ago=20, status="answered", outcome="joined")
    waiting(binnenstad, weeks_ago=20, status="closed_no_offer", closed_reason="not_feasible")

    assert signal_detect(now=NOW) == []


def test_waiting_and_ended_questions_count_together(binnenstad, settings):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    ask(binnenstad, days_ago=10)
    ask(binnenstad, days_ago=40)
    waiting(binnenstad, weeks_ago=15)

    [signal] = signal_detect(now=NOW)

    assert (signal.question_count, signal.waiting_count) == (3, 1)


def test_a_question_still_waiting_counts_also_when_it_came_in_before_the_window(
    binnenstad, settings
):
    settings.SIGNAL_WINDOW_DAYS = 90
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    for weeks_ago in (20, 30, 60):
        waiting(binnenstad, weeks_ago=weeks_ago)

    [signal] = signal_detect(now=NOW)

    assert signal.question_count == 3


def test_a_question_that_got_a_proposal_leaves_the_evidence_of_the_open_signal(
    binnenstad, settings
):
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    questions = [waiting(binnenstad, weeks_ago=weeks_ago) for weeks_ago in (13, 14, 15)]
    signal_detect(now=NOW)
    Question.objects.filter(pk=questions[0].pk).update(
        status="proposal_made", first_proposal_at=NOW
    )

    assert signal_detect(now=NOW) == []

    assert Signal.objects.get().question_count == 2


def test_a_signal_raised_by_hand_neither_blocks_nor_takes_the_counts_of_the_detection(
    binnenstad,
):
    from .factories import SignalFactory

    by_hand = SignalFactory(district=binnenstad, by_hand=True)
    for days_ago in (1, 2, 3):
        ask(binnenstad, days_ago=days_ago)

    [detected] = signal_detect(now=NOW)

    assert detected.pk != by_hand.pk and detected.source == "questions"
    by_hand.refresh_from_db()
    assert (by_hand.question_count, by_hand.first_on) == (0, None)
