"""The referral pages as people use them: Fatima refers from the question page, Els of the
choir answers on "Verwijzingen", Janny sees the steps and where she takes part; nobody else
gets in."""

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.referrals.constants import ReferralStatus
from steunsysteem.referrals.models import Referral
from steunsysteem.referrals.services import Step, _link_issue, referral_update_via_link
from steunsysteem.worktables.tests.factories import WorktableFactory

from .story import JANNY, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def story():
    return make_story()


def _question_url(story):
    return reverse("questions:detail", args=[story.janny.pk, story.question.pk])


def _create_url(story):
    return reverse("referrals:create", args=[story.janny.pk, story.question.pk])


def test_the_professional_refers_from_the_question_page(client, story):
    sign_in(client, story.fatima)
    page = client.get(_question_url(story)).content.decode()
    assert _create_url(story) in page
    token = form_token_for(client, _create_url(story))
    response = client.post(
        _create_url(story),
        {"service": story.service.pk, "consent_source": "spoken", "form_token": token},
        follow=True,
    )
    assert "The referral to Zingen in het koor is made" in response.content.decode()
    assert Referral.objects.get().status == ReferralStatus.PROPOSED
    # Sent twice (a double click): one referral.
    client.post(
        _create_url(story),
        {"service": story.service.pk, "consent_source": "spoken", "form_token": token},
    )
    assert Referral.objects.count() == 1


def test_without_consent_the_form_says_what_to_do(client, story):
    sign_in(client, story.fatima)
    token = form_token_for(client, _create_url(story))
    response = client.post(
        _create_url(story), {"service": story.service.pk, "consent_source": "", "form_token": token}
    )
    assert "may only receive the referral when the person agrees" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_member_of_another_werktafel_cannot_refer(client, story):
    elsewhere = UserFactory(coordinator=True)
    WorktableFactory(members=[elsewhere])
    sign_in(client, elsewhere)
    assert client.get(_create_url(story)).status_code == 403


def test_the_meeting_screen_offers_the_referral_to_the_table(client, story):
    from steunsysteem.questions.tests.loop import Loop

    loop = Loop(table=story.table, ruud=story.ruud, fatima=story.fatima, janny=story.janny)
    item = loop.discuss(story.question)
    sign_in(client, story.ruud)
    page = client.get(
        reverse("worktables:agenda_item", args=[item.meeting_id, item.pk])
    ).content.decode()
    assert 'id="referrals-heading"' in page
    assert _create_url(story) in page


def test_the_editor_answers_on_verwijzingen(client, story):
    referral = story.refer()
    sign_in(client, story.els)
    start = client.get(reverse("directory:editor_dashboard")).content.decode()
    assert reverse("referrals:inbox") in start
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert reverse("referrals:detail", args=[referral.pk]) in inbox
    assert JANNY not in inbox  # the list names no one
    detail = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert JANNY in detail and "koor zingen" not in detail  # basic details, not the question
    client.post(reverse("referrals:detail", args=[referral.pk]), {"to": "accepted"})
    client.post(reverse("referrals:detail", args=[referral.pk]), {"to": "started"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STARTED
    story.question.refresh_from_db()
    assert story.question.status == "answered"


@pytest.mark.parametrize("who", ["other_editor", "policy_officer", "fatima", "administrator"])
def test_nobody_else_opens_the_organisations_pages(client, story, who):
    referral = story.refer()
    users = {
        "other_editor": UserFactory(editor=True, organizations=[OrganizationFactory()]),
        "policy_officer": UserFactory(policy_officer=True),
        "fatima": story.fatima,
        "administrator": UserFactory(administrator=True),
    }
    sign_in(client, users[who])
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 403
    assert (
        client.post(reverse("referrals:detail", args=[referral.pk]), {"to": "accepted"}).status_code
        == 403
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED
    if who == "other_editor":
        inbox = client.get(reverse("referrals:inbox")).content.decode()
        assert reverse("referrals:detail", args=[referral.pk]) not in inbox


def test_janny_sees_the_steps_and_where_she_takes_part(client, story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    story.step(referral, ReferralStatus.STARTED)
    sign_in(client, story.janny.user)
    page = client.get(_question_url(story)).content.decode()
    assert "Takes part in:" in page
    assert reverse("directory:service_detail", args=[story.service.pk]) in page
    assert "Accepted by the organisation" in page and "Started" in page
    assert _create_url(story) not in page  # the person does not refer herself


def test_after_a_start_through_the_link_the_referrer_closes_the_question(client, story):
    referral = story.refer()
    with pytest.MonkeyPatch.context() as patch:
        tokens = []
        patch.setattr(
            "steunsysteem.referrals.notifications.link_send",
            lambda *, address, token: tokens.append(token),
        )
        _link_issue(referral, "koor@example.org")
        referral_update_via_link(token=tokens[-1], step=Step(to=ReferralStatus.ACCEPTED))
        referral_update_via_link(token=tokens[-1], step=Step(to=ReferralStatus.STARTED))
    story.question.refresh_from_db()
    assert story.question.status != "answered"
    sign_in(client, story.fatima)
    url = reverse("referrals:close_question", args=[story.janny.pk, story.question.pk, referral.pk])
    assert url in client.get(_question_url(story)).content.decode()
    client.post(url)
    story.question.refresh_from_db()
    assert (story.question.status, story.question.outcome) == ("answered", "referred")


def test_gaat_het_nog_is_answered_on_the_question_page(client, story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    story.step(referral, ReferralStatus.STARTED)
    Referral.objects.update(check_in_asked_at=timezone.now())
    sign_in(client, story.janny.user)
    url = reverse("referrals:check_in", args=[story.janny.pk, story.question.pk, referral.pk])
    assert url in client.get(_question_url(story)).content.decode()
    client.post(url, {"answer": "yes", "reason": ""})
    referral.refresh_from_db()
    assert referral.check_in_answer == "yes"
    stranger = UserFactory(professional=True)
    sign_in(client, stranger)
    assert client.post(url, {"answer": "no"}).status_code == 403
