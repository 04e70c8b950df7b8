"""Writes to the sociale kaart: provider editors propose, coordinators review.

An editor never changes a public entry directly. A proposal is a ``ChangeRequest`` holding
the proposed values (``data``) and the values it was based on (``previous_data``); a
coordinator approves it (the values are applied) or rejects it with a note. Approved
requests are the entry's version history. Values are kept in a JSON-ready "snapshot" form,
see ``service_snapshot``.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.models import User

from . import service_rows
from .constants import (
    ChangeRequestKind,
    ChangeRequestStatus,
    OutdatedReportStatus,
    ServiceStatus,
)
from .models import (
    Attribute,
    ChangeRequest,
    Location,
    Organization,
    OutdatedReport,
    Service,
    ServiceAtLocation,
    SupportPoint,
)
from .search import index_service
from .vocabularies import ACCESS_FEATURES, LIFE_DOMAINS, PARTICIPATION_GOALS, Vocabulary

TEXT_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "alert",
    "application_process",
    "eligibility_description",
    "fees_description",
    "url",
    "email",
)
# Snapshot keys that are lists of taxonomy codes, with the vocabulary and Attribute.link_type.
TERM_FIELDS: dict[str, tuple[Vocabulary, str]] = {
    "life_domains": (LIFE_DOMAINS, "life_domain"),
    "access_features": (ACCESS_FEATURES, "access_feature"),
    "participation_goals": (PARTICIPATION_GOALS, "participation_goal"),
}
# Snapshot keys that are lists of HSDS rows: how each is read from and written to a service.
ROW_FIELDS: dict[str, tuple] = {
    "schedules": (service_rows.read_schedules, service_rows.write_schedules),
    "location_hours": (service_rows.read_location_hours, service_rows.write_location_hours),
    "phones": (service_rows.read_phones, service_rows.write_phones),
    "contacts": (service_rows.read_contacts, service_rows.write_contacts),
    "costs": (service_rows.read_costs, service_rows.write_costs),
    "languages": (service_rows.read_languages, service_rows.write_languages),
}
SNAPSHOT_FIELDS = (*TEXT_FIELDS, "places_available", *TERM_FIELDS, "locations", *ROW_FIELDS)


class ChangeRequestError(Exception):
    """A change request cannot be handled as asked; the message is for the person."""


class ChangeRequestConflict(ChangeRequestError):
    """The entry changed after the request was made; approving would overwrite that."""


class ChangeRequestNotPending(ChangeRequestError):
    """The request was already approved or rejected."""


class NothingChanged(ChangeRequestError):
    """The proposal is identical to the current entry."""


logger = logging.getLogger(__name__)


def service_snapshot(service: Service) -> dict[str, Any]:
    """The editable values of a service as plain JSON (lists sorted, so snapshots compare)."""
    snapshot: dict[str, Any] = {field: getattr(service, field) for field in TEXT_FIELDS}
    snapshot["places_available"] = service.places_available
    term_ids = Attribute.objects.filter(link_entity="service", link_id=service.id).values_list(
        "taxonomy_term_id", flat=True
    )
    present = set(term_ids)
    for key, (vocabulary, _link_type) in TERM_FIELDS.items():
        snapshot[key] = sorted(
            code for code in vocabulary.dutch_names if vocabulary.term_id(code) in present
        )
    snapshot["locations"] = sorted(
        str(location_id)
        for location_id in service.service_at_locations.values_list("location_id", flat=True)
        if location_id
    )
    for key, (read, _write) in ROW_FIELDS.items():
        snapshot[key] = read(service)
    return snapshot


def stale_before(today: datetime.date | None = None) -> datetime.date:
    """Entries last checked before this date need checking again."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.STALE_AFTER_DAYS)


def service_needs_checking(service: Service, *, today: datetime.date | None = None) -> bool:
    """A public entry that nobody checked for ``STALE_AFTER_DAYS`` days (or ever)."""
    if service.status not in {ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED}:
        return False
    return service.assured_date is None or service.assured_date < stale_before(today)


