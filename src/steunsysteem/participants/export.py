"""Everything stored about one participant, as one plain dict (AVG art. 15 and 20).

A read model: ``participant_data`` gathers the record, progress, network, snapshots,
consent, emergency accesses, the access log and the own account; ``participant_export``
adds the one audit entry that says the data left the system. The same dict feeds the JSON
download and the readable PDF. Never in it: password hashes or two-factor secrets.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from steunsysteem.accounts import selectors
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.directory.constants import ParticipationGoal

from .models import Participant

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User

# The parts of an export, in the order the PDF shows them.
PARTS = [
    "record",
    "ladder_positions",
    "self_sufficiency_ratings",
    "network_members",
    "network_snapshots",
    "consent_grants",
    "emergency_accesses",
    "access_log",
    "account",
]
ACCOUNT_FIELDS = ["username", "email", "first_name", "last_name", "role"]
# The legal basis in the audit trail when a caseworker hands the data over at the request.
EXPORT_REQUEST = "request:avg-art-15"
ACCESS_LOG_LIMIT = 100_000  # in practice: all of it


def participant_export(
    *, participant: Participant, by: User, request: HttpRequest | None = None, file_format: str
) -> dict[str, Any]:
    """The participant's data, with the audit entry of the download in the same transaction."""
    with transaction.atomic():
        data = participant_data(participant)
        audit_record(
            actor=by,
            action=AuditAction.EXPORT,
            obj=participant,
            fields=[f"export.{file_format}"],
            legal_basis=OWN_DATA if participant.user_id == by.pk else EXPORT_REQUEST,
            request=request,
        )
    return data


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def participant_data(participant: Participant) -> dict[str, Any]:
    participant = Participant.objects.select_related("district", "user", "created_by").get(
        pk=participant.pk
    )
    return {
        "exported_at": timezone.localtime(),
        "record": _record(participant),
        "ladder_positions": [
            {
                "step": position.step,
                "step_label": str(position.get_step_display()),
                "measured_on": position.measured_on,
                "recorded_by": _person(position.recorded_by),
            }
            for position in participant.ladder_positions.select_related("recorded_by").order_by(
                "measured_on", "pk"
            )
        ],
        "self_sufficiency_ratings": [
            {
                "domain": rating.domain,
                "domain_label": str(rating.get_domain_display()),
                "score": rating.score,
                "score_label": str(rating.get_score_display()),
                "measured_on": rating.measured_on,
                "recorded_by": _person(rating.recorded_by),
            }
            for rating in participant.self_sufficiency_ratings.select_related(
                "recorded_by"
            ).order_by("measured_on", "domain", "pk")
        ],
        "network_members": [
            _member(member)
            for member in participant.network_members.select_related(
                "organization", "user"
            ).in_map_order()
        ],
        "network_snapshots": [
            {
                "occasion": snapshot.occasion,
                "occasion_label": str(snapshot.get_occasion_display()),
                "taken_at": timezone.localtime(snapshot.taken_at),
                "taken_by": _person(snapshot.taken_by),
                "district": str(snapshot.district) if snapshot.district else "",
                "summary": snapshot.summary,
                "members": [_member(member) for member in snapshot.members.order_by("name", "pk")],
            }
            for snapshot in participant.network_snapshots.select_related(
                "taken_by", "district"
            ).newest_first()
        ],
        "questions": [
            {
                "text": question.text,
                "life_domains": list(question.life_domains),
                "status": question.status,
                "status_label": str(question.get_status_display()),
                "submitted_at": timezone.localtime(question.submitted_at),
                "submitted_by": _person(question.submitted_by),
            }
            for question in participant.questions.select_related("submitted_by").newest_first()
        ],
        "consent_grants": [
            _grant(grant, current=current)
            for current in (True, False)
            for grant in selectors.consent_overview(participant, current=current)
        ],
        "emergency_accesses": [
            {
                "by": _person(access.user),
                "reason": access.reason,
                "started_at": timezone.localtime(access.started_at),
                "ends_at": timezone.localtime(access.ends_at),
            }
            for access in participant.emergency_accesses.select_related("user").order_by(
                "started_at", "pk"
            )
        ],
        "access_log": [
            {
                "occurred_at": row.occurred_at,
                "who": row.who,
                "role": str(row.role),
                "organizations": row.organizations,
                "action": str(row.action),
                "fields": [str(field) for field in row.fields],
                "allowed": row.allowed,
                "basis": str(row.basis),
                "reason": row.reason,
            }
            for row in selectors.access_log(participant, limit=ACCESS_LOG_LIMIT)
        ],
        "account": _account(participant.user),
    }


def _record(participant: Participant) -> dict[str, Any]:
    return {
        "id": participant.pk,
        "name": participant.name,
        "district": str(participant.district) if participant.district else "",
        "preferred_language": participant.preferred_language,
        "preferred_language_label": str(participant.get_preferred_language_display()),
        "contact_route": participant.contact_route,
        "contact_route_label": str(participant.get_contact_route_display()),
        "contact_detail": participant.contact_detail,
        "life_goals": list(participant.life_goals),
        "life_goal_labels": [
            str(ParticipationGoal(goal).label) if goal in ParticipationGoal.values else goal
            for goal in participant.life_goals
        ],
        "created_at": timezone.localtime(participant.created_at),
        "created_by": _person(participant.created_by),
    }


def _member(member) -> dict[str, Any]:
    """A live ``NetworkMember`` or its copy in a snapshot (``SnapshotMember``)."""
    organization = getattr(member, "organization", None)
    data = {
        "name": member.name,
        "organization": organization.name
        if organization
        else getattr(member, "organization_name", ""),
        "relation": member.relation,
        "relation_label": str(member.get_relation_display()),
        "circle": member.circle,
        "circle_label": str(member.get_circle_display()),
        "support_received": list(member.support_received),
        "gives_back": list(member.gives_back),
        "gives_back_note": member.gives_back_note,
        "contact_frequency": member.contact_frequency,
        "contact_frequency_label": str(member.get_contact_frequency_display()),
        "is_central_contact": member.is_central_contact,
    }
    if hasattr(member, "known_since"):
        data["known_since"] = member.known_since
    return data


def _grant(grant, *, current: bool) -> dict[str, Any]:
    return {
        "current": current,
        "scope": grant.scope,
        "scope_label": str(grant.get_scope_display()),
        "grantee": grant.grantee_name,
        "given_at": timezone.localtime(grant.given_at),
        "ends_on": grant.ends_on,
        "source": grant.source,
        "source_label": str(grant.get_source_display()),
        "recorded_by": _person(grant.recorded_by),
        "withdrawn_at": timezone.localtime(grant.withdrawn_at) if grant.withdrawn_at else None,
    }


def _person(user) -> str:
    """Who did something, as the participant recognises them."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _account(user) -> dict[str, Any] | None:
    if user is None:
        return None
    data = {field: getattr(user, field) for field in ACCOUNT_FIELDS}
    data["role_label"] = str(Role(user.role).label) if user.role in Role.values else ""
    data["date_joined"] = timezone.localtime(user.date_joined)
    data["last_login"] = timezone.localtime(user.last_login) if user.last_login else None
    return data
