"""Each rule of a warm hand-over, one test per rule: what a referral needs, what each step
asks for, who closes the question and who answers "gaat het nog?". A refused step changes
nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from steunsysteem.directory.models import Contact
from steunsysteem.directory.tests.factories import OrganizationFactory, ServiceFactory, UserFactory
from steunsysteem.questions.models import Question
from steunsysteem.referrals import services
from steunsysteem.referrals.constants import Companion, ReferralStatus
from steunsysteem.referrals.models import Referral, ReferralEvent
from steunsysteem.referrals.services import ReferralError, Step

from .story import make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate


@pytest.fixture
def story():
    return make_story()


@pytest.fixture
def started(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    return story.step(referral, ReferralStatus.STARTED)


def events(referral):
    return list(referral.events.order_by("pk").values_list("to_status", flat=True))


# Referring ------------------------------------------------------------------------------------


def test_a_question_is_referred_to_the_same_service_once_while_it_is_open(story):
    story.refer()
    with pytest.raises(ReferralError, match="already been referred to this service"):
        story.refer()
    assert Referral.objects.count() == 1


def test_after_a_decline_the_same_service_can_be_asked_again(story):
    first = story.refer()
    story.step(first, ReferralStatus.DECLINED, decline_reason="no_place")

    second = story.refer()

    assert second.pk != first.pk
    assert second.status == ReferralStatus.PROPOSED


def test_a_service_without_an_organisation_cannot_receive_a_referral(story):
    loose = ServiceFactory(organization=None)
    with pytest.raises(ReferralError, match="active service of an organisation"):
        services.referral_create(
            question=story.question, service=loose, consent_source="spoken", by=story.fatima
        )
    assert not Referral.objects.exists()


def test_a_service_that_ended_cannot_receive_a_referral(story):
    gone = ServiceFactory(organization=story.koor, defunct=True)
    with pytest.raises(ReferralError, match="active service"):
        services.referral_create(
            question=story.question, service=gone, consent_source="spoken", by=story.fatima
        )


def test_the_referral_remembers_the_werktafels_latest_proposal_and_the_contact(story):
    referral = story.refer()
    assert referral.contact.name == "Els"
    assert referral.organization == story.koor
    assert referral.created_by == story.fatima


# Where the link goes --------------------------------------------------------------------------


def test_the_link_goes_to_the_contact_person_with_an_address_first():
    service = ServiceFactory(email="activiteit@example.org")
    Contact.objects.create(service=service, name="Anna", email="")
    Contact.objects.create(service=service, name="Bram", email="bram@example.org")
    contact, address = services.contact_for(service)
    assert (contact.name, address) == ("Bram", "bram@example.org")


def test_without_a_contacts_address_the_link_goes_to_the_activity():
    service = ServiceFactory(email="activiteit@example.org")
    Contact.objects.create(service=service, name="Anna", email="")
    contact, address = services.contact_for(service)
    assert (contact.name, address) == ("Anna", "activiteit@example.org")


def test_without_the_activitys_address_the_link_goes_to_the_organisation():
    organization = OrganizationFactory(email="info@example.org")
    service = ServiceFactory(organization=organization, email="")
    assert services.contact_for(service) == (None, "info@example.org")


def test_without_any_address_the_referral_is_made_without_a_link(story):
    story.service.contacts.all().delete()
    referral = story.refer()
    assert referral.status == ReferralStatus.PROPOSED
    assert not referral.links.exists()


# The steps ------------------------------------------------------------------------------------


def test_an_introduction_in_the_past_is_refused(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    with pytest.raises(ReferralError, match="today or later"):
        story.step(
            referral,
            ReferralStatus.INTRODUCTION_PLANNED,
            introduction_on=TODAY() - dt.timedelta(days=1),
            companion=Companion.REFERRER,
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.introduction_on is None


def test_an_introduction_can_be_moved_to_another_date(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    for days in (3, 10):
        referral = story.step(
            referral,
            ReferralStatus.INTRODUCTION_PLANNED,
            introduction_on=TODAY() + dt.timedelta(days=days),
            companion=Companion.PEER_WORKER,
        )
    assert referral.introduction_on == TODAY() + dt.timedelta(days=10)
    assert events(referral).count(ReferralStatus.INTRODUCTION_PLANNED) == 2


def test_a_start_in_the_future_is_refused(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    with pytest.raises(ReferralError, match="cannot lie in the future"):
        story.step(referral, ReferralStatus.STARTED, started_on=TODAY() + dt.timedelta(days=1))
    referral.refresh_from_db()
    assert (referral.status, referral.started_on) == (ReferralStatus.ACCEPTED, None)


def test_a_start_without_a_date_starts_today(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    assert story.step(referral, ReferralStatus.STARTED).started_on == TODAY()


def test_an_ending_needs_an_outcome(started, story):
    with pytest.raises(ReferralError, match="how the referral ended"):
        story.step(started, ReferralStatus.ENDED, end_outcome="")
    started.refresh_from_db()
    assert started.status == ReferralStatus.STARTED


def test_a_decline_needs_a_reason(story):
    referral = story.refer()
    with pytest.raises(ReferralError, match="why the organisation declines"):
        story.step(referral, ReferralStatus.DECLINED, decline_reason="made-up")
    assert events(referral) == [ReferralStatus.PROPOSED]


def test_an_unknown_status_is_refused_by_name(story):
    referral = story.refer()
    with pytest.raises(ReferralError, match="cannot become 'teleported'"):
        story.step(referral, "teleported")


def test_each_step_records_who_took_it_in_which_role(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    event = ReferralEvent.objects.filter(referral=referral).order_by("pk").last()
    assert (event.from_status, event.to_status) == ("proposed", "accepted")
    assert (event.by, event.by_role, event.via) == (story.els, "provider_editor", "account")


def test_an_editor_of_another_organisation_takes_no_step(story):
    referral = story.refer()
    other = UserFactory(editor=True, organizations=[OrganizationFactory()])
    with pytest.raises(ReferralError, match="Only the receiving organisation"):
        services.referral_update(referral=referral, step=Step(to="accepted"), by=other)
    assert events(referral) == [ReferralStatus.PROPOSED]


# Closing the question -------------------------------------------------------------------------


def test_the_question_closes_only_after_the_start(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    with pytest.raises(ReferralError, match="once the person has started"):
        services.referral_close_question(referral=referral, by=story.fatima)


def test_who_cannot_refer_cannot_close_the_question(started, story):
    with pytest.raises(ReferralError, match="cannot close this question"):
        services.referral_close_question(referral=started, by=story.els)
    with pytest.raises(ReferralError, match="cannot close this question"):
        services.referral_close_question(referral=started, by=UserFactory(professional=True))


def test_a_question_on_the_agenda_is_closed_by_the_werktafel(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    Question.objects.filter(pk=story.question.pk).update(status="on_agenda")
    referral = story.step(referral, ReferralStatus.STARTED)  # stays on the agenda

    with pytest.raises(ReferralError, match="the werktafel closes it"):
        services.referral_close_question(referral=referral, by=story.fatima)
    story.question.refresh_from_db()
    assert story.question.status == "on_agenda"


# "Gaat het nog?" ------------------------------------------------------------------------------


def test_gaat_het_nog_waits_for_the_start(story):
    referral = story.refer()
    with pytest.raises(ReferralError, match="has not started yet"):
        services.check_in_answer(referral=referral, answer="yes", by=story.janny.user)
    referral.refresh_from_db()
    assert referral.check_in_answer == ""


def test_gaat_het_nog_is_yes_or_no(started, story):
    with pytest.raises(ReferralError, match="Choose yes or no"):
        services.check_in_answer(referral=started, answer="maybe", by=story.janny.user)


def test_the_latest_answer_counts_and_the_reason_is_trimmed(started, story):
    services.check_in_answer(
        referral=started, answer="no", reason="  Te druk.  ", by=story.janny.user
    )
    referral = services.check_in_answer(referral=started, answer="yes", by=story.fatima)
    assert (referral.check_in_answer, referral.check_in_reason) == ("yes", "")
    assert referral.check_in_answered_by_role == "professional"


def test_a_reason_of_exactly_200_characters_is_kept(started, story):
    referral = services.check_in_answer(
        referral=started, answer="no", reason="x" * 200, by=story.janny.user
    )
    assert len(referral.check_in_reason) == 200


def test_a_professional_who_did_not_refer_does_not_answer_for_the_person(started, story):
    colleague = UserFactory(professional=True, organizations=[story.wijkteam])
    with pytest.raises(ReferralError, match="cannot answer for this person"):
        services.check_in_answer(referral=started, answer="no", by=colleague)
