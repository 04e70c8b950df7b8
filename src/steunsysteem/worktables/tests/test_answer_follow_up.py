"""The person's answer to a proposal reaches the table: the question comes back on the next
agenda as a follow-up, and the meeting screen shows the answer by case number, no name."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.questions.services import proposal_answer, question_status_change
from steunsysteem.questions.tests.loop import JANNY, make_loop
from steunsysteem.worktables import selectors, services
from steunsysteem.worktables.constants import AgendaItemKind
from steunsysteem.worktables.models import AgendaItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_answer_since_the_last_meeting_brings_the_question_back_as_a_follow_up(client):
    loop = make_loop()
    question = loop.question()
    loop.discuss(question)  # yesterday's meeting made a proposal
    next_meeting = loop.meeting(days_from_now=7)
    assert question not in selectors.follow_ups(loop.table, next_meeting)

    proposal_answer(question=question, choice="wants", explanation="Graag!", by=loop.janny.user)

    assert list(selectors.follow_ups(loop.table, next_meeting)) == [question]
    services.agenda_build(meeting=next_meeting, by=loop.ruud)
    item = AgendaItem.objects.get(meeting=next_meeting, question=question)
    assert item.kind == AgendaItemKind.FOLLOW_UP

    sign_in(client, loop.ruud)
    page = client.get(
        reverse("worktables:agenda_item", args=[next_meeting.pk, item.pk])
    ).content.decode()
    assert f"{question.case_number}: i want this" in page
    assert "Graag!" in page
    assert JANNY not in page


def test_an_answer_the_table_already_had_does_not_bring_the_question_back_again():
    loop = make_loop()
    question = loop.question()
    loop.discuss(question)
    proposal_answer(question=question, choice="rather_not", by=loop.janny.user)
    # The next meeting takes the answer up and makes a new proposal.
    loop.discuss(
        question,
        proposal="Eerst een keer kijken bij het koor.",
        meeting=loop.meeting(days_from_now=7),
    )

    later = loop.meeting(days_from_now=35)

    assert question not in selectors.follow_ups(loop.table, later)


def test_a_closed_question_does_not_come_back_for_an_answer():
    loop = make_loop()
    question = loop.question()
    loop.discuss(question)
    proposal_answer(question=question, choice="wants", by=loop.janny.user)
    question_status_change(question=question, to="withdrawn", by=loop.janny.user)

    assert question not in selectors.follow_ups(loop.table, loop.meeting(days_from_now=7))
