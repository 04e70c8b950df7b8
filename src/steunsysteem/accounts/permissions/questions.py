"""Participatievragen (questions): who asks, answers a proposal, changes a question, hears
of news, and which werktafel a question reaches (the person's consent to the table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef

from ..constants import (
    COMPANION_ROLES,
    CONSENT_HOLDER_ROLES,
    QUESTION_BRINGER_ROLES,
    ConsentScope,
    Role,
)
from ..models import ConsentGrant
from .consent import access_rests_on_consent, is_active, is_the_participant, self_or_with_consent
from .worktables import worktables_of

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_submit_question(user: User, participant: Participant) -> bool:
    """The participant asks; a relative, volunteer, kwartiermaker, ervaringsdeskundige,
    professional or coordinator with consent for the participant's questions brings one in
    for them."""
    return self_or_with_consent(user, participant, QUESTION_BRINGER_ROLES, ConsentScope.QUESTIONS)


# Who answers the werktafel's proposal for the person: the person, or someone at their side
# (a kwartiermaker or ervaringsdeskundige who goes with them to the table speaks for them).
PROPOSAL_ANSWERER_ROLES = frozenset({Role.RELATIVE, Role.PROFESSIONAL}) | COMPANION_ROLES


def can_answer_proposal(user: User, participant: Participant) -> bool:
    """The participant answers the werktafel's proposal ("dit wil ik" / "liever niet"); a
    relative, professional, kwartiermaker or ervaringsdeskundige answers for them only with
    the person's consent for questions
    (never under emergency access). Not a coordinator: the table does not answer its own
    proposal."""
    if is_the_participant(user, participant):
        return True
    return (
        is_active(user)
        and user.role in PROPOSAL_ANSWERER_ROLES
        and access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


def can_set_news_mail(user: User, participant: Participant) -> bool:
    """Whether mail about news on the questions goes out is the participant's own choice."""
    return is_the_participant(user, participant)


def may_hear_of_question(user: User, participant: Participant) -> bool:
    """Whether a "there is news" mail about one of the participant's questions may go to this
    user: the participant, or someone whose consent for the questions is in force now (a
    withdrawn or ended consent, or emergency access, hears nothing more)."""
    if is_the_participant(user, participant):
        return True
    return (
        is_active(user)
        and user.role in CONSENT_HOLDER_ROLES
        and access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


def _consent_to_the_table(participant, worktable):
    """The participant's consent for questions to this werktafel, in force now (confirmed,
    not withdrawn, not ended). ``participant`` and ``worktable`` may be ``OuterRef``s."""
    return (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable=worktable)
    )


def _reaches_its_table():
    return Exists(_consent_to_the_table(OuterRef("participant_id"), OuterRef("worktable_id")))


def questions_reaching_a_table():
    """The questions a werktafel takes up: the question names the table AND the participant's
    consent for questions to that table is in force. Nothing else opens a question to a
    table: consent to another table, or a table named without consent, does not."""
    from steunsysteem.questions.models import Question

    return Question.objects.filter(worktable__isnull=False).filter(_reaches_its_table())


def questions_shared_with(worktable):
    """The questions that reach this werktafel (``questions_reaching_a_table``)."""
    return questions_reaching_a_table().filter(worktable=worktable)


def questions_not_reaching_a_table():
    """Questions that name no werktafel, or whose table lacks the consent in force."""
    from steunsysteem.questions.models import Question

    return Question.objects.filter(~_reaches_its_table())


def question_reaches_table(question) -> bool:
    return (
        question.worktable_id is not None
        and _consent_to_the_table(question.participant_id, question.worktable_id).exists()
    )


def waiting_consent_to_the_table(participant, worktable):
    """The participant's consent for questions to this werktafel that waits for a second yes."""
    return (
        ConsentGrant.objects.awaiting_confirmation()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable=worktable)
    )


def table_consent_state(participant, worktable) -> str:
    """Whether questions of the participant that name this werktafel reach it, or why not
    (``TableSharing``)."""
    from steunsysteem.questions.constants import TableSharing

    if worktable is None:
        return TableSharing.NO_TABLE
    if _consent_to_the_table(participant, worktable).exists():
        return TableSharing.SHARED
    if waiting_consent_to_the_table(participant, worktable).exists():
        return TableSharing.CONSENT_WAITS
    return TableSharing.NO_CONSENT


def question_table_sharing(question) -> str:
    """Whether the question reaches the werktafel it names, or why not (``TableSharing``)."""
    return table_consent_state(question.participant_id, question.worktable_id)


def worktables_seeing_questions_of(participant: Participant):
    """The werktafels the participant's consent for questions is in force for."""
    from steunsysteem.worktables.models import Worktable

    granted = (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable__isnull=False)
        .values("grantee_worktable")
    )
    return Worktable.objects.filter(pk__in=granted)


def can_change_questions_of(user: User, participant: Participant) -> bool:
    """Who may correct or withdraw a participant's question: the participant, or a relative,
    professional or coordinator whose access to the questions rests on the person's consent
    (never on emergency access)."""
    if not is_active(user):
        return False
    if is_the_participant(user, participant):
        return True
    return user.role in QUESTION_BRINGER_ROLES and access_rests_on_consent(
        user, participant, ConsentScope.QUESTIONS
    )


def can_change_question(user: User, question) -> bool:
    """Correct or withdraw this question: whoever ``can_change_questions_of`` the person, as
    long as the werktafel has not discussed it (``Question.is_open_to_change``)."""
    return question.is_open_to_change and can_change_questions_of(user, question.participant)


def can_count_unshared_questions(user: User) -> bool:
    """A coordinator at a werktafel sees how many questions reach no table: a number per
    district, never which questions or whose."""
    return is_active(user) and user.role == Role.COORDINATOR and worktables_of(user).exists()


def unshared_question_districts(user: User):
    """The districts whose count of questions that reach no werktafel this coordinator sees:
    those of the tables they sit at."""
    from steunsysteem.directory.models import District

    if not can_count_unshared_questions(user):
        return District.objects.none()
    return District.objects.filter(worktables__in=worktables_of(user)).distinct()
