"""A werktafel meeting: the agenda fills itself with new questions and due follow-ups, the
table records a concrete proposal and actions, and questions move along their lifecycle."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for, needs_postgresql, post_in_parallel
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import QuestionEvent
from steunsysteem.questions.services import QuestionError, question_status_change, question_submit
from steunsysteem.worktables import selectors, services
from steunsysteem.worktables.models import Action, Meeting
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def table():
    ruud = UserFactory(username="ruud", coordinator=True)
    fatima = UserFactory(username="fatima", professional=True)
    return WorktableFactory(
        name="Werktafel Vlietzoom", district=DistrictFactory(), members=[ruud, fatima]
    )


def ruud(table):
    return table.members.get(username="ruud")


def shared_question(table, text="Ik wil zingen in een koor.", **grant):
    janny = ParticipantFactory(name="Janny", district=table.district, with_account=True)
    ConsentGrantFactory(
        participant=janny,
        grantee_user=None,
        grantee_worktable=table,
        scope=ConsentScope.QUESTIONS,
        **grant,
    )
    return question_submit(
        participant=janny, text=text, life_domains=["culture"], worktable=table, by=janny.user
    )


def meeting_next_week(table):
    start = timezone.now() + dt.timedelta(days=7)
    return services.meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=ruud(table),
    )


def test_the_agenda_holds_the_new_questions_shared_with_this_table(table):
    shared = shared_question(table)
    shared_question(table, text="Ingetrokken toestemming", withdrawn=True)
    question_submit(
        participant=ParticipantFactory(district=table.district),
        text="Niet gedeeld",
        life_domains=[],
        by=ruud(table),
    )
    choir = OrganizationFactory(name="Zanggroep Vrije Stem")
    ServiceFactory(organization=choir, life_domains=["culture"])
    meeting = meeting_next_week(table)

    added = services.agenda_build(meeting=meeting, by=ruud(table))

    assert added == 1
    item = meeting.agenda.get()
    assert item.question == shared and item.kind == "new"
    assert item.suggested_organization_ids == [str(choir.pk)]
    shared.refresh_from_db()
    assert shared.status == QuestionStatus.ON_AGENDA
    assert services.agenda_build(meeting=meeting, by=ruud(table)) == 0, "nothing twice"


def test_a_proposal_and_actions_move_the_question_and_the_first_proposal_is_timed(table):
    question = shared_question(table)
    meeting = meeting_next_week(table)
    services.agenda_build(meeting=meeting, by=ruud(table))
    item = meeting.agenda.get()

    services.agenda_item_record(item=item, proposal="Samen naar de open repetitie.", by=ruud(table))
    action = services.action_add(
        item=item,
        owner=table.members.get(username="fatima"),
        what="Bel het koor",
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=ruud(table),
    )

    question.refresh_from_db()
    assert question.status == QuestionStatus.PROPOSAL_MADE
    assert question.first_proposal_at is not None
    steps = list(question.events.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [
        ("new", "on_agenda"),
        ("on_agenda", "discussed"),
        ("discussed", "proposal_made"),
    ]
    assert list(Action.objects.of(action.owner).open()) == [action]


def test_next_months_agenda_brings_back_the_follow_ups_that_are_due(table):
    question = shared_question(table)
    first = meeting_next_week(table)
    services.agenda_build(meeting=first, by=ruud(table))
    item = first.agenda.get()
    services.agenda_item_record(item=item, proposal="Samen gaan kijken.", by=ruud(table))
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=ruud(table))
    services.action_add(
        item=item,
        owner=ruud(table),
        what="Nabellen",
        due_on=timezone.localdate() + dt.timedelta(days=20),
        by=ruud(table),
    )
    services.meeting_close(meeting=first, by=ruud(table))

    with freeze_time(timezone.now() + dt.timedelta(days=28)):
        second = meeting_next_week(table)
        assert services.agenda_build(meeting=second, by=ruud(table)) == 1

    follow_up = second.agenda.get()
    assert follow_up.kind == "follow_up" and follow_up.question == question


@pytest.mark.parametrize(
    ("path", "extra", "message"),
    [
        (["answered"], {}, "cannot become"),
        (["in_progress", "answered"], {}, "how the question was answered"),
        (["in_progress", "closed_no_offer"], {}, "why the question closes"),
    ],
)
def test_the_lifecycle_refuses_steps_that_make_no_sense(table, path, extra, message):
    question = shared_question(table)
    *steps, last = path
    for step in steps:
        question = question_status_change(question=question, to=step, by=ruud(table))

    with pytest.raises(QuestionError, match=message):
        question_status_change(question=question, to=last, by=ruud(table), **extra)


def test_a_follow_up_discussed_again_closes_answered_without_a_detour(table):
    """The person said yes and takes part: the table records that at the follow-up, in
    two steps (discussed, answered), not through a second proposal."""
    question = shared_question(table)
    for step in ("on_agenda", "discussed", "proposal_made", "on_agenda", "discussed"):
        question = question_status_change(question=question, to=step, by=ruud(table))

    question = question_status_change(
        question=question, to="answered", outcome="joined", by=ruud(table)
    )

    assert question.status == "answered" and question.outcome == "joined"


def test_closing_without_a_fitting_offer_keeps_the_reason(table):
    question = shared_question(table)
    question_status_change(question=question, to="in_progress", by=ruud(table))

    question = question_status_change(
        question=question, to="closed_no_offer", closed_reason="no_offer", by=ruud(table)
    )

    assert (question.status, question.closed_reason) == ("closed_no_offer", "no_offer")
    assert QuestionEvent.objects.filter(question=question, to_status="closed_no_offer").exists()
    with pytest.raises(QuestionError):
        question_status_change(question=question, to="in_progress", by=ruud(table))


def test_the_meeting_screen_shows_the_question_and_the_fitting_offer(client, table):
    question = shared_question(table)
    ServiceFactory(name="Zanggroep De Lijsters", life_domains=["culture"])
    meeting = meeting_next_week(table)
    services.agenda_build(meeting=meeting, by=ruud(table))
    item = meeting.agenda.get()
    sign_in(client, ruud(table))

    page = client.get(reverse("worktables:agenda_item", args=[meeting.pk, item.pk]))

    html = page.content.decode()
    assert question.text in html and "Zanggroep De Lijsters" in html
    assert question.case_number in html and "Janny" not in html
    response = client.post(
        reverse("worktables:agenda_item_action", args=[meeting.pk, item.pk]),
        {
            "what": "Bel het koor",
            "owner": table.members.get(username="fatima").pk,
            "due_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().what == "Bel het koor"


def test_an_owner_sees_and_completes_their_actions(client, table):
    question = shared_question(table)
    meeting = meeting_next_week(table)
    services.agenda_build(meeting=meeting, by=ruud(table))
    fatima = table.members.get(username="fatima")
    action = services.action_add(
        item=meeting.agenda.get(),
        owner=fatima,
        what="Bel het koor",
        due_on=timezone.localdate() + dt.timedelta(days=3),
        by=ruud(table),
    )
    sign_in(client, fatima)

    assert "Bel het koor" in client.get(reverse("worktables:my_actions")).content.decode()
    client.post(reverse("worktables:action_complete", args=[action.pk]))

    action.refresh_from_db()
    assert action.done_at is not None
    done = AuditEntry.objects.filter(actor_user_id=fatima.pk, fields=["questions.action"])
    assert done.get().object_id == str(question.participant_id)


def test_a_question_taken_off_the_agenda_or_not_discussed_comes_back_next_time(table):
    kept, postponed = shared_question(table), shared_question(table, text="Later bespreken")
    first = meeting_next_week(table)
    services.agenda_build(meeting=first, by=ruud(table))
    services.agenda_item_remove(item=first.agenda.get(question=postponed), by=ruud(table))
    services.meeting_close(meeting=first, by=ruud(table))  # "kept" was not discussed either

    second = meeting_next_week(table)
    assert services.agenda_build(meeting=second, by=ruud(table)) == 2
    assert set(second.agenda.values_list("question", "kind")) == {
        (kept.pk, "follow_up"),
        (postponed.pk, "follow_up"),
    }


def test_the_chair_records_the_outcome_on_the_meeting_screen(client, table):
    question = shared_question(table)
    meeting = meeting_next_week(table)
    services.agenda_build(meeting=meeting, by=ruud(table))
    item = meeting.agenda.get()
    services.agenda_item_record(item=item, proposal="Samen gaan kijken.", by=ruud(table))
    url = reverse("worktables:agenda_item_status", args=[meeting.pk, item.pk])
    sign_in(client, ruud(table))

    client.post(url, {"to": "in_progress"})
    refused = client.post(url, {"to": "answered"})
    client.post(url, {"to": "answered", "outcome": "joined"})

    assert "how the question was answered" in str(refused.context["status_form"].errors)
    question.refresh_from_db()
    assert (question.status, question.outcome) == ("answered", "joined")


def test_a_professionals_question_records_their_organisation_and_what_has_to_fit(table):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(professional=True, organizations=[wijkteam])
    mark = ParticipantFactory(name="Mark")

    question = question_submit(
        participant=mark,
        text="Iemand om mee te kaarten.",
        life_domains=["meeting"],
        by=fatima,
        wishes_and_limits="Dichtbij huis, overdag.",
        readiness="orienting",
        urgency="normal",
    )

    assert question.referrer_organization == wijkteam
    assert (question.readiness, question.wishes_and_limits) == (
        "orienting",
        "Dichtbij huis, overdag.",
    )


def test_the_meeting_screen_finds_services_with_the_persons_own_words(table):
    question = shared_question(table, text="Ik wil zingen in een koor.")
    ServiceFactory(name="Schilderclub", description="Samen schilderen.", life_domains=["culture"])
    ServiceFactory(
        name="Koor De Lijsters", description="Zingen voor iedereen.", life_domains=["culture"]
    )
    rebuild_index()

    found = selectors.services_for(question)

    assert found[0].name == "Koor De Lijsters"


def meeting_form(client, table) -> dict:
    """The filled-in "plan a meeting" form, with the token of a freshly opened page."""
    start = timezone.localtime() + dt.timedelta(days=7)
    return {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "De Schakel",
        "form_token": form_token_for(client, reverse("worktables:detail", args=[table.pk])),
    }


def test_the_chair_plans_a_meeting_and_everyone_at_the_table_gets_one_invitation(
    client, table, django_capture_on_commit_callbacks
):
    sign_in(client, ruud(table))
    form = meeting_form(client, table)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("worktables:detail", args=[table.pk]), form)

    meeting = Meeting.objects.get()
    assert response.headers["Location"] == reverse("worktables:meeting", args=[meeting.pk])
    assert sorted(message.to[0] for message in mail.outbox) == [
        "fatima@example.org",
        "ruud@example.org",
    ]


def test_planning_twice_with_the_same_form_plans_one_meeting_and_mails_once(
    client, table, django_capture_on_commit_callbacks
):
    sign_in(client, ruud(table))
    form = meeting_form(client, table)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("worktables:detail", args=[table.pk]), form)
        again = client.post(reverse("worktables:detail", args=[table.pk]), form, follow=True)

    assert Meeting.objects.count() == 1
    assert len(mail.outbox) == 2
    assert again.redirect_chain == [(first.headers["Location"], 302)]
    assert "This was already sent" in again.content.decode()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_five_parallel_plannings_with_one_form_plan_one_meeting_and_send_one_set_of_mails(
    client, table
):
    sign_in(client, ruud(table))
    form = meeting_form(client, table)
    mail.outbox.clear()

    responses = post_in_parallel(client, reverse("worktables:detail", args=[table.pk]), form)

    meeting = Meeting.objects.get()
    assert {(r.status_code, r.headers["Location"]) for r in responses} == {
        (302, reverse("worktables:meeting", args=[meeting.pk]))
    }
    assert sorted(message.to[0] for message in mail.outbox) == [
        "fatima@example.org",
        "ruud@example.org",
    ]
