"""Referring a question with a warm hand-over: consent first, each step by the receiving
organisation in the allowed order, and the question closes answered when the person starts."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.directory.tests.factories import OrganizationFactory, ServiceFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory
from steunsysteem.questions.constants import Outcome, QuestionStatus
from steunsysteem.referrals.constants import ReferralStatus
from steunsysteem.referrals.models import Referral
from steunsysteem.referrals.services import ReferralError, Step, referral_update
from steunsysteem.worktables.tests.factories import WorktableFactory

from .story import CHOIR, CONTACT, JANNY, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def story():
    return make_story()


def test_a_referral_needs_the_persons_consent_for_the_organisation(story):
    with pytest.raises(ReferralError, match="Koor De Lindeboom may only receive the referral"):
        story.refer(source="")
    assert not Referral.objects.exists()
    assert not ConsentGrant.objects.filter(grantee_organization=story.koor).exists()


def test_the_consent_is_recorded_for_basic_details_only(story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = story.refer()
    grant = ConsentGrant.objects.get(grantee_organization=story.koor)
    assert grant.scope == ConsentScope.PROFILE
    assert referral.consent == grant
    assert referral.status == ReferralStatus.PROPOSED
    assert referral.events.get().to_status == ReferralStatus.PROPOSED
    assert any(
        "referrals.service" in entry.fields
        for entry in AuditEntry.objects.filter(object_id=str(story.janny.pk))
    )
    # The contact address gets a link, and nothing about Janny or her question.
    (message,) = [m for m in mail.outbox if m.to == [CONTACT]]
    text = message.subject + message.body
    assert "/verwijzing/" in text
    assert JANNY not in text and "koor zingen" not in text and "Janny" not in text


def test_an_existing_consent_for_the_organisation_is_used_without_asking_again(story):
    existing = ConsentGrantFactory(
        participant=story.janny, grantee_user=None, grantee_organization=story.koor
    )
    referral = story.refer(source="")
    assert referral.consent == existing


def test_consent_for_ones_own_organisation_waits_so_no_referral(story):
    from steunsysteem.referrals.services import referral_create

    own = ServiceFactory(organization=story.wijkteam)
    with pytest.raises(ReferralError, match="waits for a second yes"):
        referral_create(
            question=story.question, service=own, consent_source="spoken", by=story.fatima
        )
    assert not Referral.objects.exists()
    assert not ConsentGrant.objects.filter(grantee_organization=story.wijkteam).exists()


def test_only_an_active_service_can_be_chosen(story):
    from steunsysteem.referrals.services import referral_create

    closed = ServiceFactory(organization=story.koor, closed=True)
    with pytest.raises(ReferralError, match="active service"):
        referral_create(
            question=story.question, service=closed, consent_source="spoken", by=story.fatima
        )


def test_who_may_refer(story):
    from steunsysteem.accounts import permissions

    assert permissions.can_refer(story.fatima, story.question)
    assert permissions.can_refer(story.ruud, story.question)  # at the table the question reaches
    elsewhere = UserFactory(coordinator=True)
    WorktableFactory(members=[elsewhere])
    colleague = UserFactory(professional=True)
    ConsentGrantFactory(
        participant=story.janny, grantee_user=colleague, scope=ConsentScope.QUESTIONS
    )
    relative = UserFactory(relative=True)
    ConsentGrantFactory(
        participant=story.janny, grantee_user=relative, scope=ConsentScope.QUESTIONS
    )
    for user in (elsewhere, colleague, relative, story.els, story.janny.user):
        assert not permissions.can_refer(user, story.question), user.role
    with pytest.raises(ReferralError):
        story.refer(by=elsewhere)


def test_each_step_in_order_and_the_question_closes_answered(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    story.step(
        referral,
        ReferralStatus.INTRODUCTION_PLANNED,
        introduction_on=timezone.localdate() + dt.timedelta(days=3),
        companion="referrer",
    )
    referral = story.step(referral, ReferralStatus.STARTED)
    assert referral.started_on == timezone.localdate()
    story.question.refresh_from_db()
    assert story.question.status == QuestionStatus.ANSWERED
    assert story.question.outcome == Outcome.REFERRED
    assert [e.to_status for e in referral.events.order_by("pk")] == [
        "proposed",
        "accepted",
        "introduction_planned",
        "started",
    ]
    assert all(e.by == story.els for e in referral.events.order_by("pk")[1:])
    referral = story.step(referral, ReferralStatus.ENDED, end_outcome="completed")
    assert referral.status == ReferralStatus.ENDED


@pytest.mark.parametrize(
    "to", [ReferralStatus.STARTED, ReferralStatus.ENDED, ReferralStatus.INTRODUCTION_PLANNED]
)
def test_a_step_out_of_order_is_refused(story, to):
    referral = story.refer()
    with pytest.raises(ReferralError, match="cannot become"):
        story.step(
            referral,
            to,
            end_outcome="completed",
            introduction_on=timezone.localdate(),
            companion="nobody",
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED
    assert referral.events.count() == 1


def test_declined_and_ended_are_final(story):
    referral = story.refer()
    with pytest.raises(ReferralError, match="why the organisation declines"):
        story.step(referral, ReferralStatus.DECLINED)
    referral = story.step(referral, ReferralStatus.DECLINED, decline_reason="no_place")
    with pytest.raises(ReferralError, match="cannot become"):
        story.step(referral, ReferralStatus.ACCEPTED)


def test_planning_needs_a_date_and_who_goes_along(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    with pytest.raises(ReferralError, match="date of the introduction"):
        story.step(referral, ReferralStatus.INTRODUCTION_PLANNED, companion="referrer")
    with pytest.raises(ReferralError, match="who goes along"):
        story.step(
            referral, ReferralStatus.INTRODUCTION_PLANNED, introduction_on=timezone.localdate()
        )
    with pytest.raises(ReferralError, match="future"):
        story.step(
            referral, ReferralStatus.STARTED, started_on=timezone.localdate() + dt.timedelta(days=1)
        )


def test_only_the_receiving_organisation_updates(story):
    referral = story.refer()
    other_editor = UserFactory(editor=True, organizations=[OrganizationFactory()])
    policy = UserFactory(policy_officer=True)
    for user in (other_editor, policy, story.fatima, story.ruud):
        with pytest.raises(ReferralError, match="Only the receiving organisation"):
            referral_update(referral=referral, step=Step(to=ReferralStatus.ACCEPTED), by=user)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED


def test_the_question_text_never_reaches_the_trail_or_mail(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = story.refer()
        story.step(referral, ReferralStatus.ACCEPTED)
    for message in mail.outbox:
        assert CHOIR not in message.body and JANNY not in message.body


def test_erasing_the_person_erases_their_referrals_and_links(story):
    from steunsysteem.participants.services import participant_erase
    from steunsysteem.referrals.models import ReferralEvent, ReferralLink

    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    participant_erase(participant=story.janny, by=story.janny.user)
    assert not Referral.objects.exists()
    assert not ReferralEvent.objects.exists()
    assert not ReferralLink.objects.exists()


def test_the_persons_download_holds_each_referral_and_its_steps(story):
    from steunsysteem.participants.export import participant_data

    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)

    (question,) = participant_data(story.question.participant)["questions"]

    (exported,) = question["referrals"]
    assert exported["service"] == referral.service.name
    assert exported["status"] == ReferralStatus.ACCEPTED
    labels = [step["to_label"] for step in exported["steps"]]
    assert len(labels) == 2 and labels[0] == "Proposed to the organisation"
