"""Everything stored about one participant, as one plain dict (AVG art. 15 and 20).

A read model: ``participant_data`` gathers the record, progress, network, snapshots,
questions with their history and the werktafel's proposals and actions, notes of
conversations, consent, emergency
accesses, rights requests, the access log and the own account. ``participant_export`` (the
participant's own download) and ``rights_request_export`` (a copy someone else hands over
for a recorded request, with only the parts that person may see) add the one audit entry
that says the data left the system. The same dict feeds the JSON download and the readable
PDF. Never in it: password hashes, two-factor secrets, colleagues' e-mail addresses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from steunsysteem.accounts import permissions, selectors
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope, Role
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.directory.constants import ParticipationGoal

from .constants import RightsRequestStatus
from .export_questions import questions_data
from .models import Participant, RightsRequest
from .services import rights_request_legal_basis

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User

# The parts of an export, in the order the PDF shows them, with the consent scope that
# opens each to someone else. ``None``: the participant's own, never in a copy made by
# someone else (who may see what and who looked, emergency accesses, rights requests,
# the account).
PART_SCOPES: dict[str, str | None] = {
    "record": ConsentScope.PROFILE,
    "life_goals": ConsentScope.PROGRESS,
    "ladder_positions": ConsentScope.PROGRESS,
    "self_sufficiency_ratings": ConsentScope.PROGRESS,
    "questions": ConsentScope.QUESTIONS,
    "notes": ConsentScope.NOTES,
    # Only companions (kwartiermaker, ervaringsdeskundige) read the route besides the
    # person, and they record no requests: a copy by someone else never holds it.
    "route": None,
    "network_members": ConsentScope.NETWORK,
    "network_snapshots": ConsentScope.NETWORK,
    "circle_places": None,
    "consent_grants": None,
    "emergency_accesses": None,
    "rights_requests": None,
    "access_log": None,
    "account": None,
}
PARTS = list(PART_SCOPES)
ACCOUNT_FIELDS = ["username", "email", "first_name", "last_name", "role"]
ACCESS_LOG_LIMIT = 100_000  # in practice: all of it


def participant_export(
    *, participant: Participant, by: User, request: HttpRequest | None = None, file_format: str
) -> dict[str, Any]:
    """The participant's own download of everything, with its audit entry in the same
    transaction."""
    if not permissions.can_export_participant(by, participant):
        raise PermissionError("Only the participant downloads everything.")
    with transaction.atomic():
        data = participant_data(participant)
        audit_record(
            actor=by,
            action=AuditAction.EXPORT,
            obj=participant,
            fields=[f"export.{file_format}"],
            legal_basis=OWN_DATA,
            request=request,
        )
    return data


def rights_request_export(
    *,
    rights_request: RightsRequest,
    by: User,
    request: HttpRequest | None = None,
    file_format: str,
) -> dict[str, Any]:
    """A copy for the person, made by whoever recorded their request right before: only the
    parts whose consent scope opens them to ``by``. The audit entry names the request."""
    if not permissions.can_download_for_rights_request(by, rights_request):
        raise PermissionError("No recorded request to download for.")
    participant = rights_request.participant
    scopes = permissions.scopes_to_hand_over(by, participant)
    parts = [part for part, scope in PART_SCOPES.items() if scope is not None and scope in scopes]
    with transaction.atomic():
        data = participant_data(participant, parts=parts)
        data["made_for_request"] = {
            "asked_on": rights_request.asked_on,
            "channel_label": str(rights_request.get_channel_display()),
            "made_by": _person(by),
            "scopes": scopes,
            "scope_labels": [str(ConsentScope(scope).label) for scope in scopes],
        }
        if rights_request.carried_out_at is None:
            rights_request.status = RightsRequestStatus.CARRIED_OUT
            rights_request.carried_out_at = timezone.now()
            rights_request.save(update_fields=["status", "carried_out_at"])
        audit_record(
            actor=by,
            action=AuditAction.EXPORT,
            obj=participant,
            fields=[f"export.{file_format}", *scopes],
            legal_basis=rights_request_legal_basis(rights_request),
            request=request,
        )
    return data


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def participant_data(participant: Participant, *, parts: list[str] | None = None) -> dict[str, Any]:
    """What is stored about the participant: every part, or only ``parts``."""
    participant = Participant.objects.select_related("district", "user", "created_by").get(
        pk=participant.pk
    )
    parts = PARTS if parts is None else [part for part in PARTS if part in parts]
    data: dict[str, Any] = {"exported_at": timezone.localtime(), "parts": parts}
    for part in parts:
        data[part] = _GATHER[part](participant)
    if "notes" in parts and "questions" not in parts:
        # Which question a note is about belongs to the questions: not in a copy without them.
        for note in data["notes"]:
            note["about_question"] = ""
    return data


def _life_goals(participant: Participant) -> dict[str, Any]:
    return {
        "goals": list(participant.life_goals),
        "labels": [
            str(ParticipationGoal(goal).label) if goal in ParticipationGoal.values else goal
            for goal in participant.life_goals
        ],
    }


def _ladder_positions(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "step": position.step,
            "step_label": str(position.get_step_display()),
            "measured_on": position.measured_on,
            "recorded_by": _person(position.recorded_by),
        }
        for position in participant.ladder_positions.select_related("recorded_by").order_by(
            "measured_on", "pk"
        )
    ]


def _self_sufficiency_ratings(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "domain": rating.domain,
            "domain_label": str(rating.get_domain_display()),
            "score": rating.score,
            "score_label": str(rating.get_score_display()),
            "measured_on": rating.measured_on,
            "recorded_by": _person(rating.recorded_by),
        }
        for rating in participant.self_sufficiency_ratings.select_related("recorded_by").order_by(
            "measured_on", "domain", "pk"
        )
    ]


def _network_members(participant: Participant) -> list[dict[str, Any]]:
    return [
        _member(member)
        for member in participant.network_members.select_related(
            "organization", "user"
        ).in_map_order()
    ]


def _network_snapshots(participant: Participant) -> list[dict[str, Any]]:
    return [
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
    ]


def _notes(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "held_on": note.held_on,
            "asked": note.asked,
            "question_behind": note.question_behind,
            "about_question": note.question.case_number if note.question else "",
            "written_at": timezone.localtime(note.written_at),
            "written_by": note.writer_name,
            "written_by_role": note.written_by_role,
            "written_by_role_label": str(note.get_written_by_role_display()),
            "corrects": {
                "written_at": timezone.localtime(note.corrects.written_at),
                "written_by": note.corrects.writer_name,
            }
            if note.corrects
            else None,
        }
        for note in participant.notes.for_page().newest_first()
    ]


def _route(participant: Participant) -> list[dict[str, Any]]:
    """The visits of a kwartiermaker or ervaringsdeskundige (``outreach.Visit``)."""
    return [
        {
            "visited_on": visit.visited_on,
            "phase": visit.phase,
            "phase_label": str(visit.get_phase_display()),
            "note": visit.note,
            "written_by": _person(visit.written_by),
            "written_by_role_label": str(visit.get_written_by_role_display()),
        }
        for visit in participant.visits.select_related("written_by").order_by("-visited_on", "-pk")
    ]


def _circle_places(participant: Participant) -> list[dict[str, Any]]:
    """The telephone circles the person is (or was) in, with what the neighbours see."""
    return [
        {
            "circle": member.circle.name,
            "first_name": member.first_name,
            "phone": member.phone,
            "agreed_on": member.agreed_on,
            "joined_at": timezone.localtime(member.joined_at),
            "left_at": timezone.localtime(member.left_at) if member.left_at else None,
            "away": [
                {"from": absence.starts_on, "until": absence.ends_on}
                for absence in member.absences.order_by("starts_on")
            ],
        }
        for member in participant.circle_places.select_related("circle").order_by("joined_at")
    ]


def _consent_grants(participant: Participant) -> list[dict[str, Any]]:
    return [
        _grant(grant, current=current)
        for current in (True, False)
        for grant in selectors.consent_overview(participant, current=current)
    ]


def _emergency_accesses(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "by": _person(access.user),
            "reason": access.reason,
            "started_at": timezone.localtime(access.started_at),
            "ends_at": timezone.localtime(access.ends_at),
        }
        for access in participant.emergency_accesses.select_related("user").order_by(
            "started_at", "pk"
        )
    ]


def _rights_requests(participant: Participant) -> list[dict[str, Any]]:
    return [
        {
            "kind": item.kind,
            "kind_label": str(item.get_kind_display()),
            "asked_on": item.asked_on,
            "channel": item.channel,
            "channel_label": str(item.get_channel_display()),
            "recorded_by": _person(item.recorded_by),
            "recorded_at": timezone.localtime(item.recorded_at),
            "status": item.status,
            "status_label": str(item.get_status_display()),
            "carried_out_at": _local(item.carried_out_at),
            "decided_by": _person(item.decided_by),
            "decided_at": _local(item.decided_at),
            "decline_reason": item.decline_reason,
            "decline_reason_label": str(item.get_decline_reason_display())
            if item.decline_reason
            else "",
        }
        for item in participant.rights_requests.select_related(
            "recorded_by", "decided_by"
        ).order_by("recorded_at", "pk")
    ]


def _access_log(participant: Participant) -> list[dict[str, Any]]:
    return [
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
    ]


def _record(participant: Participant) -> dict[str, Any]:
    return {
        "id": participant.pk,
        "name": participant.name,
        "district": str(participant.district) if participant.district else "",
        "home_postcode": participant.home_postcode,
        "preferred_language": participant.preferred_language,
        "preferred_language_label": str(participant.get_preferred_language_display()),
        "contact_route": participant.contact_route,
        "contact_route_label": str(participant.get_contact_route_display()),
        "contact_detail": participant.contact_detail,
        "news_mail_opt_in": participant.news_mail_opt_in,
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


def _local(moment):
    return timezone.localtime(moment) if moment else None


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


def _account_of(participant: Participant) -> dict[str, Any] | None:
    return _account(participant.user)


_GATHER = {
    "record": _record,
    "life_goals": _life_goals,
    "ladder_positions": _ladder_positions,
    "self_sufficiency_ratings": _self_sufficiency_ratings,
    "questions": questions_data,
    "notes": _notes,
    "route": _route,
    "network_members": _network_members,
    "network_snapshots": _network_snapshots,
    "circle_places": _circle_places,
    "consent_grants": _consent_grants,
    "emergency_accesses": _emergency_accesses,
    "rights_requests": _rights_requests,
    "access_log": _access_log,
    "account": _account_of,
}
