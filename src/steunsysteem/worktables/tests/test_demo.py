"""Partistad's two werktafels have a year of meetings, the next one planned, and the demo
questions shared with them went through the table."""

import pytest

from steunsysteem.core.demo import load_demo
from steunsysteem.questions.models import Question, QuestionEvent
from steunsysteem.worktables.models import Action, AgendaItem, Meeting, Worktable

pytestmark = pytest.mark.django_db


def test_a_year_of_meetings_and_loading_again_changes_nothing():
    load_demo()
    counts = [m.objects.count() for m in (Meeting, AgendaItem, Action, QuestionEvent)]
    load_demo()

    assert [m.objects.count() for m in (Meeting, AgendaItem, Action, QuestionEvent)] == counts
    for worktable in Worktable.objects.all():
        assert worktable.meetings.past().count() == 12
        assert worktable.meetings.upcoming().count() == 1
        assert worktable.mailing_list.exists()
    answered = Question.objects.filter(status="answered", agenda_items__isnull=False).first()
    assert answered is not None and answered.first_proposal_at is not None
    assert answered.events.order_by("occurred_at").last().to_status == "answered"
    assert Question.objects.filter(status="on_agenda", agenda_items__meeting__status="planned")
    # One theme on a planned meeting: not about anyone, with organisations to invite.
    (theme,) = AgendaItem.objects.filter(question=None)
    assert (theme.kind, theme.meeting.status) == ("theme", "planned")
    assert theme.suggested_organization_ids
