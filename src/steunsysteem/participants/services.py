"""Writes for participants. Each runs in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope, Role
from steunsysteem.accounts.models import Invitation, User
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.accounts.services import consent_grant, invitation_issue
from steunsysteem.outbox.services import mail_forget, mail_queue

from .constants import (
    DeclineReason,
    RequestChannel,
    RightsRequestKind,
    RightsRequestStatus,
)
from .models import (
    ErasureRecord,
    LadderPosition,
    Participant,
    RightsRequest,
    SelfSufficiencyRating,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.services.consent import Grantee
    from steunsysteem.directory.models import District
    from steunsysteem.worktables.models import Worktable

PROFILE_FIELDS = [
    "name",
    "district",
    "home_postcode",
    "preferred_language",
    "contact_route",
    "contact_detail",
]


def participant_register(
    *,
    name: str,
    district: District | None,
    preferred_language: str,
    contact_route: str,
    contact_detail: str = "",
    home_postcode: str = "",
    consent_to: Grantee,
    consent_scopes: Iterable[str],
    consent_ends_on: dt.date,
    consent_source: str,
    by: User,
    questions_to_worktable: Worktable | None = None,
    request: HttpRequest | None = None,
) -> Participant:
    """A professional registers someone without an account, with the consent they obtained.

    Without consent there is no record: the grant is what lets the professional (or their
    organisation) see the person afterwards. With ``questions_to_worktable`` the person also
    lets that werktafel (of their district) see their questions, from the same end date and
    source; that grant follows the usual rule: for a table the professional sits at herself
    it waits for a second yes, for another table it counts at once. All or nothing.
    """
    with transaction.atomic():
        participant = _create(
            by=by,
            request=request,
            name=name,
            district=district,
            preferred_language=preferred_language,
            contact_route=contact_route,
            contact_detail=contact_detail,
            home_postcode=home_postcode,
        )
        consent_grant(
            participant=participant,
            grantee=consent_to,
            scopes=consent_scopes,
            ends_on=consent_ends_on,
            source=consent_source,
            by=by,
            request=request,
            registering=True,
        )
        if questions_to_worktable is not None:
            consent_grant(
                participant=participant,
                grantee=questions_to_worktable,
                scopes=[ConsentScope.QUESTIONS],
                ends_on=consent_ends_on,
                source=consent_source,
                by=by,
                request=request,
            )
    return participant


def participant_start_own_record(
    *,
    user: User,
    name: str,
    district: District | None,
    preferred_language: str,
    contact_route: str,
    contact_detail: str = "",
    home_postcode: str = "",
    request: HttpRequest | None = None,
) -> Participant:
    """A participant with an account starts their own page; only they can see it yet."""
    return _create(
        by=user,
        request=request,
        legal_basis=OWN_DATA,
        user=user,
        name=name,
        district=district,
        preferred_language=preferred_language,
        contact_route=contact_route,
        contact_detail=contact_detail,
        home_postcode=home_postcode,
    )


class NoAddressForInvitation(Exception):
    """The person gave no e-mail address to be reached at, so no invitation can go out."""

    message = _(
        "No invitation was sent: this person's details have no e-mail address to get in touch by."
    )


def participant_account_invite(
    *, participant: Participant, by: User, request: HttpRequest | None = None
) -> Invitation:
    """Invite the person to an account of their own that opens their page, at the e-mail
    address they gave to be reached at (never one typed in for the occasion). A new
    invitation replaces the one still open; the mail names no one."""
    if not permissions.can_invite_to_own_account(by, participant):
        raise PermissionDenied
    if not participant.contact_email:
        raise NoAddressForInvitation()
    if User.objects.filter(email__iexact=participant.contact_email).exists():
        raise ValidationError(
            _("There is already an account with this e-mail address."), code="account_exists"
        )
    with transaction.atomic():
        replaced = participant.account_invitations.filter(accepted_at__isnull=True)
        for old in replaced:
            audit_record(actor=by, action=AuditAction.DELETE, obj=old, request=request)
        replaced.delete()
        invitation = invitation_issue(
            email=participant.contact_email, role=Role.PARTICIPANT, by=by, participant=participant
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=invitation,
            fields=["email", "role", "participant"],
            legal_basis=permissions.participant_access(
                by, participant, ConsentScope.PROFILE
            ).legal_basis,
            request=request,
        )
    return invitation


@transaction.atomic
def participant_details_change(
    *, participant: Participant, by: User, request: HttpRequest | None = None, **values
) -> list[str]:
    """Change the basic details given in ``values`` (keys from ``PROFILE_FIELDS``); returns the
    names of the fields that really changed (recorded in the audit trail; nothing if none)."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not basic details: {sorted(unknown)}")
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = [field for field, value in values.items() if getattr(participant, field) != value]
    if not changed:
        return []
    for field in changed:
        setattr(participant, field, values[field])
    participant.save(update_fields=changed)
    access = permissions.participant_access(by, participant, ConsentScope.PROFILE)
    audit_record(
        actor=by,
        action=AuditAction.UPDATE,
        obj=participant,
        fields=changed,
        legal_basis=access.legal_basis,
        request=request,
    )
    return changed


