"""A participant's questions in their download: what they asked, how it went, and what the
werktafel proposed and agreed about it.

Part of the AVG download (``participants.export``). Who did something for the person is
given as an organisation or a role, never a colleague's e-mail address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils import timezone

from steunsysteem.accounts.constants import Role

if TYPE_CHECKING:
    from .models import Participant


def questions_data(participant: Participant) -> list[dict[str, Any]]:
    from steunsysteem.directory.models import Organization
    from steunsysteem.questions.models import ProposalAnswer, QuestionEvent
    from steunsysteem.referrals.models import Referral
    from steunsysteem.worktables.models import Action, AgendaItem

    questions = list(
        participant.questions.select_related("submitted_by", "referrer_organization", "worktable")
        .prefetch_related(
            Prefetch("events", queryset=QuestionEvent.objects.order_by("occurred_at", "pk")),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting__worktable").order_by(
                    "meeting__starts_at", "pk"
                ),
            ),
            Prefetch(
                "proposal_answers",
                queryset=ProposalAnswer.objects.order_by("answered_at", "pk"),
            ),
            Prefetch(
                "referrals",
                queryset=Referral.objects.select_related("service", "organization")
                .prefetch_related("events")
                .order_by("created_at", "pk"),
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner", "agenda_item__meeting")
                .prefetch_related("owner__organizations")
                .order_by("due_on", "pk"),
            ),
        )
        .newest_first()
    )
    suggested = {
        str(pk)
        for question in questions
        for item in question.agenda_items.all()
        for pk in item.suggested_organization_ids
    }
    names = {
        str(pk): name
        for pk, name in Organization.objects.filter(pk__in=suggested).values_list("pk", "name")
    }
    return [_question(question, names) for question in questions]


def _question(question, organization_names: dict[str, str]) -> dict[str, Any]:
    return {
        "case_number": question.case_number,
        "text": question.text,
        "life_domains": list(question.life_domains),
        "life_domain_labels": question.life_domain_labels,
        "wishes_and_limits": question.wishes_and_limits,
        "readiness": question.readiness,
        "readiness_label": str(question.get_readiness_display()),
        "urgency": question.urgency,
        "urgency_label": str(question.get_urgency_display()),
        "referred_by": question.referrer_organization.name
        if question.referrer_organization
        else "",
        "goes_to_worktable": question.worktable.name if question.worktable else "",
        "status": question.status,
        "status_label": str(question.get_status_display()),
        "outcome": question.outcome,
        "outcome_label": str(question.get_outcome_display()) if question.outcome else "",
        "closed_reason": question.closed_reason,
        "closed_reason_label": str(question.get_closed_reason_display())
        if question.closed_reason
        else "",
        "submitted_at": timezone.localtime(question.submitted_at),
        "submitted_by": _person(question.submitted_by),
        "submitted_by_role": _role_label(question.submitted_by_role),
        "first_proposal_at": _local(question.first_proposal_at),
        "history": [
            {
                "occurred_at": timezone.localtime(event.occurred_at),
                "from_status": event.from_status,
                "from_label": str(event.get_from_status_display()),
                "to_status": event.to_status,
                "to_label": str(event.get_to_status_display()),
                "by_role": _role_label(event.by_role),
            }
            for event in question.events.all()
        ],
        "worktable": [
            {
                "worktable": str(item.meeting.worktable),
                "meeting_starts_at": timezone.localtime(item.meeting.starts_at),
                "kind": item.kind,
                "kind_label": str(item.get_kind_display()),
                "discussed_at": _local(item.discussed_at),
                "proposal": item.proposal,
                "suggested_organizations": [
                    organization_names[str(pk)]
                    for pk in item.suggested_organization_ids
                    if str(pk) in organization_names
                ],
            }
            for item in question.agenda_items.all()
        ],
        "referrals": [_referral(referral) for referral in question.referrals.all()],
        "actions": [
            {
                "what": action.what,
                "who": _who(action.owner),
                "due_on": action.due_on,
                "done_at": _local(action.done_at),
                "agreed_at_meeting": timezone.localtime(action.agenda_item.meeting.starts_at)
                if action.agenda_item
                else None,
            }
            for action in question.actions.all()
        ],
        "answers_to_proposals": [
            {
                "answered_at": timezone.localtime(answer.answered_at),
                "answer": answer.choice,
                "answer_label": str(answer.get_choice_display()),
                "explanation": answer.explanation,
                "by_role": _role_label(answer.answered_by_role),
            }
            for answer in question.proposal_answers.all()
        ],
    }


def _who(user) -> str:
    """Who takes an action, as an organisation or a role: never a colleague's own details."""
    organizations = sorted(organization.name for organization in user.organizations.all())
    return ", ".join(organizations) if organizations else _role_label(user.role)


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else ""


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _local(moment):
    return timezone.localtime(moment) if moment else None


def _referral(referral) -> dict[str, Any]:
    """A referral of the question: to which offer, how far it came, and every step."""
    return {
        "service": referral.service.name,
        "organization": referral.organization.name,
        "status": referral.status,
        "status_label": str(referral.get_status_display()),
        "introduction_on": referral.introduction_on,
        "companion_label": str(referral.get_companion_display()) if referral.companion else "",
        "started_on": referral.started_on,
        "end_outcome_label": str(referral.get_end_outcome_display())
        if referral.end_outcome
        else "",
        "decline_reason_label": str(referral.get_decline_reason_display())
        if referral.decline_reason
        else "",
        "check_in_answer": referral.check_in_answer,
        "check_in_reason": referral.check_in_reason,
        "steps": [
            {
                "occurred_at": timezone.localtime(event.occurred_at),
                "to_label": str(event.get_to_status_display()),
                "by_role": _role_label(event.by_role),
            }
            for event in sorted(referral.events.all(), key=lambda event: event.occurred_at)
        ],
    }
