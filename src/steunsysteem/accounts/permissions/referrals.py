"""Referrals (verwijzingen): warm hand-overs of a question to a service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..constants import CASEWORKER_ROLES, ConsentScope, Role
from ..models import ConsentGrant
from .consent import access_rests_on_consent, is_active, is_the_participant, participant_access
from .questions import question_reaches_table
from .worktables import worktables_of

if TYPE_CHECKING:
    from ..models import User


def can_refer(user: User, question) -> bool:
    """Refer an open question to a service: a professional or coordinator whose access to the
    person's questions rests on consent (never emergency access) and who brought the question
    in, or sits at the werktafel the question reaches."""
    from steunsysteem.questions.constants import OPEN_STATUSES

    if not is_active(user) or user.role not in CASEWORKER_ROLES:
        return False
    if question.status not in OPEN_STATUSES:
        return False
    if not access_rests_on_consent(user, question.participant, ConsentScope.QUESTIONS):
        return False
    if question.submitted_by_id == user.pk:
        return True
    return (
        question.worktable_id is not None
        and question_reaches_table(question)
        and worktables_of(user).filter(pk=question.worktable_id).exists()
    )


def can_see_referrals(user: User, question) -> bool:
    """The referrals of a question and their history show on the question's pages: to whoever
    may read the person's questions (the person, the werktafel and those with consent)."""
    return participant_access(user, question.participant, ConsentScope.QUESTIONS).allowed


def can_handle_referrals(user: User) -> bool:
    """Provider editors have a "Verwijzingen" page for the referrals to their organisations."""
    return is_active(user) and user.role == Role.PROVIDER_EDITOR


def referral_organizations(user: User):
    """The organisations whose incoming referrals this user answers: a provider editor's own."""
    from steunsysteem.directory.models import Organization

    if not can_handle_referrals(user):
        return Organization.objects.none()
    return user.organizations.all()


def can_update_referral(user: User, referral) -> bool:
    """Only the receiving organisation, through an editor account of that organisation (or
    the single-use link mailed to its contact address, see ``referrals.links``)."""
    return referral_organizations(user).filter(pk=referral.organization_id).exists()


def referral_shares_details(referral) -> ConsentGrant | None:
    """The person's consent, in force now, that the receiving organisation may see their basic
    details: what the organisation's page and link show of the person, and nothing else."""
    return (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.PROFILE)
        .filter(
            participant_id=referral.question.participant_id,
            grantee_organization_id=referral.organization_id,
        )
        .order_by("given_at", "pk")
        .first()
    )


def can_answer_check_in(user: User, referral) -> bool:
    """ "Gaat het nog?": the person answers, or the professional who referred while their
    access to the questions rests on consent."""
    participant = referral.question.participant
    if is_the_participant(user, participant):
        return True
    return (
        is_active(user)
        and referral.created_by_id == user.pk
        and user.role in CASEWORKER_ROLES
        and access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


def can_close_question_by_referral(user: User, referral) -> bool:
    """After the start, the professional who may refer closes the question as answered (the
    organisation's editor account does it when it marks the start)."""
    return can_refer(user, referral.question)