def checked_by_email(service: Service) -> str:
    """The address published as who checked an entry (HSDS ``assurer_email``).

    A role address (``DIRECTORY_CHECKED_BY_EMAIL``) or the organisation's own address: never
    the log-in address of the editor or coordinator who checked it, which would publish a
    staff member's personal account to everyone.
    """
    if settings.DIRECTORY_CHECKED_BY_EMAIL:
        return settings.DIRECTORY_CHECKED_BY_EMAIL
    organization = service.organization if service.organization_id else None
    return organization.email if organization else ""


def _apply(service: Service, values: dict[str, Any]) -> set:
    """Write the values to the service and its rows; returns the ids of the locations whose
    opening hours changed (their other services show those hours too)."""
    for field in TEXT_FIELDS:
        if field in values:
            setattr(service, field, values[field] or "")
    if "places_available" in values:
        service.places_available = values["places_available"]
    service.save()
    for key, (vocabulary, link_type) in TERM_FIELDS.items():
        if key not in values:
            continue
        term_ids = [vocabulary.term_id(code) for code in vocabulary.dutch_names]
        Attribute.objects.filter(
            link_entity="service", link_id=service.id, taxonomy_term_id__in=term_ids
        ).delete()
        Attribute.objects.bulk_create(
            Attribute(
                link_entity="service",
                link_id=service.id,
                taxonomy_term_id=vocabulary.term_id(code),
                link_type=link_type,
            )
            for code in values[key]
        )
    if "locations" in values:
        wanted = set(values["locations"])
        service.service_at_locations.exclude(location_id__in=wanted).delete()
        existing = {
            str(i) for i in service.service_at_locations.values_list("location_id", flat=True)
        }
        locations = Location.objects.filter(
            organization=service.organization, id__in=wanted - existing
        )
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=service, location=location) for location in locations
        )
    changed_locations: set = set()
    for key, (_read, write) in ROW_FIELDS.items():
        if key in values:
            changed_locations |= write(service, values[key]) or set()
    return changed_locations


def _reindex_with_locations_on_commit(service: Service, location_ids: set) -> None:
    """Refresh the index for the service and every other service at those locations."""
    _reindex_on_commit(service)
    if location_ids:
        others = Service.objects.filter(service_at_locations__location_id__in=location_ids).exclude(
            pk=service.pk
        )
        for other in others.distinct():
            _reindex_on_commit(other)


def _reindex_on_commit(service: Service) -> None:
    transaction.on_commit(lambda: index_service(service))


def search_index_refresh(
    *,
    service_ids: Iterable[uuid.UUID] = (),
    organization_ids: Iterable[uuid.UUID] = (),
    location_ids: Iterable[uuid.UUID] = (),
) -> None:
    """Refresh the search index (and through it the matcher's) for these services, the
    services of these organisations and those at these locations, once the transaction
    commits. For writes outside the editor's flow, such as the admin; a service that is
    gone loses its index entries."""
    wanted = set(service_ids)
    wanted |= set(
        Service.objects.filter(
            Q(organization_id__in=list(organization_ids))
            | Q(service_at_locations__location_id__in=list(location_ids))
        ).values_list("pk", flat=True)
    )
    for pk in wanted:
        _reindex_on_commit(Service(pk=pk))


@transaction.atomic
def change_request_submit_update(
    *, service: Service, values: dict[str, Any], by: User
) -> ChangeRequest:
    """Propose new values for an existing service; only the changed fields are kept."""
    current = service_snapshot(service)
    changed = {key: value for key, value in values.items() if current.get(key) != value}
    if not changed:
        raise NothingChanged(
            _("You did not change anything. If everything is still right, confirm that instead.")
        )
    return ChangeRequest.objects.create(
        kind=ChangeRequestKind.UPDATE,
        organization=service.organization,
        service=service,
        data=changed,
        previous_data=current,
        submitted_by=by,
    )


