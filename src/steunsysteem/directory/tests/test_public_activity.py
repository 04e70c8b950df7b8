"""On the page of an activity a visitor finds who to call, adds the next date to their
calendar, shares it and prints it for someone without internet; the search they came from
travels along and back (issue 12, points 3 and 4)."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from freezegun import freeze_time
from icalendar import Calendar

from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Contact, CostOption, Phone
from steunsysteem.directory.search import index_service
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def choir():
    """A weekly choir whose contact details are only known at its organisation."""
    organization = OrganizationFactory(name="Stichting Zang", email="info@zang.example")
    Phone.objects.create(organization=organization, number="030 123 45 67")
    Contact.objects.create(organization=organization, name="Els de Vries", title="coördinator")
    service = ServiceFactory(
        name="Koor Vrije Stem",
        description="Samen zingen zonder auditie.\x07 Iedereen is welkom.",
        organization=organization,
        email="",
    )
    location = LocationFactory(organization=organization, name="Buurthuis De Linde")
    AddressFactory(location=location, address_1="Lindelaan 4", postal_code="9901 AB")
    ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=service, byday="TU", opens_at="19:30", closes_at="21:00")
    index_service(service)
    return service


def page(client, service, name="directory:service_detail", query=""):
    return client.get(reverse(name, args=[service.pk]) + query)


# Who to ask -------------------------------------------------------------------------------


def test_the_organisations_phone_email_and_contact_person_are_on_the_activity_page(client, choir):
    html = page(client, choir).content.decode()
    assert 'href="tel:0301234567"' in html
    assert 'href="mailto:info@zang.example"' in html
    assert "Els de Vries" in html


def test_the_activitys_own_contact_details_come_before_the_organisations(client, choir):
    Phone.objects.create(service=choir, number="06 11 22 33 44")
    Contact.objects.create(service=choir, name="Joop Zanger")
    choir.email = "koor@zang.example"
    choir.save()
    html = page(client, choir).content.decode()
    assert 'href="tel:0611223344"' in html and "Joop Zanger" in html
    assert "tel:0301234567" not in html and "Els de Vries" not in html
    assert "info@zang.example" not in html


def test_an_activity_without_any_contact_details_says_so(client):
    service = ServiceFactory(organization=OrganizationFactory(email=""), email="")
    html = page(client, service).content.decode()
    assert "No phone number or e-mail address is known for this activity." in html


# Back to the search -----------------------------------------------------------------------


def test_going_back_from_an_activity_returns_to_the_same_search(client, choir):
    query = "?q=koor&free=on&day=TU&day=WE&page=2&next=https://evil.example"
    response = page(client, choir, query=query)
    back = response.content.decode().split('id="back-to-search" href="')[1].split('"')[0]
    assert back == "/sociale-kaart/?q=koor&amp;free=on&amp;day=TU&amp;day=WE&amp;page=2"


def test_the_search_travels_from_the_results_to_the_activity_and_its_organisation(client, choir):
    html = client.get(reverse("directory:search") + "?q=koor&free=on").content.decode()
    detail = reverse("directory:service_detail", args=[choir.pk])
    assert f'href="{detail}?q=koor&amp;free=on"' in html
    html = page(client, choir, query="?q=koor&free=on").content.decode()
    organization = reverse("directory:organization_detail", args=[choir.organization.pk])
    assert f'href="{organization}?q=koor&amp;free=on"' in html
    html = client.get(organization + "?q=koor&free=on").content.decode()
    assert 'id="back-to-search" href="/sociale-kaart/?q=koor&amp;free=on"' in html


def test_without_a_search_going_back_opens_the_sociale_kaart(client, choir):
    assert 'id="back-to-search" href="/sociale-kaart/"' in page(client, choir).content.decode()


# Add to my calendar ------------------------------------------------------------------------


@freeze_time("2026-12-03 12:00:00+01:00")  # a Thursday
def test_the_calendar_file_holds_the_next_date_with_time_place_and_link(client, choir):
    response = page(client, choir, "directory:service_calendar")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="koor-vrije-stem.ics"'
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Koor Vrije Stem"
    assert event.decoded("DTSTART") == dt.datetime(
        2026, 12, 8, 19, 30, tzinfo=event.decoded("DTSTART").tzinfo
    )
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    assert event.decoded("DTEND").time() == dt.time(21, 0)
    assert str(event["LOCATION"]) == "Buurthuis De Linde, Lindelaan 4, 9901 AB Partistad"
    description = str(event["DESCRIPTION"])
    assert "Samen zingen zonder auditie. Iedereen is welkom." in description
    assert "\x07" not in response.content.decode()
    assert f"/sociale-kaart/dienst/{choir.pk}/" in description
    assert b"ATTENDEE" not in response.content and b"ORGANIZER" not in response.content


def test_the_activity_page_offers_the_calendar_file_only_when_there_is_a_next_date(client, choir):
    assert 'id="add-to-calendar"' in page(client, choir).content.decode()
    without_times = ServiceFactory()
    assert 'id="add-to-calendar"' not in page(client, without_times).content.decode()
    assert page(client, without_times, "directory:service_calendar").status_code == 404


@pytest.mark.parametrize(
    "status", [ServiceStatus.DEFUNCT, ServiceStatus.INACTIVE, ServiceStatus.TEMPORARILY_CLOSED]
)
def test_an_activity_that_is_not_taking_place_has_no_calendar_file(client, choir, status):
    choir.status = status
    choir.save()
    assert 'id="add-to-calendar"' not in page(client, choir).content.decode()
    assert page(client, choir, "directory:service_calendar").status_code == 404


# Share and print -------------------------------------------------------------------------


def test_the_link_can_be_copied_and_mailed_without_javascript(client, choir):
    html = page(client, choir, query="?q=koor").content.decode()
    url = f"http://testserver/sociale-kaart/dienst/{choir.pk}/"
    assert f'id="share-link" value="{url}" readonly' in html
    assert f"body={quote(url, safe='')}" in html
    assert "subject=Koor%20Vrije%20Stem" in html
    # The copy button needs JavaScript, so it only appears when the script is there.
    assert 'id="copy-link" data-copy="share-link"' in html and "hidden>" in html


@freeze_time("2026-12-03 12:00:00+01:00")
def test_the_handout_holds_what_someone_without_internet_needs(client, choir):
    CostOption.objects.create(service=choir, amount=0)
    html = page(client, choir, "directory:service_handout").content.decode()
    assert "<h1" in html and "Koor Vrije Stem" in html
    assert "Samen zingen zonder auditie." in html
    assert "Every Tuesday 19:30–21:00".lower() in html.lower().replace("&ndash;", "–")
    assert "Tuesday 8 December, 19:30" in html
    assert "Lindelaan 4, 9901 AB Partistad" in html
    assert "030 123 45 67" in html and "info@zang.example" in html and "Els de Vries" in html
    assert "Free" in html
    assert f"http://testserver/sociale-kaart/dienst/{choir.pk}/" in html
    assert 'data-page="handout"' in html  # the print style leaves out header and menus


def test_the_handout_is_reachable_from_the_activity_page_and_comes_as_a_pdf(client, choir):
    assert (
        reverse("directory:service_handout", args=[choir.pk])
        in page(client, choir).content.decode()
    )
    handout = page(client, choir, "directory:service_handout").content.decode()
    assert reverse("directory:service_handout_pdf", args=[choir.pk]) in handout
    response = page(client, choir, "directory:service_handout_pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "name",
    ["directory:service_calendar", "directory:service_handout", "directory:service_handout_pdf"],
)
def test_an_unknown_activity_has_no_calendar_file_or_handout(client, name):
    assert (
        client.get(reverse(name, args=["8d2b0b9e-7c1a-4e0a-9d51-2f3a1c4b5e6f"])).status_code == 404
    )


@freeze_time("2026-12-03 12:00:00+01:00")  # a Thursday
def test_the_calendar_file_takes_the_first_date_over_every_place_with_that_places_address(client):
    service = ServiceFactory(name="Open atelier")
    far = ServiceAtLocationFactory(service=service, location=LocationFactory(name="Atelier Zuid"))
    near = ServiceAtLocationFactory(service=service, location=LocationFactory(name="Atelier Noord"))
    AddressFactory(location=far.location, address_1="Zuidweg 1")
    AddressFactory(location=near.location, address_1="Noordweg 9")
    ScheduleFactory(service=None, service_at_location=far, byday="MO")
    ScheduleFactory(service=None, service_at_location=near, byday="FR", closes_at=None)
    response = page(client, service, "directory:service_calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTSTART").date() == dt.date(2026, 12, 4)
    assert str(event["LOCATION"]).startswith("Atelier Noord, Noordweg 9")
    assert "DTEND" not in event  # no closing time known: no end is made up


@freeze_time("2026-12-03 12:00:00+01:00")
def test_a_time_of_the_activity_itself_at_several_places_has_no_place_in_the_calendar(client):
    service = ServiceFactory(name="Wandelen")
    ServiceAtLocationFactory(service=service)
    ServiceAtLocationFactory(service=service)
    ScheduleFactory(service=service, byday="SA")
    event = Calendar.from_ical(page(client, service, "directory:service_calendar").content).walk(
        "VEVENT"
    )[0]
    assert "LOCATION" not in event
