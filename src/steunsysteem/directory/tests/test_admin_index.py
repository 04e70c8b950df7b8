"""An administrator edits the sociale kaart in the admin; the search finds the edit at once,
as it does after an editor's approved change."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.test_account_changes import change_form_data
from steunsysteem.directory.search import SearchParams, rebuild_index, search_services

from .factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [service.name for service in search_services(SearchParams(text=text)).services]


@pytest.fixture
def choir():
    organization = OrganizationFactory(name="Stichting Samen Zingen")
    service = ServiceFactory(
        organization=organization, name="Zangkoor De Lijster", description="Samen zingen."
    )
    ServiceAtLocationFactory(
        service=service, location=LocationFactory(organization=organization, name="Muziekhuis")
    )
    rebuild_index()
    return service


def admin_save(client, url_name, obj, django_capture_on_commit_callbacks, **changes):
    url = reverse(url_name, args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_a_service_renamed_in_the_admin_is_found_by_its_new_name(
    admin_client, choir, django_capture_on_commit_callbacks
):
    assert found("klaverjassen") == []

    admin_save(
        admin_client,
        "admin:directory_service_change",
        choir,
        django_capture_on_commit_callbacks,
        name="Klaverjasclub De Lijster",
    )

    assert found("klaverjassen") == ["Klaverjasclub De Lijster"]


def test_an_organisation_renamed_in_the_admin_is_found_by_its_new_name(
    admin_client, choir, django_capture_on_commit_callbacks
):
    admin_save(
        admin_client,
        "admin:directory_organization_change",
        choir.organization,
        django_capture_on_commit_callbacks,
        name="Vereniging Fanfare Oost",
    )

    assert found("fanfare") == ["Zangkoor De Lijster"]


def test_a_service_deleted_in_the_admin_is_no_longer_found(
    admin_client, choir, django_capture_on_commit_callbacks
):
    url = reverse("admin:directory_service_delete", args=[choir.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert found("zangkoor") == []
