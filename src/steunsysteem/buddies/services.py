"""Writes for maatjes. Each runs in one transaction with its audit entry; mail goes out after
the commit and never holds a name or anything about the person (``notifications``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope, ConsentSource, Role
from steunsysteem.accounts.services import ConsentError, consent_grant, latest_consent_end
from steunsysteem.accounts.services.consent import consent_withdraw
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.services import network_member_add
from steunsysteem.participants.constants import Language

from . import notifications
from .constants import (
    CHECK_IN_AFTER,
    EndReason,
    Interest,
    MatchStatus,
    Side,
    Weekday,
)
from .matching import score
from .models import BuddyRequest, CheckIn, Match, ProjectCoordinator, VolunteerProfile

if TYPE_CHECKING:
    import datetime as dt

    from django.http import HttpRequest

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Organization
    from steunsysteem.questions.models import Question


class BuddyError(Exception):
    """A step with a match or a volunteer that cannot be taken; the message says why."""


PROFILE_FIELDS: tuple[str, ...] = (
    "phone",
    "interests",
    "postcode",
    "district",
    "days",
    "times",
    "languages",
    "does_not_want",
    "is_available",
)
SCREENING_FIELDS = ("intake_on", "vog_checked_on")


def _choices(values: Iterable[str], choices, what: str) -> list[str]:
    values = sorted(set(values))
    if any(value not in choices.values for value in values):
        raise BuddyError(_("Unknown %(what)s.") % {"what": what})
    return values


def _clean_profile(values: dict[str, Any], *, screening: bool) -> dict[str, Any]:
    allowed = PROFILE_FIELDS + (SCREENING_FIELDS if screening else ())
    unknown = set(values) - set(allowed)
    if unknown:
        raise BuddyError(_("You cannot change: %(fields)s.") % {"fields": ", ".join(unknown)})
    cleaned = dict(values)
    for name, choices in (("interests", Interest), ("days", Weekday), ("languages", Language)):
        if name in cleaned:
            cleaned[name] = _choices(cleaned[name], choices, name)
    today = timezone.localdate()
    for name in SCREENING_FIELDS:
        if cleaned.get(name) and cleaned[name] > today:
            raise BuddyError(_("A screening date cannot lie in the future."))
    return cleaned


def project_coordinator_link(
    *, user: User, project: Organization, by: User, request: HttpRequest | None = None
) -> ProjectCoordinator:
    """Name ``user`` coordinator of the maatjesproject ``project``."""
    if not permissions.can_link_buddy_coordinator(by):
        raise BuddyError(_("You cannot name coordinators of a maatjesproject."))
    if user.role not in permissions.BUDDY_PROJECT_COORDINATOR_ROLES:
        raise BuddyError(_("Only a coordinator or a provider editor can run a maatjesproject."))
    with transaction.atomic():
        link, _created = ProjectCoordinator.objects.get_or_create(user=user, project=project)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=link,
            fields=["user", "project"],
            request=request,
        )
    return link


def volunteer_register(
    *,
    project: Organization,
    user: User,
    by: User,
    request: HttpRequest | None = None,
    **values: Any,
) -> VolunteerProfile:
    """The project's coordinator registers a volunteer of the project (an account with the
    volunteer role, working for the project's organisation)."""
    if not permissions.can_register_volunteer(by, project):
        raise BuddyError(_("You cannot register volunteers for this maatjesproject."))
    if user.role != Role.VOLUNTEER or not user.organizations.filter(pk=project.pk).exists():
        raise BuddyError(_("Choose a volunteer account of this maatjesproject."))
    if VolunteerProfile.objects.filter(user=user).exists():
        raise BuddyError(_("This volunteer already has a profile."))
    values = _clean_profile(values, screening=True)
    now = timezone.now()
    with transaction.atomic():
        profile = VolunteerProfile.objects.create(
            user=user, project=project, created_at=now, updated_at=now, **values
        )
        audit_record(
            actor=by, action=AuditAction.CREATE, obj=profile, fields=sorted(values), request=request
        )
    return profile


def volunteer_update(
    *, profile: VolunteerProfile, by: User, request: HttpRequest | None = None, **values: Any
) -> VolunteerProfile:
    """The coordinator edits a profile; the volunteer corrects their own (not the screening
    dates)."""
    if not permissions.can_edit_volunteer_profile(by, profile):
        raise BuddyError(_("You cannot change this profile."))
    screening = permissions.can_edit_volunteer_screening(by, profile)
    values = _clean_profile(values, screening=screening)
    with transaction.atomic():
        profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
        changed = [name for name, value in values.items() if getattr(profile, name) != value]
        for name, value in values.items():
            setattr(profile, name, value)
        profile.updated_at = timezone.now()
        profile.save()
        audit_record(
            actor=by, action=AuditAction.UPDATE, obj=profile, fields=changed, request=request
        )
    return profile


