"""User stories of keeping the sociale kaart current: editors propose, coordinators review."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from steunsysteem.directory import services
from steunsysteem.directory.constants import (
    ChangeRequestKind,
    ChangeRequestStatus,
    OutdatedReportStatus,
    ServiceStatus,
)
from steunsysteem.directory.models import Attribute, ChangeRequest, Service, ServiceAtLocation
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, LIFE_DOMAINS

from .factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 14)


@pytest.fixture
def organization():
    return OrganizationFactory(name="Stichting Ontmoeting")


@pytest.fixture
def editor(organization):
    return UserFactory(username="els", editor=True, organizations=[organization])


@pytest.fixture
def coordinator():
    return UserFactory(username="kees", coordinator=True)


@pytest.fixture
def service(organization):
    return ServiceFactory(
        organization=organization,
        name="Inloop De Brug",
        description="Koffie en een praatje.",
        assured_date=datetime.date(2024, 1, 1),
        life_domains=["meeting"],
    )


def propose(service, editor, **changes):
    values = {**services.service_snapshot(service), **changes}
    return services.change_request_submit_update(service=service, values=values, by=editor)


def test_a_proposed_change_is_not_public_until_a_coordinator_approves_it(
    service, editor, coordinator, django_capture_on_commit_callbacks
):
    request = propose(service, editor, description="Elke dinsdag koffie en een praatje.")

    service.refresh_from_db()
    assert service.description == "Koffie en een praatje."
    assert request.status == ChangeRequestStatus.PENDING
    assert request.data == {"description": "Elke dinsdag koffie en een praatje."}

    with freeze_time(TODAY), django_capture_on_commit_callbacks(execute=True):
        services.change_request_approve(change_request=request, by=coordinator)

    service.refresh_from_db()
    assert service.description == "Elke dinsdag koffie en een praatje."
    assert service.assured_date == TODAY
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.APPROVED
    assert request.reviewed_by == coordinator
    assert request.previous_data["description"] == "Koffie en een praatje."
    assert list(service.change_requests.filter(status=ChangeRequestStatus.APPROVED)) == [request]
    # The search index was refreshed after the commit: the new word is found.
    found = search_services(SearchParams(text="dinsdag")).services
    assert list(found) == [service]


def test_approval_updates_life_domains_access_features_and_locations(
    service, editor, coordinator, organization
):
    location = LocationFactory(organization=organization, name="Buurthuis Oost")
    request = propose(
        service,
        editor,
        life_domains=["culture", "meeting"],
        access_features=["no_referral"],
        locations=[str(location.pk)],
        places_available=4,
    )

    services.change_request_approve(change_request=request, by=coordinator)

    terms = set(
        Attribute.objects.filter(link_entity="service", link_id=service.pk).values_list(
            "taxonomy_term_id", flat=True
        )
    )
    assert terms == {
        LIFE_DOMAINS.term_id("culture"),
        LIFE_DOMAINS.term_id("meeting"),
        ACCESS_FEATURES.term_id("no_referral"),
    }
    assert [sal.location for sal in service.service_at_locations.all()] == [location]
    service.refresh_from_db()
    assert service.places_available == 4


def test_a_rejected_change_leaves_the_entry_as_it_was(service, editor, coordinator):
    request = propose(service, editor, name="Inloop De Nieuwe Brug")

    services.change_request_reject(
        change_request=request, by=coordinator, note="De naam is niet veranderd."
    )

    service.refresh_from_db()
    assert service.name == "Inloop De Brug"
    assert service.assured_date == datetime.date(2024, 1, 1)
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.REJECTED
    assert request.review_note == "De naam is niet veranderd."


def test_a_request_cannot_be_approved_when_the_entry_changed_since(service, editor, coordinator):
    older = propose(service, editor, description="Eerste voorstel.")
    newer = propose(service, editor, alert="Gesloten in de zomer.")
    services.change_request_approve(change_request=newer, by=coordinator)

    with pytest.raises(services.ChangeRequestConflict):
        services.change_request_approve(change_request=older, by=coordinator)

    service.refresh_from_db()
    assert service.description == "Koffie en een praatje."
    assert service.alert == "Gesloten in de zomer."
    older.refresh_from_db()
    assert older.status == ChangeRequestStatus.PENDING


def test_a_change_made_outside_the_review_also_counts_as_a_conflict(service, editor, coordinator):
    request = propose(service, editor, description="Voorstel.")
    Service.objects.filter(pk=service.pk).update(name="Hernoemd door de beheerder")

    with pytest.raises(services.ChangeRequestConflict):
        services.change_request_approve(change_request=request, by=coordinator)


def test_a_request_is_handled_only_once(service, editor, coordinator):
    request = propose(service, editor, description="Voorstel.")
    services.change_request_reject(change_request=request, by=coordinator, note="Nee.")

    with pytest.raises(services.ChangeRequestNotPending):
        services.change_request_approve(change_request=request, by=coordinator)


def test_proposing_no_change_is_refused(service, editor):
    with pytest.raises(services.NothingChanged):
        propose(service, editor)


def test_a_new_service_is_created_when_its_request_is_approved(organization, editor, coordinator):
    location = LocationFactory(organization=organization)
    values = {
        **{field: "" for field in services.TEXT_FIELDS},
        "name": "Zangkoor Samen",
        "status": ServiceStatus.ACTIVE,
        "places_available": None,
        "life_domains": ["culture"],
        "access_features": ["peer_run"],
        "locations": [str(location.pk)],
    }
    request = services.change_request_submit_create(
        organization=organization, values=values, by=editor
    )
    assert request.kind == ChangeRequestKind.CREATE
    assert not Service.objects.filter(name="Zangkoor Samen").exists()

    with freeze_time(TODAY):
        created = services.change_request_approve(change_request=request, by=coordinator)

    created.refresh_from_db()
    assert created.name == "Zangkoor Samen"
    assert created.organization == organization
    assert created.assured_date == TODAY
    assert ServiceAtLocation.objects.get(service=created).location == location
    assert services.service_snapshot(created)["life_domains"] == ["culture"]
    assert services.service_snapshot(created)["access_features"] == ["peer_run"]
    request.refresh_from_db()
    assert request.service == created


def test_confirming_an_entry_is_still_right_needs_no_review(service, editor):
    with freeze_time(TODAY):
        confirmation = services.service_confirm_current(service=service, by=editor)

    service.refresh_from_db()
    assert service.assured_date == TODAY
    assert service.assurer_email == service.organization.email
    assert confirmation.status == ChangeRequestStatus.APPROVED
    assert confirmation.data == {}


def test_confirming_does_not_make_a_pending_change_conflict(service, editor, coordinator):
    request = propose(service, editor, description="Voorstel.")
    services.service_confirm_current(service=service, by=editor)

    services.change_request_approve(change_request=request, by=coordinator)

    service.refresh_from_db()
    assert service.description == "Voorstel."


def test_a_visitors_report_is_stored_without_anything_about_the_visitor(service, editor):
    report = services.outdated_report_submit(service=service, message="Het adres klopt niet.")
    assert report.status == OutdatedReportStatus.OPEN

    services.outdated_report_handle(report=report, by=editor)

    report.refresh_from_db()
    assert report.status == OutdatedReportStatus.HANDLED
    assert report.handled_at is not None


@freeze_time(TODAY)
def test_each_editor_gets_one_mail_listing_only_their_stale_entries(settings):
    settings.STALE_AFTER_DAYS = 180
    brug, zon = OrganizationFactory(name="De Brug"), OrganizationFactory(name="De Zon")
    old = TODAY - datetime.timedelta(days=181)
    fresh = TODAY - datetime.timedelta(days=10)
    ServiceFactory(organization=brug, name="Inloop Brug", assured_date=old)
    ServiceFactory(organization=brug, name="Kookclub Brug", assured_date=None)
    ServiceFactory(organization=brug, name="Wandelclub Brug", assured_date=fresh)
    ServiceFactory(organization=brug, name="Opgeheven Brug", assured_date=old, defunct=True)
    ServiceFactory(organization=zon, name="Inloop Zon", assured_date=old)
    UserFactory(username="anna", email="anna@brug.example", editor=True, organizations=[brug])
    UserFactory(username="ben", email="ben@zon.example", editor=True, organizations=[zon])
    UserFactory(username="cor", email="cor@example.org", coordinator=True)

    call_command("notify_stale_entries", base_url="https://steun.example")

    assert sorted(m.to[0] for m in mail.outbox) == ["anna@brug.example", "ben@zon.example"]
    [to_anna] = [m for m in mail.outbox if m.to == ["anna@brug.example"]]
    assert "Inloop Brug" in to_anna.body
    assert "Kookclub Brug" in to_anna.body
    assert "Wandelclub Brug" not in to_anna.body
    assert "Opgeheven Brug" not in to_anna.body
    assert "Inloop Zon" not in to_anna.body
    assert "ben" not in to_anna.body
    assert "https://steun.example/mijn-aanbod/dienst/" in to_anna.body


@freeze_time(TODAY)
def test_no_mail_when_every_entry_was_checked_recently():
    organization = OrganizationFactory()
    ServiceFactory(organization=organization, assured_date=TODAY)
    UserFactory(editor=True, organizations=[organization])

    call_command("notify_stale_entries")

    assert mail.outbox == []


def test_change_requests_keep_who_proposed_them(service, editor):
    request = propose(service, editor, alert="Tijdelijk gesloten.")
    assert ChangeRequest.objects.get(pk=request.pk).submitted_by == editor
