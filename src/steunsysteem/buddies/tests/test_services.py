"""The maatjes rules, told as Mark's story (see ``story``)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation
from freezegun import freeze_time

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope, ConsentSource
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.networks.constants import Relation
from steunsysteem.questions.constants import QuestionStatus

from .. import services
from ..constants import CheckInMoment, EndReason, MatchStatus, Side
from ..matching import suggestions
from ..models import CheckIn
from .factories import ProjectCoordinatorFactory, VolunteerProfileFactory
from .story import make_story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are checked in the source language (the interface defaults to Dutch)."""
    with translation.override("en"):
        yield


@pytest.fixture
def story():
    return make_story()


def _sees_marks_details(user, mark) -> bool:
    return permissions.participant_access(user, mark, ConsentScope.PROFILE).allowed


# Volunteers ----------------------------------------------------------------------------------


def test_the_project_coordinator_registers_a_volunteer_who_likes_card_games(story):
    anna = UserFactory(volunteer=True, first_name="Anna", organizations=[story.project])
    profile = services.volunteer_register(
        project=story.project,
        user=anna,
        by=story.wendy,
        interests=["card_games"],
        days=["tue"],
        languages=["nl", "tr"],
        postcode="3901",
        does_not_want="Geen bezoek thuis",
        intake_on=timezone.localdate(),
        vog_checked_on=timezone.localdate(),
    )
    assert profile.is_screened
    assert profile.interests == ["card_games"]
    assert AuditEntry.objects.filter(object_id=str(profile.pk), action="create").exists()


def test_only_the_projects_coordinator_registers_volunteers(story):
    anna = UserFactory(volunteer=True, organizations=[story.project])
    other = ProjectCoordinatorFactory().user
    with pytest.raises(services.BuddyError, match="cannot register"):
        services.volunteer_register(project=story.project, user=anna, by=other)
    with pytest.raises(services.BuddyError, match="cannot register"):
        services.volunteer_register(project=story.project, user=anna, by=story.fatima)


def test_a_volunteer_must_be_a_volunteer_of_the_project(story):
    outsider = UserFactory(volunteer=True, organizations=[OrganizationFactory()])
    with pytest.raises(services.BuddyError, match="volunteer account of this"):
        services.volunteer_register(project=story.project, user=outsider, by=story.wendy)
    professional = UserFactory(professional=True, organizations=[story.project])
    with pytest.raises(services.BuddyError, match="volunteer account of this"):
        services.volunteer_register(project=story.project, user=professional, by=story.wendy)


def test_screening_dates_cannot_lie_in_the_future(story):
    anna = UserFactory(volunteer=True, organizations=[story.project])
    with pytest.raises(services.BuddyError, match="future"):
        services.volunteer_register(
            project=story.project,
            user=anna,
            by=story.wendy,
            vog_checked_on=timezone.localdate() + dt.timedelta(days=1),
        )


def test_the_volunteer_corrects_their_profile_but_not_the_screening(story):
    kees = story.kees.user
    services.volunteer_update(profile=story.kees, by=kees, times="middagen", days=["thu"])
    story.kees.refresh_from_db()
    assert story.kees.days == ["thu"]
    with pytest.raises(services.BuddyError, match="cannot change"):
        services.volunteer_update(profile=story.kees, by=kees, vog_checked_on=None)
    with pytest.raises(services.BuddyError, match="cannot change this profile"):
        services.volunteer_update(profile=story.kees, by=story.lotte.user, times="nooit")


def test_unknown_interests_are_refused(story):
    with pytest.raises(services.BuddyError, match="Unknown"):
        services.volunteer_update(profile=story.kees, by=story.wendy, interests=["darts"])


# The wish and the suggestions ------------------------------------------------------------------


def test_the_professional_who_brought_the_question_asks_for_a_buddy(story):
    wish = story.ask()
    assert wish.project == story.project
    assert wish.interests == ["card_games"]