@transaction.atomic
def _create(
    *, by: User, request: HttpRequest | None, legal_basis: str = "", **fields
) -> Participant:
    participant = Participant.objects.create(created_by=by, **fields)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=participant,
        fields=[field for field in PROFILE_FIELDS if getattr(participant, field)],
        legal_basis=legal_basis,
        request=request,
    )
    return participant


class ProgressError(Exception):
    """A step or score that cannot be recorded; the message says why."""


def participant_goals_set(
    *, participant: Participant, goals: Iterable[str], by: User, request: HttpRequest | None = None
) -> Participant:
    """What matters to the person: the participatiewiel goals they want to work on."""
    from steunsysteem.directory.constants import ParticipationGoal

    goals = sorted(set(goals))
    if any(goal not in ParticipationGoal.values for goal in goals):
        raise ProgressError(_("Unknown goal."))
    with transaction.atomic():
        participant.life_goals = goals
        participant.save(update_fields=["life_goals"])
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=participant,
            fields=["life_goals"],
            request=request,
        )
    return participant


def ladder_position_record(
    *,
    participant: Participant,
    step: int,
    measured_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> LadderPosition:
    """Where on the participatieladder the person stands on ``measured_on``."""
    if measured_on > timezone.localdate():
        raise ProgressError(_("The date cannot be in the future."))
    with transaction.atomic():
        position = LadderPosition.objects.create(
            participant=participant, step=step, measured_on=measured_on, recorded_by=by
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=["progress.ladder_step"],
            request=request,
        )
    return position


def self_sufficiency_record(
    *,
    participant: Participant,
    scores: dict[str, int],
    measured_on: dt.date,
    by: User,
    request: HttpRequest | None = None,
) -> list[SelfSufficiencyRating]:
    """Zelfredzaamheid-Matrix scores on one date, for the domains that were talked about.

    A domain scored again on the same date replaces that day's score.
    """
    if measured_on > timezone.localdate():
        raise ProgressError(_("The date cannot be in the future."))
    if not scores:
        raise ProgressError(_("Give a score for at least one life domain."))
    with transaction.atomic():
        ratings = [
            SelfSufficiencyRating.objects.update_or_create(
                participant=participant,
                domain=domain,
                measured_on=measured_on,
                defaults={"score": score, "recorded_by": by},
            )[0]
            for domain, score in sorted(scores.items())
        ]
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=[f"progress.{domain}" for domain in scores],
            request=request,
        )
    return ratings


class RightsRequestError(Exception):
    """A rights request that cannot be recorded or carried out; the message says why."""


def participant_erase(
    *, participant: Participant, by: User, request: HttpRequest | None = None
) -> ErasureRecord:
    """The participant erases everything stored about them (AVG art. 17).

    Only the participant themselves: on someone else's behalf erasure goes through a
    recorded request and a second person (``rights_request_approve``).
    """
    if not permissions.can_erase_participant(by, participant):
        raise RightsRequestError(
            _("Only the person can erase their data here. Record their request instead.")
        )
    return _erase(participant=participant, by=by, legal_basis=OWN_DATA, request=request)


