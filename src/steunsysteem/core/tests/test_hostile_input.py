"""Hostile text typed into a form, stored in the sociale kaart or imported never breaks a page,
a download or a mail, and never runs anywhere.

Each kind of hostile string (very long, control characters, HTML and script, SQL fragments,
right-to-left marks, emoji, a NUL byte) goes through every output format: the HTML page, the
PDF handout, the iCalendar file, the HSDS CSV export (no spreadsheet formula), the mail of a
werktafel invitation, and back in through the HSDS import.
"""

import csv
import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.printable import printable_text
from steunsysteem.directory.hsds.exporter import hsds_export
from steunsysteem.directory.hsds.importer import hsds_import
from steunsysteem.directory.hsds.reader import open_source
from steunsysteem.directory.models import Service
from steunsysteem.directory.tests.entry_form import entry_form_data
from steunsysteem.directory.tests.factories import (
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.worktables import services as worktables
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE = {
    "very long": "Koor " * 2000,
    "control characters": "Koor\x01\x07\x1b[31m\x7f\x85\x9f De Lijster",
    "html and script": f"Koor {SCRIPT} &amp; \"'",
    "sql": "Koor'); DROP TABLE directory_service;-- OR 1=1",
    "right-to-left": "Koor \u202eretsjiL eD\u202c \u200f\u2067x\u2069",
    "emoji": "Koor 🎶👩🏽‍🎤 De Lijster 🏳️‍🌈",
    "nul byte": "Koor\x00 De Lijster",
    "formula": '=HYPERLINK("http://evil.example","klik")',
    "line breaks": "Koor\r\nBcc: iemand@example.nl\n\u2028De Lijster",
}
IDS = list(HOSTILE)


def storable(text: str) -> str:
    """PostgreSQL's text cannot hold NUL; the form fields refuse it (see below)."""
    return text.replace("\x00", "") if connection.vendor == "postgresql" else text


@pytest.fixture
def hostile_service(request):
    text = storable(HOSTILE[request.param])
    organization = OrganizationFactory(name=text[:100])
    service = ServiceFactory(organization=organization, name=text[:100], description=text)
    location = LocationFactory(organization=organization, name=text[:100])
    ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=service, byday="MO,TU,WE,TH,FR,SA,SU")
    return service


def assert_no_raw_markup(html: str):
    """Markup arrives escaped; a NUL byte in HTML is harmless (browsers show U+FFFD)."""
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("hostile_service", IDS, indirect=True)
def test_the_public_service_page_shows_hostile_text_as_text(client, hostile_service):
    response = client.get(reverse("directory:service_detail", args=[hostile_service.pk]))

    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode())


@pytest.mark.parametrize("text", HOSTILE.values(), ids=IDS)
def test_searching_for_hostile_text_answers_a_page(client, text):
    ServiceFactory(name="Zangkoor De Lijster")

    response = client.get(reverse("directory:search"), {"q": text})

    assert response.status_code == 200
    assert_no_raw_markup(response.content.decode())


@pytest.mark.parametrize("text", HOSTILE.values(), ids=IDS)
def test_the_api_answers_hostile_search_text_without_a_server_error(client, text):
    ServiceFactory(name="Zangkoor De Lijster")

    for url in ("/api/v1/services/", "/api/v1/match/"):
        response = client.get(url, {"q": text})
        assert response.status_code in (200, 400), (url, response.content[:300])


@pytest.mark.parametrize("hostile_service", IDS, indirect=True)
def test_the_handout_pdf_is_a_pdf(client, hostile_service):
    response = client.get(reverse("directory:service_handout_pdf", args=[hostile_service.pk]))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("hostile_service", IDS, indirect=True)
def test_the_calendar_file_parses_and_holds_only_printable_text(client, hostile_service):
    response = client.get(reverse("directory:service_calendar", args=[hostile_service.pk]))

    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert summary == printable_text(summary, one_line=True)
    assert "\r\nBcc" not in response.content.decode()


@pytest.mark.parametrize("hostile_service", IDS, indirect=True)
def test_the_csv_export_holds_no_formula_and_imports_back_unchanged(tmp_path, hostile_service):
    original = Service.objects.values_list("name", "description").get(pk=hostile_service.pk)

    hsds_export(outdir=tmp_path)

    with (tmp_path / "services.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for value in (row["name"], row["description"]):
                assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value[:40]
    Service.objects.filter(pk=hostile_service.pk).update(name="gewijzigd", description="")
    hsds_import(source=open_source(tmp_path))
    assert Service.objects.values_list("name", "description").get(pk=hostile_service.pk) == (
        original
    )


@pytest.mark.parametrize("text", HOSTILE.values(), ids=IDS)
def test_a_werktafel_invitation_with_a_hostile_name_is_one_safe_mail(
    text, django_capture_on_commit_callbacks
):
    chair = UserFactory(coordinator=True, email="ruud@steunsysteem.example.nl")
    table = WorktableFactory(name=storable(text)[:100], members=[chair])
    start = timezone.now() + dt.timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        worktables.meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location=storable(text)[:100],
            by=chair,
        )

    (message,) = mail.outbox
    rendered = message.message()  # refuses a line break in a header (BadHeaderError)
    assert rendered["To"] == "ruud@steunsysteem.example.nl"
    assert "Bcc" not in rendered
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert "\n" not in str(event["SUMMARY"]) and "\n" not in str(event["LOCATION"])


@pytest.mark.parametrize("text", HOSTILE.values(), ids=IDS)
def test_an_editor_typing_hostile_text_gets_a_page_or_a_form_error_never_a_crash(client, text):
    organization = OrganizationFactory(name="Stichting Samen Zingen")
    service = ServiceFactory(organization=organization, name="Zangkoor De Lijster")
    sign_in(client, UserFactory(editor=True, organizations=[organization]))
    url = reverse("directory:editor_service_edit", args=[service.pk])

    response = client.post(
        url, entry_form_data(organization, client=client, service=service, description=text)
    )

    assert response.status_code in (200, 302)
    if "\x00" in text:  # a form error on the page, nothing proposed
        assert response.status_code == 200
        assert not service.change_requests.exists()
    page = client.get(reverse("directory:editor_service", args=[service.pk]))
    assert page.status_code == 200
    assert_no_raw_markup(page.content.decode())


def test_a_form_post_larger_than_the_limit_is_refused_with_a_clear_page(settings, english):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = Client(enforce_csrf_checks=True)  # reads the form, as in production
    client.get(reverse("login"))  # the CSRF cookie

    response = client.post(reverse("login"), {"username": "koor " * 5000})

    assert response.status_code == 413
    assert "What you sent is too large." in response.content.decode()
    assert "koor koor" not in response.content.decode()


def test_a_post_with_too_many_fields_is_refused_with_a_clear_page(settings, english):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))

    response = client.post(reverse("login"), {f"veld{n}": "x" for n in range(60)})

    assert response.status_code == 413
    assert "What you sent is too large." in response.content.decode()


def test_the_api_refuses_too_many_parameters_as_problem_json(client, settings, english):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50

    response = client.get("/api/v1/services/", {f"p{n}": "x" for n in range(60)})

    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413


def test_the_limits_come_from_the_environment(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == int(2.5 * 1024 * 1024)
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