def test_mark_himself_asks_for_a_buddy(story):
    wish = story.ask(by=story.mark.user)
    assert wish.created_by == story.mark.user


def test_someone_without_consent_cannot_ask(story):
    stranger = UserFactory(professional=True)
    with pytest.raises(services.BuddyError, match="cannot ask"):
        story.ask(by=stranger)
    with pytest.raises(services.BuddyError, match="cannot ask"):
        story.ask(by=story.kees.user)


def test_a_closed_question_brings_no_wish(story):
    story.question.status = QuestionStatus.WITHDRAWN
    story.question.save()
    with pytest.raises(services.BuddyError, match="cannot ask"):
        story.ask()


def test_a_wish_goes_only_to_an_organisation_that_runs_a_maatjesproject(story):
    with pytest.raises(services.BuddyError, match="does not run"):
        services.buddy_request_create(
            question=story.question,
            project=OrganizationFactory(),
            interests=["card_games"],
            by=story.fatima,
        )


def test_a_wish_is_sent_once_to_a_project(story):
    story.ask()
    with pytest.raises(services.BuddyError, match="already sent"):
        story.ask()


def test_a_wish_needs_something_to_do_together(story):
    with pytest.raises(services.BuddyError, match="at least one"):
        story.ask(interests=())


def test_the_coordinator_is_told_of_a_new_wish_without_a_name(
    story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story.ask()
    (message,) = mail.outbox
    assert message.to == [story.wendy.email]
    assert "Mark" not in message.body and "kaart" not in message.body
    assert "/maatjes/" in message.body


def test_kees_is_suggested_first_with_plain_reasons(story):
    with translation.override("en"):
        found = suggestions(story.ask())
    assert [s.volunteer for s in found] == [story.kees, story.lotte]
    kees = found[0]
    assert kees.reasons == [
        "Also likes: card and board games",
        "Lives close by (about 1.3 km)",
        "Can on: wednesday",
        "Speaks Dutch",
    ]
    assert found[1].reasons == ["Speaks Dutch"]


def test_a_volunteer_without_intake_and_vog_is_never_suggested(story):
    found = suggestions(story.ask())
    assert story.piet not in [s.volunteer for s in found]


def test_a_volunteer_who_is_not_available_is_not_suggested(story):
    services.volunteer_update(profile=story.kees, by=story.kees.user, is_available=False)
    assert story.kees not in [s.volunteer for s in suggestions(story.ask())]


def test_a_volunteer_of_another_project_is_not_suggested(story):
    other = VolunteerProfileFactory(interests=["card_games"])
    assert other not in [s.volunteer for s in suggestions(story.ask())]


# Proposing and accepting -------------------------------------------------------------------------


def test_the_coordinator_proposes_and_the_reasons_are_kept(story):
    match = story.propose()
    assert match.status == MatchStatus.PROPOSED
    assert "Also likes: card and board games" in match.reasons


def test_only_the_projects_coordinator_proposes(story):
    wish = story.ask()
    for someone in (ProjectCoordinatorFactory().user, story.fatima, story.kees.user):
        with pytest.raises(services.BuddyError, match="cannot propose"):
            services.match_propose(buddy_request=wish, volunteer=story.kees, by=someone)


def test_an_unscreened_volunteer_cannot_be_proposed(story):
    with pytest.raises(services.BuddyError, match="intake and VOG"):
        story.propose(volunteer=story.piet)


def test_the_same_volunteer_is_proposed_once_per_wish(story):
    wish = story.ask()
    story.propose(wish)
    with pytest.raises(services.BuddyError, match="already proposed"):
        story.propose(wish)


def test_nothing_is_shared_while_only_one_side_said_yes(story):
    match = story.propose()
    services.match_answer_for_participant(match=match, yes=True, by=story.mark.user)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert not permissions.match_shares_contact_details(match)
    assert not _sees_marks_details(story.kees.user, story.mark)
    assert match.consent is None


def test_nothing_is_shared_when_only_the_volunteer_said_yes(story):
    match = story.propose()
    services.match_answer_as_volunteer(match=match, yes=True, by=story.kees.user)
    match.refresh_from_db()
    assert match.status == MatchStatus.PROPOSED
    assert not _sees_marks_details(story.kees.user, story.mark)


def test_when_both_say_yes_the_match_starts_with_only_the_consent_it_needs(story):
    match = story.both_accept()
    assert match.status == MatchStatus.ACTIVE
    assert match.started_on == timezone.localdate()
    assert permissions.match_shares_contact_details(match)
    grants = story.mark.consent_grants.active().filter(grantee_user=story.kees.user)
    assert [(g.scope, g.source) for g in grants] == [(ConsentScope.PROFILE, ConsentSource.PORTAL)]
    assert match.consent == grants.get()
    for scope in (ConsentScope.NETWORK, ConsentScope.QUESTIONS, ConsentScope.NOTES):
        assert not permissions.participant_access(story.kees.user, story.mark, scope).allowed


def test_the_buddy_joins_marks_network_as_volunteer_or_buddy(story):
    match = story.both_accept()
    member = match.network_member
    assert member.participant == story.mark
    assert member.relation == Relation.VOLUNTEER
    assert member.name == "Kees"
    assert member.organization == story.project


def test_mark_can_choose_that_the_buddy_stays_out_of_his_network(story):
    match = story.both_accept(in_network=False)
    assert match.network_member is None
    assert not story.mark.network_members.exists()


def test_a_representative_answers_for_someone_without_an_account():
    story = make_story(mark_has_account=False)
    match = story.both_accept()
    assert match.status == MatchStatus.ACTIVE
    assert match.participant_answered_by == story.fatima
    assert match.consent.source == ConsentSource.REPRESENTATIVE


def test_who_may_not_answer_for_mark(story):
    match = story.propose()
    for someone in (story.kees.user, story.wendy, story.fatima, UserFactory(relative=True)):
        # Mark has an account, but Fatima's consent lets her answer for him too; the others
        # may not.
        if someone == story.fatima:
            continue
        with pytest.raises(services.BuddyError, match="cannot answer"):
            services.match_answer_for_participant(match=match, yes=True, by=someone)


def test_only_the_proposed_volunteer_answers_as_volunteer(story):
    match = story.propose()
    for someone in (story.lotte.user, story.mark.user, story.wendy):
        with pytest.raises(services.BuddyError, match="cannot answer"):
            services.match_answer_as_volunteer(match=match, yes=True, by=someone)


def test_a_no_from_either_side_ends_the_proposal_without_sharing(story):
    match = story.propose()
    services.match_answer_as_volunteer(match=match, yes=False, by=story.kees.user)
    match.refresh_from_db()
    assert match.status == MatchStatus.DECLINED
    assert match.declined_by_side == Side.VOLUNTEER
    with pytest.raises(services.BuddyError, match="cannot answer"):
        services.match_answer_for_participant(match=match, yes=True, by=story.mark.user)
    assert not _sees_marks_details(story.kees.user, story.mark)


def test_both_sides_hear_of_the_proposal_without_names(story, django_capture_on_commit_callbacks):
    wish = story.ask()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        story.propose(wish)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [story.kees.user.email, story.mark.user.email]
    )
    for message in mail.outbox:
        assert "Mark" not in message.body and "Kees" not in message.body