def _erase(
    *,
    participant: Participant,
    by: User,
    legal_basis: str,
    rights_request: RightsRequest | None = None,
    request: HttpRequest | None = None,
) -> ErasureRecord:
    """Erase everything stored about a participant, at their request.

    Deleted: the record, life goals, ladder positions, scores, network members, the members
    copied into snapshots, questions, consent grants, emergency accesses and rights
    requests. Kept for the monitor: the snapshots' names-free counts with their district
    (their participant becomes empty). Their own account is anonymised and closed rather
    than deleted, so its id is never given to someone else and the audit trail's actor ids
    keep pointing at "an erased account" (the trail itself is never changed; it holds ids,
    not names). What remains is an ``ErasureRecord``: when, by which role, who held consent
    then (so they can be told), and for a request someone else recorded: its id, when and
    how the person asked, and the ids of the two users who recorded and approved it.
    """
    from steunsysteem.networks.models import SnapshotMember

    with transaction.atomic():
        grants = list(participant.consent_grants.active())
        record = ErasureRecord.objects.create(
            participant_id=participant.pk,
            erased_at=timezone.now(),
            erased_by_role=by.role,
            district_id=participant.district_id,
            consent_user_ids=_ids(grant.grantee_user_id for grant in grants),
            consent_organization_ids=[
                str(pk) for pk in _ids(grant.grantee_organization_id for grant in grants)
            ],
            consent_worktable_ids=_ids(grant.grantee_worktable_id for grant in grants),
            **_request_facts(rights_request, approved_by=by),
        )
        audit_record(
            actor=by,
            action=AuditAction.ERASE,
            obj=participant,
            legal_basis=legal_basis,
            request=request,
        )
        user = participant.user
        mail_forget(addresses=[participant.contact_detail, user.email if user else ""])
        _admin_log_forget(participant)
        SnapshotMember.objects.filter(snapshot__participant=participant).delete()
        participant.delete()  # cascades; snapshots are kept with participant set to NULL
        if user is not None:
            _account_anonymise(user)
    return record


def _request_facts(rights_request: RightsRequest | None, *, approved_by: User) -> dict:
    if rights_request is None:
        return {}
    return {
        "rights_request_id": rights_request.pk,
        "requested_on": rights_request.asked_on,
        "request_channel": rights_request.channel,
        "request_recorded_by_user_id": rights_request.recorded_by_id,
        "request_approved_by_user_id": approved_by.pk,
    }


def _ids(values: Iterable) -> list:
    return sorted({value for value in values if value is not None}, key=str)


def _account_anonymise(user: User) -> None:
    """Close the participant's own account and remove everything that names them."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from steunsysteem.accounts.models import Invitation, UserSession
    from steunsysteem.core.login_lockout import username_key

    old_username, old_email = user.get_username(), user.email
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in UserSession.objects.filter(user=user):
        store(session_key=session.session_key).delete(session.session_key)
    UserSession.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    invitations = Invitation.objects.filter(user=user)
    if old_email:
        invitations = invitations | Invitation.objects.filter(email__iexact=old_email)
    invitations.delete()
    AccessAttempt.objects.filter(username=username_key(old_username)).delete()
    _admin_log_forget(user)
    user.username = f"verwijderd-{secrets.token_hex(5)}"
    user.email = user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.save()


def _admin_log_forget(obj) -> None:
    """The admin site's own change log names the object in ``object_repr``."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).delete()


# Rights requests: someone else records the person's request -----------------------------------

RIGHTS_REQUEST_FIELDS = ["rights_requests"]


def rights_request_record(
    *,
    participant: Participant,
    kind: str,
    asked_on: dt.date,
    channel: str,
    by: User,
    request: HttpRequest | None = None,
) -> RightsRequest:
    """Record that the person asked ``by`` for a copy of their data or for erasure.

    ``by`` needs consent-based access to the person's basic details (for erasure: consent to
    them personally). The person is told by mail when they have an account; a request to
    erase then waits for a second person.
    """
    if kind not in RightsRequestKind.values:
        raise RightsRequestError(_("Choose what the person asked for."))
    if channel not in RequestChannel.values:
        raise RightsRequestError(_("Say how the person asked."))
    if asked_on > timezone.localdate():
        raise RightsRequestError(_("The date cannot be in the future."))
    if not permissions.can_record_rights_request(by, participant):
        raise RightsRequestError(_("You cannot record a request for this person."))
    if kind == RightsRequestKind.ERASURE and not permissions.can_record_erasure_request(
        by, participant
    ):
        raise RightsRequestError(
            _(
                "A request to erase can only be recorded by someone to whom the person gave"
                " consent personally."
            )
        )
    with transaction.atomic():
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        if (
            kind == RightsRequestKind.ERASURE
            and participant.rights_requests.erasures().open().exists()
        ):
            raise RightsRequestError(
                _("A request to erase is already waiting for a second person.")
            )
        rights_request = RightsRequest.objects.create(
            participant=participant,
            kind=kind,
            asked_on=asked_on,
            channel=channel,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=RIGHTS_REQUEST_FIELDS,
            legal_basis=permissions.rights_request_basis(by, participant),
            request=request,
        )
        _tell_participant(participant)
    return rights_request