def buddy_request_create(
    *,
    question: Question,
    project: Organization,
    interests: Iterable[str],
    days: Iterable[str] = (),
    by: User,
    request: HttpRequest | None = None,
) -> BuddyRequest:
    """Send the wish for a buddy from ``question`` to a maatjesproject. Its coordinator then
    sees the person's name, district, language and this wish (not the question's text)."""
    if not permissions.can_ask_for_buddy(by, question):
        raise BuddyError(_("You cannot ask for a buddy for this question."))
    if not project.buddy_coordinators.exists():
        raise BuddyError(_("This organisation does not run a maatjesproject here."))
    interests = _choices(interests, Interest, "interest")
    if not interests:
        raise BuddyError(_("Choose at least one thing the person would like to do."))
    if question.buddy_requests.filter(project=project, closed_at__isnull=True).exists():
        raise BuddyError(_("This wish was already sent to this maatjesproject."))
    with transaction.atomic():
        buddy_request = BuddyRequest.objects.create(
            question=question,
            project=project,
            interests=interests,
            days=_choices(days, Weekday, "day"),
            created_at=timezone.now(),
            created_by=by,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=question.participant,
            fields=["buddies.request"],
            request=request,
        )
        notifications.tell_coordinators(project)
    return buddy_request


def match_propose(
    *,
    buddy_request: BuddyRequest,
    volunteer: VolunteerProfile,
    by: User,
    request: HttpRequest | None = None,
) -> Match:
    """The coordinator proposes a volunteer; both sides are asked. Nothing is shared yet."""
    if not permissions.can_propose_match(by, buddy_request):
        raise BuddyError(_("You cannot propose a match for this wish."))
    if volunteer.project_id != buddy_request.project_id or not volunteer.is_screened:
        raise BuddyError(
            _("Choose a volunteer of this project whose intake and VOG check are done.")
        )
    if buddy_request.matches.open().filter(volunteer=volunteer).exists():
        raise BuddyError(_("This volunteer was already proposed for this wish."))
    reasons = score(buddy_request, volunteer).reasons
    with transaction.atomic():
        match = Match.objects.create(
            request=buddy_request,
            volunteer=volunteer,
            reasons=[str(reason) for reason in reasons],
            proposed_at=timezone.now(),
            proposed_by=by,
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=buddy_request.participant,
            fields=["buddies.match"],
            legal_basis=f"buddy_request:{buddy_request.pk}",
            request=request,
        )
        notifications.tell_both_sides(match)
    return match


def _locked(match: Match) -> Match:
    return (
        Match.objects.select_for_update()
        .select_related("request__question__participant", "volunteer__user", "request__project")
        .get(pk=match.pk)
    )


def match_answer_for_participant(
    *,
    match: Match,
    yes: bool,
    by: User,
    in_network: bool = True,
    request: HttpRequest | None = None,
) -> Match:
    """The person (or their representative) says yes or no to the proposed volunteer, and
    whether the volunteer shows in their network."""
    with transaction.atomic():
        match = _locked(match)
        if not permissions.can_answer_match_for_participant(by, match):
            raise BuddyError(_("You cannot answer this proposal."))
        if yes:
            match.participant_yes_at = timezone.now()
            match.participant_answered_by = by
            match.in_network = in_network
        else:
            match.status = MatchStatus.DECLINED
            match.declined_by_side = Side.PARTICIPANT
        match.save()
        _audit_answer(match, by=by, request=request)
        return _start_when_both_said_yes(match, request=request)


def match_answer_as_volunteer(
    *, match: Match, yes: bool, by: User, request: HttpRequest | None = None
) -> Match:
    with transaction.atomic():
        match = _locked(match)
        if not permissions.can_answer_match_as_volunteer(by, match):
            raise BuddyError(_("You cannot answer this proposal."))
        if yes:
            match.volunteer_yes_at = timezone.now()
        else:
            match.status = MatchStatus.DECLINED
            match.declined_by_side = Side.VOLUNTEER
        match.save()
        _audit_answer(match, by=by, request=request)
        return _start_when_both_said_yes(match, request=request)


def _audit_answer(match: Match, *, by: User, request) -> None:
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=match.participant,
        fields=["buddies.match.answer"],
        legal_basis=f"buddy_match:{match.pk}",
        request=request,
    )


