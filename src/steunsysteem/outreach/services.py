"""Writes for kwartiermaken. Each runs in one transaction with its audit entry, which names
the fields written, never their text. A proposal to the sociale kaart goes through the
directory's own change requests: a coordinator reviews it like any editor's proposal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.directory import services as directory_services
from steunsysteem.directory.constants import AccessFeature, ChangeRequestStatus

from .constants import TEXT_MAX_LENGTH, VISIT_NOTE_MAX_LENGTH, Phase
from .models import Approach, Conversation, FeatureProposal, Visit

if TYPE_CHECKING:
    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Organization, Service
    from steunsysteem.participants.models import Participant


class OutreachError(Exception):
    """A write that cannot be done; the message says why."""


def _not_in_future(day: dt.date, message: str) -> None:
    if day > timezone.localdate():
        raise OutreachError(message)


def visit_record(
    *, participant: Participant, phase: str, visited_on: dt.date, note: str, by: User
) -> Visit:
    """A kwartiermaker or ervaringsdeskundige writes down a visit on the person's route, only
    while the person's consent for notes is in force for them (``can_keep_route``)."""
    if not permissions.can_keep_route(by, participant):
        raise OutreachError(_("You cannot keep a route for this person."))
    if phase not in Phase.values:
        raise OutreachError(_("Choose a phase."))
    note = note.strip()
    if len(note) > VISIT_NOTE_MAX_LENGTH:
        raise OutreachError(
            _("Keep the note short: at most %(max)s characters.") % {"max": VISIT_NOTE_MAX_LENGTH}
        )
    _not_in_future(visited_on, _("The visit cannot be in the future."))
    with transaction.atomic():
        visit = Visit.objects.create(
            participant=participant,
            phase=phase,
            visited_on=visited_on,
            note=note,
            written_by=by,
            written_by_role=by.role,
            written_at=timezone.now(),
        )
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=participant,
            fields=["route.phase", "route.visited_on"] + (["route.note"] if note else []),
            legal_basis=permissions.participant_access(
                by, participant, ConsentScope.NOTES
            ).legal_basis,
        )
    return visit


def approach_start(*, organization: Organization, started_on: dt.date, by: User) -> Approach:
    """A kwartiermaker starts the register entry of an organisation they approach."""
    if not permissions.can_do_kwartiermaken(by):
        raise OutreachError(_("Only a kwartiermaker approaches organisations."))
    _not_in_future(started_on, _("The first contact cannot be in the future."))
    if Approach.objects.filter(organization=organization, kwartiermaker=by).exists():
        raise OutreachError(_("You approached this organisation already: open it in the list."))
    with transaction.atomic():
        approach = Approach.objects.create(
            organization=organization, kwartiermaker=by, started_on=started_on
        )
        audit_record(actor=by, action=AuditAction.CREATE, obj=approach, fields=["organization"])
    return approach


def conversation_record(
    *,
    approach: Approach,
    held_on: dt.date,
    agreed: str,
    by: User,
    spoke_with: str = "",
    ggz_friendly: bool | None = None,
    contact_person: str | None = None,
    first_visit_on: dt.date | None = None,
) -> Conversation:
    """Record a conversation with the organisation and what came of it; the agreements on
    accessibility (ggz-vriendelijk, a contact person, a first visit together) are kept on
    the approach, as they stand after this conversation."""
    if not permissions.can_edit_approach(by, approach):
        raise OutreachError(_("Only the kwartiermaker who approached them records this."))
    agreed = agreed.strip()
    if not agreed:
        raise OutreachError(_("Write down what was agreed."))
    if len(agreed) > TEXT_MAX_LENGTH:
        raise OutreachError(_("Write at most %(max)s characters.") % {"max": TEXT_MAX_LENGTH})
    _not_in_future(held_on, _("The conversation cannot be in the future."))
    changed = []
    with transaction.atomic():
        conversation = Conversation.objects.create(
            approach=approach,
            held_on=held_on,
            spoke_with=spoke_with.strip(),
            agreed=agreed,
            written_by=by,
            written_at=timezone.now(),
        )
        for field, value in (
            ("ggz_friendly", ggz_friendly),
            ("contact_person", contact_person.strip() if contact_person is not None else None),
            ("first_visit_on", first_visit_on),
        ):
            if value is not None and getattr(approach, field) != value:
                setattr(approach, field, value)
                changed.append(field)
        if changed:
            approach.save(update_fields=changed)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=approach,
            fields=["conversation.held_on", "conversation.agreed", *changed],
        )
    return conversation


def features_agreed(approach: Approach) -> list[str]:
    """The accessibility features the agreements so far support."""
    return [AccessFeature.GGZ_FRIENDLY] if approach.ggz_friendly else []


def features_propose(
    *, approach: Approach, service: Service, features: list[str], by: User
) -> FeatureProposal:
    """Propose the agreed accessibility features for one of the organisation's entries. The
    proposal is an ordinary change request: a coordinator approves it in "Te beoordelen",
    and only then does the public entry show them."""
    if not permissions.can_edit_approach(by, approach):
        raise OutreachError(_("Only the kwartiermaker who approached them proposes this."))
    if service.organization_id != approach.organization_id:
        raise OutreachError(_("Choose one of this organisation's entries."))
    features = sorted(set(features))
    if not features or any(feature not in AccessFeature.values for feature in features):
        raise OutreachError(_("Choose at least one feature."))
    if AccessFeature.GGZ_FRIENDLY in features and not approach.ggz_friendly:
        raise OutreachError(
            _("Record first, with a conversation, that the organisation agreed to this.")
        )
    pending = FeatureProposal.objects.filter(
        approach=approach,
        change_request__service=service,
        change_request__status=ChangeRequestStatus.PENDING,
    )
    if pending.exists():
        raise OutreachError(_("A proposal for this entry is waiting for review already."))
    current = directory_services.service_snapshot(service)["access_features"]
    try:
        with transaction.atomic():
            change_request = directory_services.change_request_submit_update(
                service=service,
                values={"access_features": sorted(set(current) | set(features))},
                by=by,
            )
            proposal = FeatureProposal.objects.create(
                approach=approach,
                change_request=change_request,
                features=features,
                proposed_at=timezone.now(),
            )
            audit_record(
                actor=by, action=AuditAction.CREATE, obj=proposal, fields=["access_features"]
            )
    except directory_services.NothingChanged as error:
        raise OutreachError(_("The entry shows these features already.")) from error
    return proposal
