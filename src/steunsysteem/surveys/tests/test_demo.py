"""The Partistad demo answers its surveys through the links, once."""

import datetime as dt

import pytest
from django.utils import timezone

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.surveys import demo
from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.models import SurveyAnswer, SurveyInvitation
from steunsysteem.surveys.selectors import satisfaction_summary
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db


def test_the_demo_answers_through_the_links_and_loading_twice_adds_nothing(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5
    WorktableFactory(
        members=[UserFactory(email="a@example.org"), UserFactory(email="b@example.org")]
    )

    demo.load()
    again = demo.load()

    assert again == "peilingen stonden er al"
    assert SurveyInvitation.objects.filter(used=False).count() == 0
    assert SurveyAnswer.objects.filter(kind=SurveyKind.PARTICIPANT).count() == 6
    today = timezone.localdate()
    start = dt.date(today.year, 1 if today.month <= 6 else 7, 1)
    summaries = {s.kind: s for s in satisfaction_summary(period_start=start, period_end=today)}
    assert summaries[SurveyKind.PARTICIPANT].shown
    assert not summaries[SurveyKind.COLLABORATION].shown  # two members: fewer than five
