"""Until the werktafel discussed it, the person (or someone with consent for their questions)
corrects or withdraws a question; after that the page says it can no longer change, and why.
Every change is in the audit trail by field name, never by value."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction, ConsentScope, ConsentSource
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions import services
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.worktables import selectors
from steunsysteem.worktables import services as worktable_services
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CARDS = "Ik zou graag iemand hebben om mee te kaarten."
BETTER = "Ik zoek iemand om op dinsdag mee te klaverjassen."


@pytest.fixture
def ruud():
    return UserFactory(username="ruud", coordinator=True)


@pytest.fixture
def table(ruud):
    return WorktableFactory(name="Werktafel Vlietzoom", district=DistrictFactory(), members=[ruud])


@pytest.fixture
def janny(table):
    janny = ParticipantFactory(name="Janny", district=table.district, with_account=True)
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_worktable=table, scope=ConsentScope.QUESTIONS
    )
    return janny


@pytest.fixture
def question(janny, table):
    return services.question_submit(
        participant=janny, text=CARDS, life_domains=["meeting"], worktable=table, by=janny.user
    )


def change_url(question):
    return reverse("questions:change", args=[question.participant_id, question.pk])


def withdraw_url(question):
    return reverse("questions:withdraw", args=[question.participant_id, question.pk])


def corrected(**overrides):
    data = {
        "text": BETTER,
        "life_domains": ["meeting", "sport"],
        "wishes_and_limits": "Op dinsdag.",
        "readiness": "ready",
        "urgency": "urgent",
    }
    return {**data, **overrides}


def discussed(question, table, ruud):
    start = timezone.now() + dt.timedelta(days=7)
    meeting = worktable_services.meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=ruud,
    )
    worktable_services.agenda_build(meeting=meeting, by=ruud)
    worktable_services.agenda_item_record(
        item=meeting.agenda.get(question=question), proposal="Samen kaarten.", by=ruud
    )
    question.refresh_from_db()
    return question


def update_entries(janny):
    return AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="participants.participant", object_id=str(janny.pk)
    )


def test_janny_finds_the_change_page_from_her_list_and_corrects_her_question(
    client, janny, question, table
):
    sign_in(client, janny.user)
    page = client.get(reverse("questions:list", args=[janny.pk])).content.decode()
    assert f'href="{change_url(question)}"' in page

    response = client.post(change_url(question), {**corrected(), "worktable": table.pk})

    assert response.headers["Location"] == reverse("questions:list", args=[janny.pk])
    question.refresh_from_db()
    assert (question.text, question.life_domains) == (BETTER, ["meeting", "sport"])
    assert (question.readiness, question.urgency) == ("ready", "urgent")
    assert question.wishes_and_limits == "Op dinsdag."
    entry = update_entries(janny).get()
    assert sorted(entry.fields) == [
        "questions.life_domains",
        "questions.readiness",
        "questions.text",
        "questions.urgency",
        "questions.wishes_and_limits",
    ]
    assert "klaverjassen" not in str(entry.fields) and "dinsdag" not in str(entry.fields)


def test_saving_without_a_change_writes_nothing_and_says_so(client, janny, question, table):
    sign_in(client, janny.user)

    response = client.post(
        change_url(question),
        {
            "text": CARDS,
            "life_domains": ["meeting"],
            "readiness": question.readiness,
            "urgency": question.urgency,
            "worktable": table.pk,
        },
        follow=True,
    )

    assert not update_entries(janny).exists()
    assert "Nothing was changed. Goes to Werktafel Vlietzoom." in response.content.decode()


def test_only_giving_the_table_consent_says_that_it_is_written_down(client, table):
    mark = ParticipantFactory(name="Mark", district=table.district, with_account=True)
    question = services.question_submit(
        participant=mark, text=CARDS, life_domains=[], worktable=table, by=mark.user
    )
    sign_in(client, mark.user)

    response = client.post(
        change_url(question),
        {
            "text": CARDS,
            "readiness": question.readiness,
            "urgency": question.urgency,
            "worktable": table.pk,
            "table_consent": ConsentSource.PORTAL,
        },
        follow=True,
    )

    page = response.content.decode()
    assert "The consent for the werktafel is written down. Goes to Werktafel Vlietzoom." in page
    assert not update_entries(mark).exists()


def test_a_new_question_moves_to_another_table_with_consent_in_the_same_step(
    client, janny, question, table
):
    theme = WorktableFactory(name="Werktafel Werk", theme="Werk")
    sign_in(client, janny.user)

    client.post(
        change_url(question),
        {
            **corrected(text=CARDS, life_domains=["meeting"]),
            "worktable": theme.pk,
            "table_consent": ConsentSource.PORTAL,
        },
    )

    question.refresh_from_db()
    assert question.worktable == theme
    assert list(selectors.new_questions(theme)) == [question]
    assert not selectors.new_questions(table).exists()
    assert ConsentGrant.objects.get(grantee_worktable=theme).confirmed_by == janny.user
    assert "questions.worktable" in update_entries(janny).get().fields


def test_once_on_the_agenda_the_question_stays_with_that_table(janny, question, table, ruud):
    theme = WorktableFactory(name="Werktafel Werk", theme="Werk")
    meeting = worktable_services.meeting_plan(
        worktable=table,
        starts_at=timezone.now() + dt.timedelta(days=7),
        ends_at=timezone.now() + dt.timedelta(days=7, hours=2),
        location="De Schakel",
        by=ruud,
    )
    worktable_services.agenda_build(meeting=meeting, by=ruud)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ON_AGENDA

    with pytest.raises(services.QuestionError, match="stays with that werktafel"):
        services.question_correct(question=question, by=janny.user, worktable=theme, **corrected())
    changed = services.question_correct(
        question=question, by=janny.user, worktable=table, **corrected()
    )

    question.refresh_from_db()
    assert question.worktable == table and question.text == BETTER
    assert "worktable" not in changed


def test_janny_withdraws_her_question_before_the_table_discussed_it(client, janny, question, table):
    sign_in(client, janny.user)

    response = client.post(withdraw_url(question), follow=True)

    question.refresh_from_db()
    assert question.status == QuestionStatus.WITHDRAWN
    event = question.events.get()
    assert (event.from_status, event.to_status, event.by) == ("new", "withdrawn", janny.user)
    assert update_entries(janny).get().fields == ["questions.status"]
    assert not selectors.new_questions(table).exists()
    assert "The question is withdrawn." in response.content.decode()
    assert f'href="{change_url(question)}"' not in response.content.decode()


def test_after_the_table_discussed_it_the_question_can_no_longer_change_and_the_page_says_why(
    client, janny, question, table, ruud
):
    question = discussed(question, table, ruud)
    assert question.status == QuestionStatus.PROPOSAL_MADE
    updates_before = update_entries(janny).count()
    sign_in(client, janny.user)

    page = client.get(change_url(question)).content.decode()
    client.post(change_url(question), {**corrected(), "worktable": table.pk})
    client.post(withdraw_url(question))

    assert "The werktafel has discussed this question, so it can no longer be changed." in page
    assert "<form" not in page.split("<main", 1)[1].split("Back to the questions")[0]
    question.refresh_from_db()
    assert (question.text, question.status) == (CARDS, QuestionStatus.PROPOSAL_MADE)
    assert update_entries(janny).count() == updates_before
    with pytest.raises(services.QuestionError, match="discussed"):
        services.question_withdraw(question=question, by=janny.user)
    list_page = client.get(reverse("questions:list", args=[janny.pk])).content.decode()
    assert f'href="{change_url(question)}"' not in list_page


def test_back_on_the_agenda_after_a_discussion_it_still_cannot_change(janny, question, table, ruud):
    question = discussed(question, table, ruud)
    services.question_status_change(question=question, to=QuestionStatus.ON_AGENDA, by=ruud)
    question.refresh_from_db()

    assert question.status == QuestionStatus.ON_AGENDA
    assert not question.is_open_to_change
    with pytest.raises(services.QuestionError, match="discussed"):
        services.question_correct(question=question, by=janny.user, worktable=table, **corrected())


def test_a_relative_with_consent_for_questions_corrects_one(client, janny, question, table):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.QUESTIONS)
    sign_in(client, henk)

    client.post(change_url(question), {**corrected(), "worktable": table.pk})

    question.refresh_from_db()
    assert question.text == BETTER
    assert update_entries(janny).get().actor_user_id == henk.pk


def test_a_relative_without_consent_for_questions_cannot_correct_or_withdraw(
    client, janny, question, table
):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.PROFILE)
    sign_in(client, henk)

    assert client.get(change_url(question)).status_code == 403
    assert client.post(change_url(question), corrected()).status_code == 403
    assert client.post(withdraw_url(question)).status_code == 403
    with pytest.raises(services.QuestionError, match="cannot change"):
        services.question_correct(question=question, by=henk, worktable=table, **corrected())
    with pytest.raises(services.QuestionError, match="cannot change"):
        services.question_withdraw(question=question, by=henk)
    question.refresh_from_db()
    assert (question.text, question.status) == (CARDS, QuestionStatus.NEW)


def test_emergency_access_opens_no_correction(client, janny, question):
    stranger = UserFactory(professional=True)
    emergency_access_start(participant=janny, by=stranger, reason="In crisis.")
    sign_in(client, stranger)

    assert client.get(change_url(question)).status_code == 403
    assert client.post(withdraw_url(question)).status_code == 403
    assert Question.objects.get().status == QuestionStatus.NEW


def test_a_question_of_someone_else_is_not_found_under_janny(client, janny, question):
    mark = ParticipantFactory(name="Mark", with_account=True)
    sign_in(client, mark.user)

    url = reverse("questions:change", args=[mark.pk, question.pk])

    assert client.get(url).status_code == 404
