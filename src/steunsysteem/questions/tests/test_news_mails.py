"""People are told there is news, through the outbox: the person when the werktafel makes a
proposal or the question closes (only if they asked for it), and whoever brought the
question in when it closes. A mail says only that there is news and links to the page:
never the person's name, the question or the proposal."""

import pytest
from django.core import mail
from django.urls import reverse

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.services import question_status_change
from steunsysteem.worktables import services as worktable_services

from .loop import CHOIR, JANNY, PROPOSAL, make_loop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run ``write`` and deliver what it queued after commit; the mails it sent."""

    def run(write):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return list(mail.outbox)

    return run


def assert_says_only_there_is_news(message, question):
    text = message.subject + "\n" + message.body
    for private in (JANNY, "Janny", CHOIR, PROPOSAL, "koor", "Lindeboom"):
        assert private not in text, private
    assert reverse("questions:detail", args=[question.participant_id, question.pk]) in text


def recipients(messages):
    return sorted(message.to[0] for message in messages)


def close_as_answered(loop, question, by):
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=loop.ruud)
    question_status_change(question=question, to=QuestionStatus.ANSWERED, outcome="joined", by=by)


def test_janny_who_asked_for_mail_hears_of_the_proposal(committed):
    loop = make_loop(janny_opts_in=True)
    question = loop.question()

    sent = committed(lambda: loop.discuss(question))

    news = [message for message in sent if "news" in message.subject]
    assert recipients(news) == ["janny@example.org"]
    assert_says_only_there_is_news(news[0], question)


def test_without_asking_for_it_janny_gets_no_mail(committed):
    loop = make_loop(janny_opts_in=False)
    question = loop.question()

    sent = committed(lambda: loop.discuss(question))
    sent += committed(lambda: close_as_answered(loop, question, loop.ruud))

    assert "janny@example.org" not in recipients(sent)


def test_saving_the_same_proposal_again_is_no_news(committed):
    loop = make_loop(janny_opts_in=True)
    question = loop.question()
    item = loop.discuss(question)

    sent = committed(
        lambda: worktable_services.agenda_item_record(item=item, proposal=PROPOSAL, by=loop.ruud)
    )

    assert sent == []


def test_when_fatimas_question_for_janny_closes_both_hear_of_it_but_not_who_closed_it(
    committed,
):
    loop = make_loop(janny_opts_in=True)
    question = loop.question(by=loop.fatima)
    loop.discuss(question)
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=loop.ruud)

    sent = committed(
        lambda: question_status_change(
            question=question, to=QuestionStatus.ANSWERED, outcome="joined", by=loop.ruud
        )
    )

    assert recipients(sent) == ["fatima.elamrani@wijkteam.example", "janny@example.org"]
    for message in sent:
        assert_says_only_there_is_news(message, question)
    assert "closed" in next(m for m in sent if m.to == [loop.fatima.email]).body


@pytest.mark.parametrize(
    "to, extra",
    [
        (QuestionStatus.CLOSED_NO_OFFER, {"closed_reason": "no_offer"}),
        (QuestionStatus.WITHDRAWN, {}),
    ],
)
def test_whoever_brought_the_question_in_hears_of_every_way_it_closes(committed, to, extra):
    loop = make_loop()
    question = loop.question(by=loop.fatima)
    loop.discuss(question)
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=loop.ruud)

    sent = committed(
        lambda: question_status_change(question=question, to=to, by=loop.ruud, **extra)
    )

    assert recipients(sent) == ["fatima.elamrani@wijkteam.example"]


def test_janny_withdrawing_her_question_herself_tells_fatima_and_not_janny(committed):
    loop = make_loop(janny_opts_in=True)
    question = loop.question(by=loop.fatima)

    sent = committed(
        lambda: question_status_change(
            question=question, to=QuestionStatus.WITHDRAWN, by=loop.janny.user
        )
    )

    assert recipients(sent) == ["fatima.elamrani@wijkteam.example"]


def test_a_question_janny_asked_herself_tells_nobody_else_when_it_closes(committed):
    loop = make_loop(janny_opts_in=False)
    question = loop.question()
    loop.discuss(question)

    sent = committed(lambda: close_as_answered(loop, question, loop.ruud))

    assert sent == []


def test_after_janny_withdrew_her_consent_fatima_hears_nothing_more(committed):
    loop = make_loop()
    question = loop.question(by=loop.fatima)
    loop.discuss(question)
    # Fatima sits at the table too: both ways her access rested on end.
    ConsentGrant.objects.filter(scope=ConsentScope.QUESTIONS).update(
        withdrawn_at=question.submitted_at
    )

    sent = committed(lambda: close_as_answered(loop, question, loop.ruud))

    assert sent == []


def test_whoever_closes_it_themselves_gets_no_mail_about_it(committed):
    loop = make_loop()
    question = loop.question(by=loop.fatima)
    loop.discuss(question)

    sent = committed(lambda: close_as_answered(loop, question, loop.fatima))

    assert sent == []