# Check-ins and the end ---------------------------------------------------------------------------


def test_both_sides_are_asked_after_six_weeks_once(story, django_capture_on_commit_callbacks):
    match = story.both_accept()
    start = timezone.now()
    with freeze_time(start + dt.timedelta(weeks=6) - dt.timedelta(days=1)):
        assert services.check_ins_ask() == 0
    mail.outbox.clear()
    with freeze_time(start + dt.timedelta(weeks=6)):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.check_ins_ask() == 2
        assert services.check_ins_ask() == 0
    assert {(c.moment, c.side) for c in match.check_ins.all()} == {
        (CheckInMoment.SIX_WEEKS, Side.PARTICIPANT),
        (CheckInMoment.SIX_WEEKS, Side.VOLUNTEER),
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [story.kees.user.email, story.mark.user.email]
    )
    with freeze_time(start + dt.timedelta(days=91)):
        assert services.check_ins_ask() == 2


def test_a_proposed_match_is_never_asked(story):
    story.propose()
    with freeze_time(timezone.now() + dt.timedelta(days=100)):
        assert services.check_ins_ask() == 0


def _asked(story):
    match = story.both_accept()
    with freeze_time(timezone.now() + dt.timedelta(weeks=6)):
        services.check_ins_ask()
    return match, {c.side: c for c in match.check_ins.all()}