def rights_request_approve(
    *, rights_request: RightsRequest, by: User, request: HttpRequest | None = None
) -> ErasureRecord:
    """The second person approves a request to erase: the erasure runs now, in their name,
    with the request as its legal basis."""
    with transaction.atomic():
        rights_request = _open_for_update(rights_request)
        if not permissions.can_approve_rights_request(by, rights_request):
            raise RightsRequestError(
                _("Someone else than the person who recorded the request must approve it.")
            )
        return _erase(
            participant=rights_request.participant,
            by=by,
            legal_basis=rights_request_legal_basis(rights_request),
            rights_request=rights_request,
            request=request,
        )


def rights_request_decline(
    *, rights_request: RightsRequest, reason: str, by: User, request: HttpRequest | None = None
) -> RightsRequest:
    """A request to erase is not carried out, for a reason the person sees on their page."""
    if reason not in DeclineReason.values:
        raise RightsRequestError(_("Choose why the request is not carried out."))
    with transaction.atomic():
        rights_request = _open_for_update(rights_request)
        if not permissions.can_decline_rights_request(by, rights_request):
            raise RightsRequestError(_("You cannot decide on this request."))
        _decide(rights_request, RightsRequestStatus.DECLINED, by=by, reason=reason)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=rights_request.participant,
            fields=RIGHTS_REQUEST_FIELDS,
            legal_basis=rights_request_legal_basis(rights_request),
            request=request,
        )
        _tell_participant(rights_request.participant)
    return rights_request


def rights_request_stop(
    *, rights_request: RightsRequest, by: User, request: HttpRequest | None = None
) -> RightsRequest:
    """The participant stops a request to erase that someone else recorded for them."""
    with transaction.atomic():
        rights_request = _open_for_update(rights_request)
        if not permissions.can_stop_rights_request(by, rights_request):
            raise RightsRequestError(_("Only the person can stop this request."))
        _decide(rights_request, RightsRequestStatus.STOPPED, by=by)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=rights_request.participant,
            fields=RIGHTS_REQUEST_FIELDS,
            legal_basis=OWN_DATA,
            request=request,
        )
    return rights_request


def rights_request_legal_basis(rights_request: RightsRequest) -> str:
    """How the audit trail names a request: what was done for the person rests on it."""
    return f"rights_request:{rights_request.pk}"


def _open_for_update(rights_request: RightsRequest) -> RightsRequest:
    """The request, locked until the transaction ends, or an error when it is decided."""
    locked = RightsRequest.objects.select_for_update().filter(pk=rights_request.pk).first()
    if locked is None or not locked.is_open:
        raise RightsRequestError(_("This request has already been dealt with."))
    locked.participant = Participant.objects.select_related("user").get(pk=locked.participant_id)
    return locked


def _decide(rights_request: RightsRequest, status: str, *, by: User, reason: str = "") -> None:
    rights_request.status = status
    rights_request.decided_by = by
    rights_request.decided_at = timezone.now()
    rights_request.decline_reason = reason
    rights_request.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])


def _tell_participant(participant: Participant) -> None:
    """One mail, after commit, that something changed on their rights page: a link and no
    names, no content. Only for a participant with an account and an e-mail address."""
    user = participant.user
    if user is None or not user.is_active or not user.email:
        return
    languages = dict(settings.LANGUAGES)
    language = participant.preferred_language
    with translation.override(language if language in languages else settings.LANGUAGE_CODE):
        link = settings.SITE_URL.rstrip("/") + reverse(
            "participants:my_data", args=[participant.pk]
        )
        mail_queue(
            to=[user.email],
            subject=str(_("Something changed on your page")),
            body=render_to_string(
                "participants/rights_changed_email.txt",
                {"link": link, "site_name": settings.SITE_NAME},
            ),
        )
