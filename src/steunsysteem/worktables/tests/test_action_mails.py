"""An action's owner is told through the outbox: when the werktafel gives them one, and
once per due date when it is due or overdue (``remind_actions``, run daily). The mail
names no person, no question and not what the action is: a number and a link."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.questions.tests.loop import ACTION, CHOIR, JANNY, PROPOSAL, make_loop
from steunsysteem.worktables.models import Action
from steunsysteem.worktables.notifications import action_reminders_send
from steunsysteem.worktables.services import action_add

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


TODAY = timezone.localdate()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(write):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return list(mail.outbox)

    return run


def assert_holds_nothing_about_the_case(message):
    text = message.subject + "\n" + message.body
    for private in (JANNY, "Janny", CHOIR, PROPOSAL, ACTION, "Lindeboom"):
        assert private not in text, private
    assert "/mijn-acties/" in text


def remind(committed, today=TODAY):
    return committed(lambda: action_reminders_send(today=today))


def action_for(loop, item, owner, due_on):
    return Action.objects.create(
        question=item.question, agenda_item=item, owner=owner, what=ACTION, due_on=due_on
    )


def test_fatima_is_told_she_has_a_new_action(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())

    sent = committed(lambda: loop.give_fatima_an_action(item))

    assert [message.to for message in sent] == [["fatima.elamrani@wijkteam.example"]]
    assert_holds_nothing_about_the_case(sent[0])


def test_the_chair_taking_an_action_on_himself_gets_no_mail(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())

    sent = committed(
        lambda: action_add(item=item, owner=loop.ruud, what=ACTION, due_on=TODAY, by=loop.ruud)
    )

    assert sent == []


def test_each_owner_gets_one_reminder_for_all_actions_due_or_overdue(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())
    action_for(loop, item, loop.fatima, TODAY)
    action_for(loop, item, loop.fatima, TODAY - dt.timedelta(days=3))
    action_for(loop, item, loop.fatima, TODAY + dt.timedelta(days=1))  # not due yet
    done = action_for(loop, item, loop.fatima, TODAY)
    Action.objects.filter(pk=done.pk).update(done_at=timezone.now())
    action_for(loop, item, loop.ruud, TODAY - dt.timedelta(days=1))

    sent = remind(committed)

    assert sorted(message.to[0] for message in sent) == [
        "fatima.elamrani@wijkteam.example",
        "ruud@example.org",
    ]
    to_fatima = next(m for m in sent if m.to == [loop.fatima.email])
    assert "2 of your actions" in to_fatima.body
    for message in sent:
        assert_holds_nothing_about_the_case(message)


def test_an_action_is_reminded_once_per_due_date(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())
    action = action_for(loop, item, loop.fatima, TODAY)

    assert len(remind(committed)) == 1
    assert remind(committed) == []
    assert remind(committed, today=TODAY + dt.timedelta(days=1)) == []  # overdue: no second

    action.refresh_from_db()
    assert action.reminded_for_due_on == TODAY
    Action.objects.filter(pk=action.pk).update(due_on=TODAY + dt.timedelta(days=7))
    assert remind(committed, today=TODAY + dt.timedelta(days=7))[0].to == [loop.fatima.email]


def test_an_owner_without_an_address_is_skipped_and_reminded_once_they_have_one(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())
    kees = UserFactory(username="kees", email="")
    loop.table.members.add(kees)
    action_for(loop, item, kees, TODAY)

    assert remind(committed) == []

    kees.email = "kees@example.org"
    kees.save()
    assert [message.to for message in remind(committed)] == [["kees@example.org"]]


def test_the_command_sends_the_reminders(committed):
    loop = make_loop()
    item = loop.discuss(loop.question())
    action_for(loop, item, loop.fatima, TODAY)

    sent = committed(lambda: call_command("remind_actions", stdout=io.StringIO()))

    assert [message.to for message in sent] == [[loop.fatima.email]]
