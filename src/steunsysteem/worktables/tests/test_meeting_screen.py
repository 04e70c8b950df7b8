"""Running a meeting: urgent questions come first, the meeting shows it is in progress once
the table records something, each form on the question screen posts to its own small view,
and every werktafel write is in the audit trail."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus, Urgency
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services
from steunsysteem.worktables.constants import MeetingStatus
from steunsysteem.worktables.models import Action, AgendaItem, MeetingMinutes
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def table():
    ruud = UserFactory(username="ruud", coordinator=True)
    fatima = UserFactory(username="fatima", professional=True)
    return WorktableFactory(
        name="Werktafel Oosterhof", district=DistrictFactory(), members=[ruud, fatima]
    )


def chair(table):
    return table.members.get(username="ruud")


def member(table):
    return table.members.get(username="fatima")


def question_for(table, text, urgency=Urgency.NORMAL):
    person = ParticipantFactory(district=table.district, with_account=True)
    ConsentGrantFactory(
        participant=person,
        grantee_user=None,
        grantee_worktable=table,
        scope=ConsentScope.QUESTIONS,
    )
    return question_submit(
        participant=person,
        text=text,
        life_domains=["meeting"],
        urgency=urgency,
        worktable=table,
        by=person.user,
    )


@pytest.fixture
def meeting(table):
    start = timezone.now() + dt.timedelta(days=7)
    return services.meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=chair(table),
    )


def meeting_audits(meeting, action):
    return AuditEntry.objects.filter(
        object_type="worktables.meeting", object_id=str(meeting.pk), action=action
    )


def test_urgent_questions_come_first_on_the_agenda(table, meeting):
    first = question_for(table, "Iemand om mee te kaarten")
    second = question_for(table, "Een koor")
    urgent = question_for(table, "Ik zit vanaf volgende week zonder dagbesteding", Urgency.URGENT)

    services.agenda_build(meeting=meeting, by=chair(table))

    order = list(meeting.agenda.order_by("position").values_list("question", flat=True))
    assert order == [urgent.pk, first.pk, second.pk]


def test_building_the_agenda_is_in_the_audit_trail_and_an_empty_build_writes_nothing(
    table, meeting
):
    assert services.agenda_build(meeting=meeting, by=chair(table)) == 0
    assert not meeting_audits(meeting, AuditAction.CREATE).exists()

    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))

    entry = meeting_audits(meeting, AuditAction.CREATE).get()
    assert (entry.actor_user_id, entry.fields) == (chair(table).pk, ["agenda"])


def test_taking_a_question_off_closing_and_approving_are_each_audited(table, meeting):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))

    services.agenda_item_remove(item=meeting.agenda.get(), by=chair(table))
    services.meeting_close(meeting=meeting, by=chair(table))
    services.minutes_approve(meeting=meeting, by=chair(table))

    fields = [e.fields for e in meeting_audits(meeting, AuditAction.UPDATE).order_by("sequence")]
    assert fields == [["agenda"], ["status"]]
    assert meeting_audits(meeting, AuditAction.CREATE).filter(fields=["minutes"]).exists()


def test_a_failed_approval_writes_nothing(table, meeting):
    with pytest.raises(services.MeetingError):
        services.minutes_approve(meeting=meeting, by=chair(table))

    assert not MeetingMinutes.objects.exists()
    assert not meeting_audits(meeting, AuditAction.CREATE).filter(fields=["minutes"]).exists()


def test_the_meeting_is_in_progress_once_the_table_records_something(client, table, meeting):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))
    item = meeting.agenda.get()
    assert meeting.status == MeetingStatus.PLANNED
    sign_in(client, chair(table))

    client.post(
        reverse("worktables:agenda_item_proposal", args=[meeting.pk, item.pk]),
        {"proposal": "Samen naar een open repetitie."},
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.RUNNING
    item.question.refresh_from_db()
    assert item.question.status == QuestionStatus.PROPOSAL_MADE
    page = client.get(reverse("worktables:meeting", args=[meeting.pk])).content.decode()
    assert "In progress" in page


def test_the_status_form_posts_to_its_own_view_and_starts_the_meeting(client, table, meeting):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))
    item = meeting.agenda.get()
    sign_in(client, chair(table))

    response = client.post(
        reverse("worktables:agenda_item_status", args=[meeting.pk, item.pk]),
        {"to": QuestionStatus.DISCUSSED},
    )

    assert response.status_code == 302
    item.question.refresh_from_db()
    assert item.question.status == QuestionStatus.DISCUSSED
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.RUNNING


def test_a_wrong_action_is_explained_on_the_same_screen_and_nothing_is_written(
    client, table, meeting
):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))
    item = meeting.agenda.get()
    sign_in(client, chair(table))

    response = client.post(
        reverse("worktables:agenda_item_action", args=[meeting.pk, item.pk]),
        {
            "what": "Bel het koor",
            "owner": member(table).pk,
            "due_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert "The date has already passed." in response.content.decode()
    assert not Action.objects.exists()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


@pytest.mark.parametrize(
    "name, data",
    [
        ("worktables:agenda_item_proposal", {"proposal": "Iets anders"}),
        ("worktables:agenda_item_status", {"to": QuestionStatus.DISCUSSED}),
        ("worktables:agenda_item_action", {"what": "Bellen", "due_on": "2099-01-01"}),
    ],
)
def test_a_member_who_does_not_chair_cannot_record_anything(client, table, meeting, name, data):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))
    item = meeting.agenda.get()
    sign_in(client, member(table))

    response = client.post(reverse(name, args=[meeting.pk, item.pk]), data)

    assert response.status_code == 403
    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.proposal, item.question.status) == ("", QuestionStatus.ON_AGENDA)
    assert not Action.objects.exists()


def test_the_question_screen_itself_only_shows(client, table, meeting):
    question_for(table, "Een koor")
    services.agenda_build(meeting=meeting, by=chair(table))
    item = meeting.agenda.get()
    sign_in(client, chair(table))

    response = client.post(
        reverse("worktables:agenda_item", args=[meeting.pk, item.pk]), {"proposal": "Iets"}
    )

    assert response.status_code == 405
    assert AgendaItem.objects.get(pk=item.pk).proposal == ""
