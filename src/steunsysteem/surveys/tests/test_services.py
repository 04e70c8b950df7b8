"""Surveys: who is invited when, once; an answer counts once and cannot be traced back."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import QuestionEvent
from steunsysteem.questions.tests.loop import make_loop
from steunsysteem.surveys import services
from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.models import SurveyAnswer, SurveyInvitation
from steunsysteem.worktables.models import MailingListEntry
from steunsysteem.worktables.tests.factories import WorktableFactory

from .factories import SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def collaboration_survey_in_november(settings):
    settings.SURVEY_COLLABORATION_MONTH = 11


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(**kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = services.surveys_send(**kwargs)
        return result, list(mail.outbox)

    return run


def close(question, *, to=QuestionStatus.ANSWERED, days_ago=2):
    """The werktafel closed the question ``days_ago`` days ago."""
    QuestionEvent.objects.create(
        question=question,
        from_status=question.status,
        to_status=to,
        occurred_at=timezone.now() - dt.timedelta(days=days_ago),
        by=question.participant.user,
        by_role="participant",
    )
    question.status = to
    question.outcome = "joined" if to == QuestionStatus.ANSWERED else ""
    question.closed_reason = "no_offer" if to == QuestionStatus.CLOSED_NO_OFFER else ""
    question.save()
    return question


def reachable_by_mail(participant, address="janny@example.org"):
    participant.contact_route = "email"
    participant.contact_detail = address
    participant.save()


def test_a_participant_whose_question_closed_gets_one_survey_by_mail(send):
    loop = make_loop()
    reachable_by_mail(loop.janny)
    close(loop.question())

    result, sent = send(today=dt.date(2026, 3, 10))

    assert result.participants == 1
    assert [message.to for message in sent] == [["janny@example.org"]]
    assert "/peiling/" in sent[0].body
    assert loop.janny.name not in sent[0].body
    assert "Koor" not in sent[0].body  # nothing of the question itself


def test_running_send_surveys_twice_invites_nobody_twice(send):
    loop = make_loop()
    reachable_by_mail(loop.janny)
    close(loop.question())
    send(today=dt.date(2026, 3, 10))

    result, sent = send(today=dt.date(2026, 3, 11))

    assert (result.participants, sent) == (0, [])
    assert SurveyInvitation.objects.count() == 1


def test_the_same_question_cannot_get_two_invitations_in_the_database():
    loop = make_loop()
    question = close(loop.question())
    SurveyInvitationFactory(kind=SurveyKind.PARTICIPANT, question=question)
    with pytest.raises(IntegrityError):
        SurveyInvitationFactory(kind=SurveyKind.PARTICIPANT, question=question)


def test_no_survey_without_mail_as_the_chosen_way_to_reach_someone(send):
    loop = make_loop()
    loop.janny.contact_route = "phone"
    loop.janny.contact_detail = "0612345678"
    loop.janny.save()
    close(loop.question())

    result, sent = send(today=dt.date(2026, 3, 10))

    assert (result.participants, sent) == (0, [])


def test_no_survey_for_a_withdrawn_or_long_closed_question(send):
    loop = make_loop()
    reachable_by_mail(loop.janny)
    close(loop.question(), to=QuestionStatus.WITHDRAWN)
    close(loop.question(text="Ik zoek een moestuin."), days_ago=90)

    result, _sent = send(today=dt.date(2026, 3, 10))

    assert result.participants == 0


def test_a_question_closed_without_a_fitting_offer_gets_a_survey_too(send):
    loop = make_loop()
    reachable_by_mail(loop.janny)
    close(loop.question(), to=QuestionStatus.CLOSED_NO_OFFER)

    result, _sent = send(today=dt.date(2026, 3, 10))

    assert result.participants == 1


def test_werktafel_members_get_the_collaboration_survey_once_a_year_from_its_month(send):
    member = UserFactory(professional=True, email="lid@example.org")
    WorktableFactory(members=[member])

    before, _ = send(today=dt.date(2026, 10, 31))
    first, sent = send(today=dt.date(2026, 11, 2))
    again, _ = send(today=dt.date(2026, 12, 1))
    next_year, _ = send(today=dt.date(2027, 11, 1))

    assert (before.members, first.members, again.members, next_year.members) == (0, 1, 0, 1)
    assert sent[0].to == ["lid@example.org"]
    assert "collaboration" in sent[0].subject


def test_partner_organisations_on_the_mailing_list_get_it_too_and_each_address_once(send):
    member = UserFactory(professional=True, email="Lid@Example.org")
    table = WorktableFactory(members=[member])
    MailingListEntry.objects.create(worktable=table, email="team@wijkteam.example")
    MailingListEntry.objects.create(worktable=table, email="lid@example.org")  # the member

    result, sent = send(today=dt.date(2026, 11, 2))

    assert result.members == 2
    assert sorted(message.to[0].lower() for message in sent) == [
        "lid@example.org",
        "team@wijkteam.example",
    ]


def test_the_collaboration_invitation_keeps_no_address(send):
    WorktableFactory(members=[UserFactory(professional=True, email="lid@example.org")])
    send(today=dt.date(2026, 11, 2))

    invitation = SurveyInvitation.objects.get()
    values = {str(getattr(invitation, field.attname)) for field in SurveyInvitation._meta.fields}
    assert not any("example.org" in value for value in values)


def test_send_surveys_command_reports_what_it_sent(capsys):
    call_command("send_surveys")
    assert "uitgenodigd" in capsys.readouterr().out


def test_an_answer_is_stored_with_the_month_only_and_the_invitation_marked_used():
    invitation = SurveyInvitationFactory(token="mijn-link")

    services.survey_answer(token="mijn-link", scores=(5, 4, 3), remark=" Fijn. ")

    answer = SurveyAnswer.objects.get()
    assert answer.answered_in == timezone.localdate().replace(day=1)
    assert (answer.score_1, answer.score_2, answer.score_3, answer.remark) == (5, 4, 3, "Fijn.")
    invitation.refresh_from_db()
    assert invitation.used


def test_an_answer_cannot_be_traced_back_to_its_invitation_or_person():
    """No field of the answer points at the invitation, the question or a user; its id is
    random and its date only a month; the audit trail names the invitation, never the
    answer."""
    loop = make_loop()
    question = close(loop.question())
    SurveyInvitationFactory(token="janny", kind=SurveyKind.PARTICIPANT, question=question)

    services.survey_answer(token="janny", scores=(2, 2, 2))

    relations = [field.name for field in SurveyAnswer._meta.get_fields() if field.is_relation]
    assert relations == []
    answer = SurveyAnswer.objects.get()
    assert answer.pk.version == 4
    trail = AuditEntry.objects.filter(object_type__startswith="surveys.")
    assert str(answer.pk) not in {entry.object_id for entry in trail}
    assert "surveys.surveyanswer" not in {entry.object_type for entry in trail}
    fields = {field.name for field in SurveyInvitation._meta.get_fields()}
    assert "used_at" not in fields and "answer" not in fields


def test_one_answer_per_link():
    SurveyInvitationFactory(token="eenmaal")
    services.survey_answer(token="eenmaal", scores=(3, 3, 3))

    with pytest.raises(services.SurveyLinkError) as refused:
        services.survey_answer(token="eenmaal", scores=(1, 1, 1))

    assert refused.value.state == services.LinkState.USED
    assert SurveyAnswer.objects.count() == 1


def test_an_expired_link_takes_no_answer():
    SurveyInvitationFactory(token="te-laat", expired=True)

    with pytest.raises(services.SurveyLinkError) as refused:
        services.survey_answer(token="te-laat", scores=(3, 3, 3))

    assert refused.value.state == services.LinkState.EXPIRED
    assert not SurveyAnswer.objects.exists()


def test_an_unknown_link_takes_no_answer():
    with pytest.raises(services.SurveyLinkError) as refused:
        services.survey_answer(token="bestaat-niet", scores=(3, 3, 3))
    assert refused.value.state == services.LinkState.INVALID


@pytest.mark.parametrize("score", [0, 6])
def test_the_database_refuses_a_score_outside_1_to_5(score):
    with pytest.raises(IntegrityError):
        SurveyAnswerFactory(score_2=score)


def test_the_database_refuses_an_exact_answer_date():
    with pytest.raises(IntegrityError):
        SurveyAnswerFactory(answered_in=dt.date(2026, 3, 14))
