"""The editor's world of the rows tests: Els edits Buurtkamer De Linde's "Inloop De Linde" in
Buurthuis De Linde. A test module with a world of its own defines these fixtures itself."""

import pytest

from steunsysteem.accounts.tests.two_factor import sign_in

from .factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)


@pytest.fixture
def organization():
    return OrganizationFactory(name="Buurtkamer De Linde")


@pytest.fixture
def location(organization):
    return LocationFactory(organization=organization, name="Buurthuis De Linde")


@pytest.fixture
def service(organization, location):
    service = ServiceFactory(organization=organization, name="Inloop De Linde")
    ServiceAtLocationFactory(service=service, location=location)
    return service


@pytest.fixture
def editor(organization):
    return UserFactory(username="els", editor=True, organizations=[organization])


@pytest.fixture
def editor_client(client, editor):
    return sign_in(client, editor)
