"""A participant asks a participation question in their own words and follows it; a relative
with consent for questions may bring one in for them."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for, needs_postgresql, post_in_parallel
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions import services
from steunsysteem.questions.models import Question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CHOIR = "Ik zou graag in een koor zingen, maar ik vind het eng om alleen te gaan."


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny", with_account=True)


def test_janny_asks_a_question_and_sees_it_as_new(client, janny):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])

    response = client.post(
        url,
        {
            "text": CHOIR,
            "life_domains": ["meeting", "culture"],
            "form_token": form_token_for(client, url),
        },
    )

    assert response.headers["Location"] == reverse("questions:list", args=[janny.pk])
    question = Question.objects.get()
    assert (question.status, question.submitted_by_role) == ("new", "participant")
    assert question.life_domains == ["culture", "meeting"]
    page = client.get(reverse("questions:list", args=[janny.pk])).content.decode()
    assert CHOIR in page and "New" in page
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert CHOIR not in str(entry.fields)


def test_a_relative_with_consent_for_questions_brings_one_in(client, janny):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.QUESTIONS)
    sign_in(client, henk)

    url = reverse("questions:submit", args=[janny.pk])

    client.post(url, {"text": CHOIR, "form_token": form_token_for(client, url)})

    assert Question.objects.get().submitted_by_role == "relative"


def test_without_consent_for_questions_nobody_else_sees_or_asks(client, janny):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.PROFILE)
    sign_in(client, henk)

    assert client.get(reverse("questions:list", args=[janny.pk])).status_code == 403
    assert (
        client.post(reverse("questions:submit", args=[janny.pk]), {"text": "x"}).status_code == 403
    )
    assert not Question.objects.exists()


def test_an_empty_question_or_an_unknown_domain_is_refused(janny):
    with pytest.raises(services.QuestionError):
        services.question_submit(participant=janny, text="  ", life_domains=[], by=janny.user)
    with pytest.raises(services.QuestionError):
        services.question_submit(participant=janny, text=CHOIR, life_domains=["x"], by=janny.user)
    assert not Question.objects.exists()


def test_janny_finds_her_questions_from_her_own_page(client, janny):
    sign_in(client, janny.user)

    own_page = client.get(reverse("participants:my_record"), follow=True)

    links = {link.key: link for link in own_page.context["participant_links"]}
    assert links["questions"].label == "My questions"
    assert links["questions"].url == reverse("questions:list", args=[janny.pk])
    assert f'href="{links["questions"].url}"' in own_page.content.decode()


def test_the_questions_link_shows_only_to_whoever_may_see_the_questions(client, janny):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.PROFILE)
    sign_in(client, henk)
    page = client.get(reverse("participants:detail", args=[janny.pk]))
    assert "questions" not in [link.key for link in page.context["participant_links"]]

    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.QUESTIONS)
    page = client.get(reverse("participants:detail", args=[janny.pk]))
    links = {link.key: link.label for link in page.context["participant_links"]}
    assert links["questions"] == "Questions"


def test_sending_the_question_twice_brings_in_one_question_and_says_so_calmly(client, janny):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])
    data = {"text": CHOIR, "form_token": form_token_for(client, url)}

    first = client.post(url, data)
    again = client.post(url, data, follow=True)

    assert Question.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.CREATE).count() == 1
    assert again.redirect_chain == [(first.headers["Location"], 302)]
    assert "This was already sent" in again.content.decode()


def test_a_new_question_form_gives_room_for_a_second_question(client, janny):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])

    for text in (CHOIR, "Ik wil een kappersopleiding doen."):
        client.post(url, {"text": text, "form_token": form_token_for(client, url)})

    assert Question.objects.count() == 2


def test_a_question_without_the_forms_token_is_shown_again_to_send_and_not_stored(client, janny):
    sign_in(client, janny.user)

    response = client.post(reverse("questions:submit", args=[janny.pk]), {"text": CHOIR})

    assert response.status_code == 200
    assert "send the form again" in response.content.decode()
    assert CHOIR in response.content.decode()
    assert response.context["form_token"]
    assert not Question.objects.exists()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_five_parallel_sends_of_the_question_form_bring_in_one_question(client, janny):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])
    data = {"text": CHOIR, "form_token": form_token_for(client, url)}

    responses = post_in_parallel(client, url, data, times=5)

    assert [response.status_code for response in responses] == [302] * 5
    assert {response.headers["Location"] for response in responses} == {
        reverse("questions:list", args=[janny.pk])
    }
    assert Question.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditAction.CREATE).count() == 1