def test_each_side_answers_only_its_own_check_in(story):
    _match, asked = _asked(story)
    with pytest.raises(services.BuddyError, match="cannot answer"):
        services.check_in_answer(check_in=asked[Side.VOLUNTEER], goes_well=True, by=story.mark.user)
    with pytest.raises(services.BuddyError, match="cannot answer"):
        services.check_in_answer(
            check_in=asked[Side.PARTICIPANT], goes_well=True, by=story.kees.user
        )
    answered = services.check_in_answer(
        check_in=asked[Side.PARTICIPANT], goes_well=True, by=story.mark.user
    )
    assert answered.goes_well is True
    with pytest.raises(services.BuddyError, match="cannot answer"):
        services.check_in_answer(
            check_in=asked[Side.PARTICIPANT], goes_well=False, by=story.mark.user
        )


def test_something_wrong_goes_to_the_coordinator_only(story, django_capture_on_commit_callbacks):
    match, asked = _asked(story)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.check_in_answer(
            check_in=asked[Side.VOLUNTEER],
            goes_well=False,
            concern="Mark zegt vaak af.",
            by=story.kees.user,
        )
    (message,) = mail.outbox
    assert message.to == [story.wendy.email]
    assert "zegt" not in message.body
    assert permissions.can_read_buddy_concerns(story.wendy, match)
    for other in (story.mark.user, story.fatima, story.kees.user):
        assert not permissions.can_read_buddy_concerns(other, match)


def test_ending_the_match_ends_the_volunteers_consent(story):
    match = story.both_accept()
    ended = services.match_end(match=match, reason=EndReason.NO_CLICK, by=story.wendy)
    assert ended.status == MatchStatus.ENDED
    assert ended.ended_on == timezone.localdate()
    assert not _sees_marks_details(story.kees.user, story.mark)
    assert not permissions.match_shares_contact_details(ended)
    assert CheckIn.objects.count() == 0


def test_an_ending_needs_a_reason_and_the_coordinator(story):
    match = story.both_accept()
    with pytest.raises(services.BuddyError, match="why"):
        services.match_end(match=match, reason="", by=story.wendy)
    for someone in (story.kees.user, story.mark.user, story.fatima):
        with pytest.raises(services.BuddyError, match="cannot end"):
            services.match_end(match=match, reason=EndReason.OTHER, by=someone)


def test_the_coordinator_can_withdraw_a_proposal(story):
    match = story.propose()
    ended = services.match_end(match=match, reason=EndReason.OTHER, by=story.wendy)
    assert ended.status == MatchStatus.ENDED
    assert ended.consent is None


def test_every_step_is_in_the_audit_trail(story):
    story.both_accept()
    fields = list(
        AuditEntry.objects.filter(object_id=str(story.mark.pk)).values_list("fields", flat=True)
    )
    flat = {field for entry in fields for field in entry}
    assert {"buddies.request", "buddies.match", "buddies.match.answer"} <= flat
    assert "buddies.match.status" in flat
