"""Kwartiermakers and ervaringsdeskundigen (and volunteers) with what the seeds give them:
bring a question and speak for the person at the table with consent for questions, write
notes with consent for notes; never register people, record consent or sit at a werktafel."""

import pytest

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope, Role
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

COMPANIONS = ["kwartiermaker", "experience_expert"]


def granted(role, *scopes, **grant):
    user = UserFactory(**{role: True})
    participant = ParticipantFactory()
    for scope in scopes:
        ConsentGrantFactory(participant=participant, grantee_user=user, scope=scope, **grant)
    return user, participant


@pytest.mark.parametrize("role", [*COMPANIONS, "volunteer"])
def test_brings_a_question_with_consent_for_questions_only(role):
    user, participant = granted(role, ConsentScope.PROFILE, ConsentScope.QUESTIONS)
    assert permissions.can_submit_question(user, participant)
    other, someone = granted(role, ConsentScope.PROFILE)
    assert not permissions.can_submit_question(other, someone)


@pytest.mark.parametrize("role", COMPANIONS)
def test_speaks_for_the_person_at_the_table_with_consent_for_questions(role):
    user, participant = granted(role, ConsentScope.QUESTIONS)
    assert permissions.can_answer_proposal(user, participant)
    withdrawn, someone = granted(role, ConsentScope.QUESTIONS, withdrawn=True)
    assert not permissions.can_answer_proposal(withdrawn, someone)


def test_a_volunteer_does_not_answer_for_the_person():
    user, participant = granted("volunteer", ConsentScope.QUESTIONS)
    assert not permissions.can_answer_proposal(user, participant)


@pytest.mark.parametrize("role", COMPANIONS)
def test_writes_notes_with_consent_for_notes(role):
    user, participant = granted(role, ConsentScope.NOTES)
    assert permissions.can_write_note(user, participant)
    other, someone = granted(role, ConsentScope.QUESTIONS)
    assert not permissions.can_write_note(other, someone)


@pytest.mark.parametrize("role", COMPANIONS)
def test_registers_nobody_records_no_consent_and_has_no_seat(role):
    user, participant = granted(role, ConsentScope.PROFILE)
    assert not permissions.can_register_participant(user)
    assert not permissions.can_manage_consent(user, participant)
    assert not permissions.can_sit_at_worktable(user)
    assert not permissions.can_start_emergency_access(user, ParticipantFactory())


@pytest.mark.parametrize("role", COMPANIONS)
def test_signs_in_with_a_second_factor_and_lists_the_people_who_shared(role):
    user = UserFactory(**{role: True})
    assert permissions.needs_two_factor(user)
    assert permissions.can_list_participants(user)


def test_a_coordinator_invites_kwartiermakers_and_ervaringsdeskundigen():
    coordinator = UserFactory(coordinator=True)
    assert permissions.can_invite(coordinator, Role.KWARTIERMAKER)
    assert permissions.can_invite(coordinator, Role.EXPERIENCE_EXPERT)
    assert not permissions.can_invite(UserFactory(kwartiermaker=True), Role.VOLUNTEER)