def _start_when_both_said_yes(match: Match, *, request) -> Match:
    """Both said yes: the match starts today. The person's consent that the volunteer sees
    their basic details (only that scope) is recorded now, as given by whoever said yes for
    the person; the volunteer joins the person's network unless the person chose not to."""
    if match.status != MatchStatus.PROPOSED or not (
        match.participant_yes_at and match.volunteer_yes_at
    ):
        return match
    participant = match.participant
    answered_by = match.participant_answered_by
    assert answered_by is not None  # set with participant_yes_at (match_answer_for_participant)
    source = (
        ConsentSource.PORTAL
        if participant.user_id and participant.user_id == answered_by.pk
        else ConsentSource.REPRESENTATIVE
    )
    volunteer_user = match.volunteer.user
    try:
        grants = consent_grant(
            participant=participant,
            grantee=volunteer_user,
            scopes=[ConsentScope.PROFILE],
            ends_on=latest_consent_end(),
            source=source,
            by=answered_by,
            request=request,
        )
    except ConsentError as error:
        raise BuddyError(str(error)) from error
    match.consent = grants[0]
    match.status = MatchStatus.ACTIVE
    match.started_on = timezone.localdate()
    if match.in_network:
        match.network_member = network_member_add(
            participant=participant,
            by=answered_by,
            request=request,
            name=volunteer_user.first_name or volunteer_user.get_username(),
            organization=match.request.project,
            relation=Relation.VOLUNTEER,
            circle=Circle.MIDDLE,
            known_since=match.started_on,
        )
    match.save()
    BuddyRequest.objects.filter(pk=match.request_id).update(closed_at=timezone.now())
    audit_record(
        actor=answered_by,
        action=AuditAction.UPDATE,
        obj=participant,
        fields=["buddies.match.status"],
        legal_basis=f"buddy_match:{match.pk}",
        request=request,
    )
    notifications.tell_match_started(match)
    return match


def match_end(*, match: Match, reason: str, by: User, request: HttpRequest | None = None) -> Match:
    """The coordinator ends the match (or withdraws a proposal) with a reason. The
    volunteer's consent for the person's basic details ends with it; contact details are no
    longer shown."""
    if reason not in EndReason.values:
        raise BuddyError(_("Choose why the match ends."))
    with transaction.atomic():
        match = _locked(match)
        if not permissions.can_end_match(by, match):
            raise BuddyError(_("You cannot end this match."))
        grant = match.consent
        match.status = MatchStatus.ENDED
        match.end_reason = reason
        match.ended_on = timezone.localdate()
        match.ended_by = by
        match.save()
        if grant is not None and grant.withdrawn_at is None:
            consent_withdraw(grant=grant, by=by, request=request)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=match.participant,
            fields=["buddies.match.status", "buddies.match.end_reason"],
            legal_basis=f"buddy_match:{match.pk}",
            request=request,
        )
    return match


def check_ins_ask(*, today: dt.date | None = None) -> int:
    """Ask both sides of every running match "how is it going?" once a check-in moment is
    due (6 weeks, 3 months): a row on their page and a mail without content. Returns how many
    were asked; asking again asks nothing twice."""
    today = today or timezone.localdate()
    asked = 0
    for match in Match.objects.active().select_related(
        "volunteer__user", "request__question__participant__user"
    ):
        for moment, after in CHECK_IN_AFTER.items():
            if match.started_on + after > today:
                continue
            with transaction.atomic():
                for side in Side.values:
                    _check_in, created = CheckIn.objects.get_or_create(
                        match=match,
                        moment=moment,
                        side=side,
                        defaults={"asked_at": timezone.now()},
                    )
                    if created:
                        asked += 1
                        notifications.ask_check_in(match, side)
    return asked


def check_in_answer(
    *,
    check_in: CheckIn,
    goes_well: bool,
    concern: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> CheckIn:
    """One side answers. What is wrong goes to the project's coordinator only; they get a
    mail without content when something is."""
    concern = concern.strip()
    with transaction.atomic():
        check_in = (
            CheckIn.objects.select_for_update()
            .select_related(
                "match__request__project",
                "match__volunteer",
                "match__request__question__participant",
            )
            .get(pk=check_in.pk)
        )
        if not permissions.can_answer_buddy_check_in(by, check_in):
            raise BuddyError(_("You cannot answer this question."))
        check_in.goes_well = goes_well
        check_in.concern = concern
        check_in.answered_at = timezone.now()
        check_in.answered_by = by
        check_in.save()
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=check_in.match.participant,
            fields=["buddies.check_in"],
            legal_basis=f"buddy_match:{check_in.match_id}",
            request=request,
        )
        if not goes_well or concern:
            notifications.tell_coordinators(check_in.match.request.project)
    return check_in