@transaction.atomic
def change_request_submit_create(
    *, organization: Organization, values: dict[str, Any], by: User
) -> ChangeRequest:
    """Propose a new service for an organisation; it becomes public once approved.

    The locations' opening hours are part of the proposal only when they were changed.
    """
    values = dict(values)
    hours = service_rows.organization_hours(organization.pk)
    if values.get("location_hours") == hours:
        del values["location_hours"]
    return ChangeRequest.objects.create(
        kind=ChangeRequestKind.CREATE,
        organization=organization,
        data=values,
        previous_data={"location_hours": hours} if "location_hours" in values else {},
        submitted_by=by,
    )


@transaction.atomic
def change_request_approve(*, change_request: ChangeRequest, by: User) -> Service:
    """Apply the proposed values to the public entry and record this version.

    Refuses (``ChangeRequestConflict``) when the entry changed since the request was made.
    """
    request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if request.status != ChangeRequestStatus.PENDING:
        raise ChangeRequestNotPending(_("This request was already handled."))
    if request.kind == ChangeRequestKind.CREATE:
        service = Service(organization=request.organization, status=ServiceStatus.ACTIVE)
        previous: dict[str, Any] = {}
        if "location_hours" in request.data:
            previous["location_hours"] = service_rows.organization_hours(request.organization_id)
    else:
        service = Service.objects.select_for_update().get(pk=request.service_id)
        previous = service_snapshot(service)
        if any(previous.get(key) != value for key, value in request.previous_data.items()):
            raise ChangeRequestConflict(
                _(
                    "The entry was changed after this request was made. Reject this request "
                    "and ask the editor to propose the change again."
                )
            )
    service.assured_date = timezone.localdate()
    service.assurer_email = checked_by_email(service)
    changed_locations = _apply(service, request.data)
    request.service = service
    request.previous_data = previous
    request.status = ChangeRequestStatus.APPROVED
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.save()
    change_request.refresh_from_db()
    created = request.kind == ChangeRequestKind.CREATE
    audit_record(
        actor=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=service,
        fields=sorted(request.data),
    )
    _reindex_with_locations_on_commit(service, changed_locations)
    # Ids only: log lines never carry names, texts or e-mail addresses.
    logger.info(
        "change_request_approved",
        extra={"change_request": request.pk, "service": str(service.pk), "reviewer": by.pk},
    )
    return service


@transaction.atomic
def change_request_reject(*, change_request: ChangeRequest, by: User, note: str) -> ChangeRequest:
    """Turn a proposal down; the editor sees the note."""
    request = ChangeRequest.objects.select_for_update().get(pk=change_request.pk)
    if request.status != ChangeRequestStatus.PENDING:
        raise ChangeRequestNotPending(_("This request was already handled."))
    request.status = ChangeRequestStatus.REJECTED
    request.review_note = note
    request.reviewed_by = by
    request.reviewed_at = timezone.now()
    request.save()
    change_request.refresh_from_db()
    logger.info("change_request_rejected", extra={"change_request": request.pk, "reviewer": by.pk})
    return request


@transaction.atomic
def service_confirm_current(*, service: Service, by: User) -> ChangeRequest:
    """The editor checked the entry and nothing changed: not a content change, so no review.

    Recorded as an approved request without changes, so it shows in the version history.
    """
    service = Service.objects.select_for_update().get(pk=service.pk)
    service.assured_date = timezone.localdate()
    service.assurer_email = checked_by_email(service)
    service.save(update_fields=["assured_date", "assurer_email", "last_modified"])
    now = timezone.now()
    confirmation = ChangeRequest.objects.create(
        kind=ChangeRequestKind.UPDATE,
        organization=service.organization,
        service=service,
        data={},
        previous_data=service_snapshot(service),
        status=ChangeRequestStatus.APPROVED,
        submitted_by=by,
        reviewed_by=by,
        reviewed_at=now,
    )
    _reindex_on_commit(service)
    return confirmation


@transaction.atomic
def outdated_report_submit(*, service: Service, message: str) -> OutdatedReport:
    """A visitor says an entry is out of date. Nothing about the visitor is stored."""
    return OutdatedReport.objects.create(service=service, message=message)


