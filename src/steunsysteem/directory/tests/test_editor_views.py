"""The editor's "Mijn aanbod", the coordinator's review queue and the visitor's report,
seen through the browser's eyes (HTTP)."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import services
from steunsysteem.directory.constants import ChangeRequestStatus, OutdatedReportStatus
from steunsysteem.directory.models import ChangeRequest, OutdatedReport, Service

from .entry_form import entry_form_data
from .factories import LocationFactory, OrganizationFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 14)


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English source strings, whatever the Dutch translation says."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def organization():
    return OrganizationFactory(name="Stichting Ontmoeting")


@pytest.fixture
def service(organization):
    return ServiceFactory(
        organization=organization,
        name="Inloop De Brug",
        description="Koffie en een praatje.",
        assured_date=TODAY,
    )


@pytest.fixture
def editor(organization):
    return UserFactory(username="els", editor=True, organizations=[organization])


@pytest.fixture
def coordinator():
    return UserFactory(username="kees", coordinator=True)


@pytest.fixture
def editor_client(client, editor):
    sign_in(client, editor)
    return client


def form_data(service, client=None, **changes):
    return entry_form_data(service.organization, client=client, service=service, **changes)


def test_editor_proposes_a_change_and_sees_it_waiting(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    response = editor_client.post(
        url, form_data(service, editor_client, description="Nu ook op vrijdag.")
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.description == "Koffie en een praatje."
    page = editor_client.get(reverse("directory:editor_service", args=[service.pk]))
    assert "Waiting for review" in page.content.decode()
    assert "Nu ook op vrijdag." in page.content.decode()


def test_the_edit_form_labels_every_field_and_links_errors(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    response = editor_client.post(url, form_data(service, name="", email="geen-adres"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="utrecht-form-label" for="id_name">' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert not ChangeRequest.objects.exists()


def test_submitting_without_changes_is_a_form_error(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    response = editor_client.post(url, form_data(service, editor_client))

    assert response.status_code == 200
    assert "You did not change anything" in response.content.decode()


def test_editor_can_only_choose_their_own_organisations_locations(editor_client, service):
    other_location = LocationFactory(name="Elders")
    url = reverse("directory:editor_service_edit", args=[service.pk])
    response = editor_client.post(
        url, form_data(service, locations=[str(other_location.pk)], description="x")
    )

    assert response.status_code == 200
    assert 'id="id_locations_error"' in response.content.decode()


def test_coordinator_approves_from_the_review_queue(client, editor, coordinator, service):
    request = services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "alert": "Dicht op 1 april."},
        by=editor,
    )
    sign_in(client, coordinator)

    queue = client.get(reverse("directory:review_queue"))
    assert reverse("directory:review_detail", args=[request.pk]) in queue.content.decode()
    detail = client.get(reverse("directory:review_detail", args=[request.pk]))
    assert "Dicht op 1 april." in detail.content.decode()

    with freeze_time(TODAY + datetime.timedelta(days=3)):
        response = client.post(
            reverse("directory:review_detail", args=[request.pk]), {"decision": "approve"}
        )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.alert == "Dicht op 1 april."
    assert service.assured_date == TODAY + datetime.timedelta(days=3)
    sign_in(client, editor)
    page = client.get(reverse("directory:editor_service", args=[service.pk]))
    assert "Version of" in page.content.decode()


def test_rejecting_needs_a_note_that_the_editor_then_sees(client, editor, coordinator, service):
    request = services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "name": "Andere naam"},
        by=editor,
    )
    sign_in(client, coordinator)
    url = reverse("directory:review_detail", args=[request.pk])

    without_note = client.post(url, {"decision": "reject", "note": ""})
    assert without_note.status_code == 200
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING

    client.post(url, {"decision": "reject", "note": "Graag de officiële naam gebruiken."})
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.REJECTED
    service.refresh_from_db()
    assert service.name == "Inloop De Brug"

    sign_in(client, editor)
    page = client.get(reverse("directory:editor_service", args=[service.pk]))
    assert "Graag de officiële naam gebruiken." in page.content.decode()


def test_a_conflicting_request_shows_an_error_instead_of_overwriting(
    client, editor, coordinator, service
):
    request = services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "description": "Voorstel."},
        by=editor,
    )
    Service.objects.filter(pk=service.pk).update(description="Al veranderd.")
    sign_in(client, coordinator)
    url = reverse("directory:review_detail", args=[request.pk])

    assert 'id="conflict"' in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve"})

    assert response.status_code == 200
    assert "was changed after this request was made" in response.content.decode()
    service.refresh_from_db()
    assert service.description == "Al veranderd."


def test_editor_proposes_a_new_entry(editor_client, organization):
    location = LocationFactory(organization=organization, name="Buurthuis Noord")
    url = reverse("directory:editor_service_create", args=[organization.pk])
    response = editor_client.post(
        url,
        entry_form_data(
            organization,
            client=editor_client,
            name="Kaartclub",
            status="active",
            description="Samen kaarten op woensdag.",
            life_domains=["meeting"],
            locations=[str(location.pk)],
        ),
    )

    assert response.status_code == 302
    assert not Service.objects.filter(name="Kaartclub").exists()
    request = ChangeRequest.objects.get()
    assert request.kind == "create"
    assert request.data["locations"] == [str(location.pk)]
    dashboard = editor_client.get(reverse("directory:editor_dashboard"))
    assert "Kaartclub" in dashboard.content.decode()


def test_dashboard_lists_own_entries_with_pending_changes_and_reports(
    editor_client, editor, service
):
    other = ServiceFactory(name="Van een ander")
    services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "alert": "Let op."},
        by=editor,
    )
    services.outdated_report_submit(service=service, message="Telefoonnummer klopt niet.")

    response = editor_client.get(reverse("directory:editor_dashboard"))

    html = response.content.decode()
    assert "Inloop De Brug" in html
    assert other.name not in html
    row = html.split(f'data-service="{service.pk}"')[1].split("</tr>")[0]
    assert row.count('<td class="utrecht-table__cell">1</td>') == 2


def test_entries_not_checked_for_too_long_are_flagged(editor_client, organization, settings):
    settings.STALE_AFTER_DAYS = 180
    ServiceFactory(organization=organization, name="Oud", assured_date=datetime.date(2024, 9, 1))
    ServiceFactory(organization=organization, name="Vers", assured_date=datetime.date(2025, 3, 1))
    ServiceFactory(organization=organization, name="Nooit", assured_date=None)

    with freeze_time(TODAY):
        html = editor_client.get(reverse("directory:editor_dashboard")).content.decode()

    flagged = {
        name
        for name in ("Oud", "Vers", "Nooit")
        if "Needs checking" in html.split(f">{name}</a>")[1].split("</tr>")[0]
    }
    assert flagged == {"Oud", "Nooit"}


def test_stale_flag_on_the_entry_page_goes_away_after_confirming(
    editor_client, organization, settings
):
    settings.STALE_AFTER_DAYS = 180
    old = ServiceFactory(organization=organization, assured_date=datetime.date(2024, 1, 1))
    page_url = reverse("directory:editor_service", args=[old.pk])

    with freeze_time(TODAY):
        assert 'id="needs-checking"' in editor_client.get(page_url).content.decode()
        editor_client.post(reverse("directory:editor_service_confirm", args=[old.pk]))
        html = editor_client.get(page_url).content.decode()

    assert 'id="needs-checking"' not in html
    old.refresh_from_db()
    assert old.assured_date == TODAY
    assert "Checked: everything was still correct." in html


def test_editor_cannot_see_or_change_another_organisations_entry(editor_client):
    other = ServiceFactory(name="Van een ander")
    for name in ("editor_service", "editor_service_edit"):
        assert editor_client.get(reverse(f"directory:{name}", args=[other.pk])).status_code == 403
    response = editor_client.post(
        reverse("directory:editor_service_edit", args=[other.pk]), form_data(other, alert="x")
    )
    assert response.status_code == 403
    assert (
        editor_client.post(reverse("directory:editor_service_confirm", args=[other.pk])).status_code
        == 403
    )
    create_url = reverse("directory:editor_service_create", args=[other.organization.pk])
    assert editor_client.get(create_url).status_code == 403
    assert not ChangeRequest.objects.exists()


def test_editor_cannot_review_or_approve(editor_client, editor, service):
    request = services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "alert": "Eigen goedkeuring?"},
        by=editor,
    )
    assert editor_client.get(reverse("directory:review_queue")).status_code == 403
    url = reverse("directory:review_detail", args=[request.pk])
    assert editor_client.post(url, {"decision": "approve"}).status_code == 403
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING


def test_other_roles_have_no_editor_pages(client, service):
    sign_in(client, UserFactory(role="professional"))
    assert client.get(reverse("directory:editor_dashboard")).status_code == 403
    assert client.get(reverse("directory:editor_service", args=[service.pk])).status_code == 403


@pytest.mark.parametrize(
    "name, args",
    [
        ("editor_dashboard", []),
        ("editor_service", ["service"]),
        ("editor_service_edit", ["service"]),
        ("review_queue", []),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, service, name, args):
    url = reverse(f"directory:{name}", args=[service.pk for _ in args])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")


def test_visitor_reports_outdated_information_and_the_editor_handles_it(client, editor, service):
    url = reverse("directory:report_outdated", args=[service.pk])
    response = client.post(url, {"message": "Ze zijn verhuisd naar de Kerkstraat.", "website": ""})

    assert response.status_code == 302
    assert response.url == reverse("directory:report_outdated_thanks", args=[service.pk])
    assert "Thank you for your report" in client.get(response.url).content.decode()
    report = OutdatedReport.objects.get()
    assert report.message == "Ze zijn verhuisd naar de Kerkstraat."

    sign_in(client, editor)
    page = client.get(reverse("directory:editor_service", args=[service.pk]))
    assert "Ze zijn verhuisd naar de Kerkstraat." in page.content.decode()
    client.post(reverse("directory:report_handle", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == OutdatedReportStatus.HANDLED


def test_the_honeypot_stops_bots(client, service):
    url = reverse("directory:report_outdated", args=[service.pk])
    response = client.post(url, {"message": "Koop nu!", "website": "http://spam.example"})

    assert response.status_code == 302
    assert not OutdatedReport.objects.exists()


def test_a_report_must_say_something_and_stay_short(client, service):
    url = reverse("directory:report_outdated", args=[service.pk])
    assert client.post(url, {"message": ""}).status_code == 200
    too_long = client.post(url, {"message": "x" * 1001})
    assert too_long.status_code == 200
    assert 'id="report-outdated-message-error"' in too_long.content.decode()
    assert not OutdatedReport.objects.exists()


def test_editor_cannot_handle_another_organisations_report(editor_client):
    report = services.outdated_report_submit(service=ServiceFactory(), message="Klopt niet.")
    response = editor_client.post(reverse("directory:report_handle", args=[report.pk]))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == OutdatedReportStatus.OPEN


def test_the_report_form_include_renders_for_a_service(rf, service):
    from django.template.loader import render_to_string

    request = rf.get("/")
    html = render_to_string(
        "directory/editor/_report_outdated_form.html", {"service": service}, request=request
    )
    assert reverse("directory:report_outdated", args=[service.pk]) in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="report-outdated-website">' in html


def test_login_page_labels_its_fields(client):
    html = client.get(reverse("login")).content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html
    assert "utrecht-button--primary-action" in html


def test_a_failed_login_links_the_error_to_the_fields(client, editor):
    response = client.post(reverse("login"), {"username": "els", "password": "verkeerd"})

    html = response.content.decode()
    assert 'id="login-error"' in html
    assert html.count('aria-describedby="login-error"') == 2


def test_an_editor_who_logs_in_lands_on_their_entries(client, editor, service):
    response = client.post(
        reverse("login"),
        {"username": "els", "password": "een-lang-wachtwoord", "next": "/mijn-aanbod/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/mijn-aanbod/"
    assert "Inloop De Brug" in response.content.decode()


def test_an_untouched_multi_line_text_does_not_count_as_a_change(editor_client, organization):
    service = ServiceFactory(organization=organization, description="Regel een.\nRegel twee.\n")
    url = reverse("directory:editor_service_edit", args=[service.pk])

    # Browsers send textarea line ends as CRLF.
    response = editor_client.post(
        url, form_data(service, editor_client, description="Regel een.\r\nRegel twee.")
    )

    assert response.status_code == 200
    assert "You did not change anything" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_closed_down_entries_are_not_flagged_for_checking(editor_client, organization):
    ServiceFactory(organization=organization, name="Opgeheven", assured_date=None, defunct=True)

    html = editor_client.get(reverse("directory:editor_dashboard")).content.decode()

    assert "Needs checking" not in html.split(">Opgeheven</a>")[1].split("</tr>")[0]
