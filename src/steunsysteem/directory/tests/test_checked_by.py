"""Whoever checks an entry on the sociale kaart stays private: the published data names a role
address or the organisation, never the log-in address of the editor or coordinator."""

import importlib
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from steunsysteem.directory import services
from steunsysteem.directory.models import Service

from .factories import OrganizationFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(name="Stichting Ontmoeting", email="info@ontmoeting.example.org")


@pytest.fixture
def editor(organization):
    return UserFactory(username="els.devries", editor=True, organizations=[organization])


@pytest.fixture
def coordinator():
    return UserFactory(username="kees.jansen", coordinator=True)


@pytest.fixture
def service(organization):
    return ServiceFactory(organization=organization, name="Inloop De Brug")


def approve_a_change(service, editor, coordinator):
    values = {**services.service_snapshot(service), "description": "Nieuw: ook op vrijdag."}
    request = services.change_request_submit_update(service=service, values=values, by=editor)
    services.change_request_approve(change_request=request, by=coordinator)


def everything_published(client, tmp_path: Path, service: Service) -> str:
    """Every HSDS and /api/v1 response about the service, and the HSDS export, as one text."""
    organization = service.organization_id
    responses = [
        client.get(f"/api/hsds/services/{service.pk}"),
        client.get("/api/hsds/services", {"full": "true"}),
        client.get("/api/hsds/services"),
        client.get(f"/api/hsds/organizations/{organization}", {"full_service": "true"}),
        client.get("/api/hsds/organizations", {"full_service": "true"}),
        client.get("/api/hsds/service_at_locations", {"full": "true"}),
        client.get(f"/api/v1/services/{service.pk}/"),
        client.get("/api/v1/services/"),
        client.get(f"/api/v1/organizations/{organization}/"),
    ]
    texts = [response.content.decode() for response in responses]
    for response in responses:
        assert response.status_code == 200
    ndjson = client.get("/api/hsds/services", {"format": "ndjson", "full": "true"})
    texts.append(b"".join(ndjson.streaming_content).decode())
    outdir = tmp_path / "export"
    call_command("export_hsds", str(outdir), "--no-progress", stdout=io.StringIO())
    texts.extend(path.read_text("utf-8") for path in outdir.glob("*.csv"))
    return "\n".join(texts)


def test_an_editor_confirming_an_entry_publishes_the_organisations_address(
    client, tmp_path, service, editor
):
    services.service_confirm_current(service=service, by=editor)

    service.refresh_from_db()
    assert service.assurer_email == "info@ontmoeting.example.org"
    assert editor.email not in everything_published(client, tmp_path, service)


def test_a_coordinator_approving_a_change_publishes_no_log_in_address(
    client, tmp_path, service, editor, coordinator
):
    approve_a_change(service, editor, coordinator)

    service.refresh_from_db()
    assert service.assurer_email == "info@ontmoeting.example.org"
    published = everything_published(client, tmp_path, service)
    assert editor.email not in published
    assert coordinator.email not in published


def test_a_configured_role_address_is_published_instead(
    settings, client, tmp_path, service, editor, coordinator
):
    settings.DIRECTORY_CHECKED_BY_EMAIL = "sociale-kaart@partistad.example.org"

    approve_a_change(service, editor, coordinator)

    service.refresh_from_db()
    assert service.assurer_email == "sociale-kaart@partistad.example.org"
    assert '"assurer_email":"sociale-kaart@partistad.example.org"' in (
        client.get(f"/api/hsds/services/{service.pk}").content.decode()
    )


def test_an_organisation_without_an_address_publishes_none(service, editor, organization):
    organization.email = ""
    organization.save()

    services.service_confirm_current(service=service, by=editor)

    service.refresh_from_db()
    assert service.assurer_email == ""


def test_log_in_addresses_published_before_the_fix_are_replaced(service, editor, organization):
    imported = ServiceFactory(organization=organization, assurer_email="kwaliteit@elders.example")
    Service.objects.filter(pk=service.pk).update(assurer_email=editor.email.upper())
    migration = importlib.import_module(
        "steunsysteem.directory.migrations.0004_unpublish_login_addresses"
    )

    migration.unpublish_login_addresses(apps, None)

    service.refresh_from_db()
    imported.refresh_from_db()
    assert service.assurer_email == "info@ontmoeting.example.org"
    assert imported.assurer_email == "kwaliteit@elders.example"