@transaction.atomic
def outdated_report_handle(*, report: OutdatedReport, by: User) -> OutdatedReport:
    """An editor or coordinator dealt with a visitor's report."""
    report = OutdatedReport.objects.select_for_update().get(pk=report.pk)
    if report.status != OutdatedReportStatus.HANDLED:
        report.status = OutdatedReportStatus.HANDLED
        report.handled_at = timezone.now()
        report.save(update_fields=["status", "handled_at"])
    return report


def _stale_services_by_editor(
    today: datetime.date,
) -> dict[User, list[Service]]:
    stale = (
        Service.objects.needing_check(before=stale_before(today))
        .filter(organization__isnull=False)
        .order_by("name")
    )
    by_organization: dict[Any, list[Service]] = defaultdict(list)
    for service in stale:
        by_organization[service.organization_id].append(service)
    editors = (
        User.objects.filter(
            role=Role.PROVIDER_EDITOR,
            is_active=True,
            organizations__in=list(by_organization),
        )
        .exclude(email="")
        .distinct()
        .prefetch_related("organizations")
    )
    result: dict[User, list[Service]] = {}
    for editor in editors:
        services: Iterable[Service] = (
            service
            for organization in editor.organizations.all()
            for service in by_organization.get(organization.pk, [])
        )
        result[editor] = sorted(services, key=lambda s: s.name)
    return result


def stale_entry_reminders_send(*, base_url: str, today: datetime.date | None = None) -> int:
    """E-mail each provider editor one list of their entries that need checking.

    The mail holds only entry names and links. Returns the number of mails sent.
    """
    today = today or timezone.localdate()
    sent = 0
    for editor, services in _stale_services_by_editor(today).items():
        entries = [
            (
                service.name,
                base_url.rstrip("/") + reverse("directory:editor_service", args=[service.pk]),
            )
            for service in services
        ]
        body = render_to_string(
            "directory/editor/stale_reminder_email.txt",
            {
                "entries": entries,
                "site_name": settings.SITE_NAME,
                "days": settings.STALE_AFTER_DAYS,
            },
        )
        subject = _("%(site)s: please check your entries on the sociale kaart") % {
            "site": settings.SITE_NAME
        }
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [editor.email])
        sent += 1
    return sent


# Laagdrempelige steunpunten ----------------------------------------------------------------

SUPPORT_POINT_FIELDS = (
    "walk_in",
    "meeting",
    "activities",
    "peer_support",
    "led_by_experts_by_experience",
    "independent",
    "own_location",
    "days_open_per_week",
)


def support_point_save(*, location: Location, by: User | None, **properties: Any) -> SupportPoint:
    """Mark a location as a laagdrempelig steunpunt, or change what it offers."""
    unknown = set(properties) - set(SUPPORT_POINT_FIELDS)
    if unknown:
        raise TypeError(f"unknown steunpunt properties: {sorted(unknown)}")
    with transaction.atomic():
        support_point = SupportPoint.objects.select_for_update().filter(location=location).first()
        if support_point is None:
            support_point = SupportPoint.objects.create(location=location, **properties)
            action, changed = AuditAction.CREATE, sorted(properties)
        else:
            action = AuditAction.UPDATE
            changed = sorted(f for f, v in properties.items() if getattr(support_point, f) != v)
            if not changed:
                return support_point  # nothing changed: nothing written, nothing recorded
            for field in changed:
                setattr(support_point, field, properties[field])
            support_point.save(update_fields=changed)
        audit_record(actor=by, action=action, obj=support_point, fields=changed)
        _reindex_services_at_on_commit(location)
    return support_point


def _reindex_services_at_on_commit(location: Location) -> None:
    """Activities at a steunpunt are found by the word "steunpunt": refresh them."""
    for service in Service.objects.filter(service_at_locations__location=location).distinct():
        _reindex_on_commit(service)


def support_point_remove(*, location: Location, by: User | None) -> None:
    """The location is no longer a steunpunt (it stays on the sociale kaart)."""
    with transaction.atomic():
        for support_point in SupportPoint.objects.filter(location=location):
            audit_record(actor=by, action=AuditAction.DELETE, obj=support_point)
            support_point.delete()
        _reindex_services_at_on_commit(location)
