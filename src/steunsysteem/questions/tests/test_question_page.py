"""After the meeting the person reads, on their own question's page, where it stands, the
werktafel's proposal and who does what by when, and answers: "dit wil ik" or "liever niet,
omdat …". Whoever may not see the person's questions gets nothing, and only the person or
someone at their side with consent answers."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from steunsysteem.accounts.constants import AuditAction, AuditResult, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.services.consent import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for, needs_postgresql, post_in_parallel
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.export import participant_data
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions import services
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import ProposalAnswer
from steunsysteem.questions.services import question_status_change

from .loop import ACTION, CHOIR, PROPOSAL, make_loop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def loop():
    return make_loop()


def page_url(question):
    return reverse("questions:detail", args=[question.participant_id, question.pk])


def answer_url(question):
    return reverse("questions:answer", args=[question.participant_id, question.pk])


def test_janny_finds_her_question_from_her_list(client, loop):
    question = loop.question()
    sign_in(client, loop.janny.user)

    page = client.get(reverse("questions:list", args=[loop.janny.pk])).content.decode()

    assert f'href="{page_url(question)}"' in page


def test_after_the_meeting_janny_sees_the_proposal_and_who_does_what_by_when(client, loop):
    question = loop.question()
    item = loop.discuss(question)
    action = loop.give_fatima_an_action(item)
    sign_in(client, loop.janny.user)

    response = client.get(page_url(question))

    page = response.content.decode()
    assert response.status_code == 200
    assert CHOIR in page and PROPOSAL in page
    meeting_day = date_format(timezone.localtime(item.meeting.starts_at), "j F Y")
    assert f"The werktafel talked about your question on {meeting_day} and made a proposal." in page
    assert f"<strong>Fatima (Sociaal Wijkteam Oosterhof)</strong>: {ACTION}" in page
    assert action.due_on.strftime("%B %Y").split()[0] in page
    # Never a colleague's e-mail address, user name or surname.
    for private in ("fatima.elamrani@wijkteam.example", "El Amrani", "fatima@", "ruud"):
        assert private not in page, private


def test_the_steps_so_far_are_dated(client, loop):
    question = loop.question()
    loop.discuss(question)
    sign_in(client, loop.janny.user)

    page = client.get(page_url(question)).content.decode()

    for step in (
        "Question asked",
        "Put on the agenda of the werktafel",
        "The werktafel talked about it",
        "The werktafel made a proposal",
    ):
        assert step in page, step


def test_a_closed_question_says_how_it_ended_and_offers_no_answer(client, loop):
    question = loop.question()
    loop.discuss(question)
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=loop.ruud)
    question_status_change(
        question=question, to=QuestionStatus.ANSWERED, outcome="joined", by=loop.ruud
    )
    sign_in(client, loop.janny.user)

    page = client.get(page_url(question)).content.decode()

    assert "Your question has been answered on" in page
    assert "How: Takes part in an activity." in page
    assert 'id="answer-wants"' not in page


def test_before_a_proposal_there_is_nothing_to_answer(client, loop):
    question = loop.question()
    sign_in(client, loop.janny.user)

    page = client.get(page_url(question)).content.decode()

    assert "It waits for the werktafel" in page
    assert 'id="answer-wants"' not in page
    with pytest.raises(services.QuestionError):
        services.proposal_answer(question=question, choice="wants", by=loop.janny.user)


def test_without_consent_for_questions_the_page_is_refused_and_nobody_answers(client, loop):
    question = loop.question()
    loop.discuss(question)
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=loop.janny, grantee_user=henk, scope=ConsentScope.PROFILE)
    sign_in(client, henk)

    assert client.get(page_url(question)).status_code == 403
    assert client.post(answer_url(question), {"choice": "wants"}).status_code == 403

    assert not ProposalAnswer.objects.exists()
    refused = AuditEntry.objects.filter(actor_user_id=henk.pk, result=AuditResult.DENIED)
    assert refused.exists()


def test_another_persons_question_is_not_found_under_janny(client, loop):
    mark = ParticipantFactory(name="Mark", with_account=True)
    marks_question = services.question_submit(
        participant=mark, text="Iemand om mee te kaarten", life_domains=[], by=mark.user
    )
    sign_in(client, loop.janny.user)

    url = reverse("questions:detail", args=[loop.janny.pk, marks_question.pk])

    assert client.get(url).status_code == 404


def test_the_coordinator_at_the_table_reads_the_page_but_does_not_answer_for_her(client, loop):
    question = loop.question()
    loop.discuss(question)
    sign_in(client, loop.ruud)

    page = client.get(page_url(question)).content.decode()

    assert PROPOSAL in page and 'id="answer-wants"' not in page
    assert client.post(answer_url(question), {"choice": "wants"}).status_code == 403


def test_emergency_access_opens_the_page_but_not_the_answer(client, loop):
    question = loop.question()
    loop.discuss(question)
    stranger = UserFactory(professional=True)
    emergency_access_start(participant=loop.janny, by=stranger, reason="Crisis, geen contact.")
    sign_in(client, stranger)

    assert client.get(page_url(question)).status_code == 200
    assert client.post(answer_url(question), {"choice": "wants"}).status_code == 403


def test_janny_says_rather_not_and_the_answer_is_kept_and_audited_without_its_text(client, loop):
    question = loop.question()
    item = loop.discuss(question)
    sign_in(client, loop.janny.user)
    explanation = "Op dinsdag ga ik naar de dagbesteding."

    response = client.post(
        answer_url(question),
        {
            "choice": "rather_not",
            "explanation": explanation,
            "form_token": form_token_for(client, page_url(question)),
        },
        follow=True,
    )

    answer = ProposalAnswer.objects.get()
    assert (answer.question, answer.agenda_item, answer.choice) == (question, item, "rather_not")
    assert (answer.explanation, answer.answered_by, answer.answered_by_role) == (
        explanation,
        loop.janny.user,
        "participant",
    )
    page = response.content.decode()
    assert "Thank you. Your answer is saved." in page
    assert "Rather not." in page and explanation in page
    entry = AuditEntry.objects.filter(action=AuditAction.CREATE, actor_user_id=loop.janny.user.pk)
    assert entry.latest("sequence").fields == [
        "questions.proposal_answer.choice",
        "questions.proposal_answer.explanation",
    ]
    assert explanation not in str(list(AuditEntry.objects.values()))


def test_a_relative_with_consent_for_questions_answers_for_her(client, loop):
    question = loop.question()
    loop.discuss(question)
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=loop.janny, grantee_user=henk, scope=ConsentScope.QUESTIONS)
    sign_in(client, henk)

    client.post(
        answer_url(question),
        {"choice": "wants", "form_token": form_token_for(client, page_url(question))},
    )

    assert ProposalAnswer.objects.get().answered_by_role == "relative"


def test_the_same_answer_form_sent_twice_counts_once(client, loop):
    question = loop.question()
    loop.discuss(question)
    sign_in(client, loop.janny.user)
    form = {"choice": "wants", "form_token": form_token_for(client, page_url(question))}

    first = client.post(answer_url(question), form)
    again = client.post(answer_url(question), form, follow=True)

    assert ProposalAnswer.objects.count() == 1
    assert again.redirect_chain == [(first.headers["Location"], 302)]
    assert "This was already sent" in again.content.decode()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_five_parallel_posts_of_the_answer_count_once(client):
    loop = make_loop()
    question = loop.question()
    loop.discuss(question)
    sign_in(client, loop.janny.user)
    form = {"choice": "wants", "form_token": form_token_for(client, page_url(question))}

    responses = post_in_parallel(client, answer_url(question), form)

    assert {response.status_code for response in responses} == {302}
    assert ProposalAnswer.objects.count() == 1


def test_an_answer_without_a_choice_is_refused_with_a_clear_message(client, loop):
    question = loop.question()
    loop.discuss(question)
    sign_in(client, loop.janny.user)

    response = client.post(
        answer_url(question),
        {"explanation": "Weet ik niet", "form_token": form_token_for(client, page_url(question))},
    )

    assert response.status_code == 200
    assert "Choose &#x27;I want this&#x27; or &#x27;Rather not&#x27;." in response.content.decode()
    assert not ProposalAnswer.objects.exists()


def test_only_janny_switches_the_news_mail_and_it_is_audited(client, loop):
    question = loop.question()
    url = reverse("questions:news_mail", args=[loop.janny.pk, question.pk])
    sign_in(client, loop.fatima)
    assert client.post(url, {"opt_in": "on"}).status_code == 403
    loop.janny.refresh_from_db()
    assert loop.janny.news_mail_opt_in is False

    sign_in(client, loop.janny.user)
    page = client.get(page_url(question)).content.decode()
    assert 'id="news-mail-on"' in page
    client.post(url, {"opt_in": "on"})

    loop.janny.refresh_from_db()
    assert loop.janny.news_mail_opt_in is True
    entry = AuditEntry.objects.get(fields=["news_mail_opt_in"])
    assert entry.actor_user_id == loop.janny.user.pk
    assert 'id="news-mail-off"' in client.get(page_url(question)).content.decode()


def test_janny_finds_her_answers_and_her_mail_setting_in_her_download(loop):
    question = loop.question()
    loop.discuss(question)
    services.proposal_answer(
        question=question,
        choice="rather_not",
        explanation="Te laat op de avond.",
        by=loop.janny.user,
    )

    data = participant_data(loop.janny, parts=["record", "questions"])

    assert data["record"]["news_mail_opt_in"] is False
    [answer] = data["questions"][0]["answers_to_proposals"]
    assert (answer["answer"], answer["explanation"], answer["by_role"]) == (
        "rather_not",
        "Te laat op de avond.",
        "Participant",
    )
