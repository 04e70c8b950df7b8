"""Ruud closes the meeting only after the app asked: it names the items not discussed and
says what happens to them (questions come back by themselves; a theme or case stays in the
minutes as not discussed). Only the chair sees the question, and nothing closes on a GET."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.questions.tests.loop import make_loop
from steunsysteem.worktables import services
from steunsysteem.worktables.constants import AgendaItemKind, MeetingStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def loop():
    loop = make_loop()
    loop.question()
    loop.next_meeting = loop.meeting(days_from_now=1)
    services.agenda_build(meeting=loop.next_meeting, by=loop.ruud)
    return loop


def close_url(meeting):
    return reverse("worktables:meeting_close", args=[meeting.pk])


def add_theme(loop):
    return services.agenda_item_add(
        meeting=loop.next_meeting,
        kind=AgendaItemKind.THEME,
        title="Eenzaamheid onder mantelzorgers",
        description="Veel mantelzorgers staan er alleen voor.",
        life_domains=["meeting"],
        by=loop.ruud,
    )


def test_the_chair_is_asked_first_and_told_what_happens_to_each_item(client, loop):
    theme = add_theme(loop)
    question_item = loop.next_meeting.agenda.get(question__isnull=False)
    sign_in(client, loop.ruud)

    page = client.get(close_url(loop.next_meeting)).content.decode()

    assert "come back on the agenda of the next meeting by themselves" in page
    assert question_item.heading in page
    assert "stay in the minutes as not discussed" in page and theme.heading in page
    assert "Veel mantelzorgers" not in page
    loop.next_meeting.refresh_from_db()
    assert loop.next_meeting.status != MeetingStatus.CLOSED


def test_a_discussed_item_is_not_named(client, loop):
    item = loop.next_meeting.agenda.get()
    services.agenda_item_record(item=item, proposal="Samen naar het koor.", by=loop.ruud)
    sign_in(client, loop.ruud)

    page = client.get(close_url(loop.next_meeting)).content.decode()

    assert 'id="all-discussed"' in page and item.heading not in page


def test_a_question_moved_on_by_the_status_form_counts_as_discussed(loop):
    item = loop.next_meeting.agenda.get()
    services.agenda_item_status_change(item=item, to="discussed", by=loop.ruud)

    assert not loop.next_meeting.agenda.not_discussed().exists()


def test_yes_closes_the_meeting(client, loop):
    sign_in(client, loop.ruud)

    response = client.post(close_url(loop.next_meeting), follow=True)

    assert "The meeting is closed." in response.content.decode()
    loop.next_meeting.refresh_from_db()
    assert loop.next_meeting.status == MeetingStatus.CLOSED


def test_a_closed_meeting_sends_the_question_back_to_the_agenda(client, loop):
    services.meeting_close(meeting=loop.next_meeting, by=loop.ruud)
    sign_in(client, loop.ruud)

    response = client.get(close_url(loop.next_meeting))

    assert response.status_code == 302
    assert response.url == reverse("worktables:meeting", args=[loop.next_meeting.pk])


def test_a_member_who_does_not_chair_gets_no_close_page(client, loop):
    sign_in(client, loop.fatima)

    assert client.get(close_url(loop.next_meeting)).status_code == 403
    assert client.post(close_url(loop.next_meeting)).status_code == 403
    loop.next_meeting.refresh_from_db()
    assert loop.next_meeting.status != MeetingStatus.CLOSED


# The status form: only the moves that are allowed, each with what it means


def test_the_status_form_offers_only_allowed_moves_with_what_they_mean(client, loop):
    item = loop.next_meeting.agenda.get()
    sign_in(client, loop.ruud)

    form = client.get(
        reverse("worktables:agenda_item", args=[loop.next_meeting.pk, item.pk])
    ).context["status_form"]

    assert dict(form.fields["to"].choices) == {
        "discussed": "Discussed: The table talked about it; there is no proposal yet.",
        "withdrawn": "Withdrawn: The person no longer wants help with this question. This cannot"
        " be undone.",
    }


def test_every_move_has_words_that_explain_it():
    from steunsysteem.questions.constants import MOVE_EXPLANATIONS, TRANSITIONS

    reachable = set().union(*TRANSITIONS.values())
    assert reachable <= set(MOVE_EXPLANATIONS)
