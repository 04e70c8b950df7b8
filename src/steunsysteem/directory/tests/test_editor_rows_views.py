"""What an editor is told when a time, phone number, contact or price is not right, what a
provider editor of another organisation cannot do, and the "Deze week" programme."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import service_rows, services
from steunsysteem.directory.models import ChangeRequest, Schedule

from .entry_form import entry_form_data
from .factories import (
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def post_rows(client, service, **rows):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    return client.post(
        url, entry_form_data(service.organization, client=client, service=service, rows=rows)
    )


TIME = {"frequency": "weekly", "days": ["TU"], "opens_at": "10:00", "closes_at": "12:00"}

REFUSED = {
    "end before start": (
        {"schedules": [{**TIME, "opens_at": "14:00", "closes_at": "13:00"}]},
        "times-0-closes_at",
        "The end time must be later than the start time.",
    ),
    "end equal to start": (
        {"schedules": [{**TIME, "closes_at": "10:00"}]},
        "times-0-closes_at",
        "The end time must be later than the start time.",
    ),
    "the fifth Tuesday": (
        {"schedules": [{**TIME, "frequency": "monthly", "week_of_month": "5"}]},
        "times-0-week_of_month",
        "Not every month has a fifth week. Choose first, second, third, fourth or last.",
    ),
    "once a month without a week": (
        {"schedules": [{**TIME, "frequency": "monthly"}]},
        "times-0-week_of_month",
        "Choose which week of the month, for example the first.",
    ),
    "a week of the month for a weekly time": (
        {"schedules": [{**TIME, "week_of_month": "1"}]},
        "times-0-week_of_month",
        "Choose &#x27;Once a month&#x27; at &#x27;How often&#x27;",
    ),
    "no day": (
        {"schedules": [{**TIME, "days": []}]},
        "times-0-days",
        "Choose at least one day.",
    ),
    "no start time": (
        {"schedules": [{**TIME, "opens_at": ""}]},
        "times-0-opens_at",
        "Fill in the start time, for example 10:00.",
    ),
    "every other week without a date": (
        {"schedules": [{**TIME, "frequency": "biweekly"}]},
        "times-0-starts_on",
        "Fill in a date it takes place, so we know which weeks.",
    ),
    "a phone number in words": (
        {"phones": [{"number": "bel de balie"}]},
        "phones-0-number",
        "Write the phone number with digits only, for example 030 123 45 67.",
    ),
    "a contact without name or role": (
        {"contacts": [{"email": "balie@delinde.example"}]},
        "contacts-0-name",
        "Fill in a name or a role.",
    ),
    "a contact's e-mail that is not one": (
        {"contacts": [{"name": "Fatima", "email": "fatima-at-delinde"}]},
        "contacts-0-email",
        "Enter a valid email address.",
    ),
    "a price without an amount or description": (
        {"costs": [{"per": ""}, {"amount": "", "condition": "", "per": "per keer"}]},
        "costs-1-per",
        "Fill in an amount too, or leave &#x27;Per&#x27; empty.",
    ),
    "a negative price": (
        {"costs": [{"amount": "-2"}]},
        "costs-0-amount",
        "The amount cannot be less than 0.",
    ),
    "opening hours without a location": (
        {"location_hours": [{**TIME, "location": ""}]},
        "hours-0-location",
        "Choose the location these opening hours are for.",
    ),
}


@pytest.mark.parametrize("rows, field, message", REFUSED.values(), ids=REFUSED)
def test_a_wrong_detail_gets_a_specific_message_and_changes_nothing(
    editor_client, service, rows, field, message
):
    response = post_rows(editor_client, service, **rows)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert message in html.split(f'id="id_{field}_error"')[1].split("</div>")[0]
    assert 'id="form-errors"' in html
    assert not ChangeRequest.objects.exists()


def test_a_time_row_only_half_filled_in_is_not_silently_dropped(editor_client, service):
    response = post_rows(editor_client, service, schedules=[{"days": ["MO"]}])

    assert 'id="id_times-0-opens_at_error"' in response.content.decode()


def test_opening_hours_only_for_the_organisations_own_locations(editor_client, service):
    elsewhere = LocationFactory(name="Elders")
    ScheduleFactory(service=None, location=elsewhere, byday="MO")

    response = post_rows(
        editor_client, service, location_hours=[{**TIME, "location": str(elsewhere.pk)}]
    )

    assert 'id="id_hours-0-location_error"' in response.content.decode()
    assert "Elders" not in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_proposal_naming_another_organisations_location_does_not_touch_it(service):
    """Defence in depth: even a stored proposal cannot write another organisation's hours."""
    elsewhere = LocationFactory(name="Elders")
    theirs = ScheduleFactory(service=None, location=elsewhere, byday="MO")
    row = {
        "freq": "WEEKLY",
        "interval": 1,
        "byday": "FR",
        "dtstart": None,
        "opens_at": "10:00",
        "closes_at": None,
        "notes": "",
        "location": str(elsewhere.pk),
    }

    service_rows.write_location_hours(service, [row])

    assert list(Schedule.objects.filter(location=elsewhere)) == [theirs]


def test_the_form_offers_the_participatiewiel_and_languages(editor_client, service):
    html = editor_client.get(
        reverse("directory:editor_service_edit", args=[service.pk])
    ).content.decode()

    assert "Participation goals" in html
    assert 'value="social_contacts"' in html
    assert 'value="ar"' in html
    assert 'name="times-TOTAL_FORMS"' in html
    assert '<input type="time" name="times-0-opens_at"' in html


def test_a_language_that_is_not_offered_is_refused(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    data = entry_form_data(
        service.organization, client=editor_client, service=service, languages=["xx"]
    )

    response = editor_client.post(url, data)

    assert 'id="id_languages_error"' in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_an_editor_of_another_organisation_cannot_propose_or_see_pending_times(
    client, editor, service
):
    services.change_request_submit_update(
        service=service,
        values={
            **services.service_snapshot(service),
            "schedules": [
                {
                    "freq": "WEEKLY",
                    "interval": 1,
                    "byday": "TU",
                    "dtstart": None,
                    "opens_at": "10:00",
                    "closes_at": None,
                    "notes": "Geheime wijziging",
                }
            ],
        },
        by=editor,
    )
    other = UserFactory(username="ali", editor=True, organizations=[OrganizationFactory()])
    sign_in(client, other)

    edit = reverse("directory:editor_service_edit", args=[service.pk])
    assert client.get(edit).status_code == 403
    data = entry_form_data(service.organization, service=service, rows={"schedules": [TIME]})
    assert client.post(edit, data).status_code == 403
    detail = client.get(reverse("directory:editor_service", args=[service.pk]))
    assert detail.status_code == 403
    request = ChangeRequest.objects.get()
    review = client.get(reverse("directory:review_detail", args=[request.pk]))
    assert review.status_code == 403
    week = client.get(reverse("directory:editor_week")).content.decode()
    assert "Inloop De Linde" not in week
    assert ChangeRequest.objects.count() == 1


# "Deze week" -----------------------------------------------------------------------------

MONDAY = datetime.date(2025, 3, 10)  # the week of 10 to 16 March 2025; 4 March was a Tuesday


@pytest.fixture
def programme(organization, service):
    ScheduleFactory(service=service, byday="TU,TH", opens_at="09:30", closes_at="11:30")
    monthly = ServiceFactory(organization=organization, name="Soepavond")
    ScheduleFactory(
        service=monthly, freq="MONTHLY", byday="2WE", opens_at="18:00", closes_at="20:00"
    )
    first_tuesday = ServiceFactory(organization=organization, name="Repair café")
    ScheduleFactory(service=first_tuesday, freq="MONTHLY", byday="1TU", opens_at="13:00")
    ServiceFactory(organization=organization, name="Wandelgroep")  # no times known
    closed = ServiceFactory(organization=organization, name="Zangkoor", closed=True)
    ScheduleFactory(service=closed, byday="FR")
    gone = ServiceFactory(organization=organization, name="Opgeheven", defunct=True)
    ScheduleFactory(service=gone, byday="FR")
    ScheduleFactory(service=ServiceFactory(name="Van een ander"), byday="TU")


def day_section(html: str, heading: str) -> str:
    return html.split(f">{heading}</h2>")[1].split("</section>")[0]


@freeze_time("2025-03-12 12:00")
def test_the_host_sees_this_weeks_programme_with_times_and_a_change_link(
    editor_client, programme, service
):
    html = editor_client.get(reverse("directory:editor_week")).content.decode()

    assert "<h1" in html and "This week" in html
    tuesday = day_section(html, "Tuesday 11 March")
    assert "09:30–11:30" in tuesday
    assert "Inloop De Linde" in tuesday
    edit = reverse("directory:editor_service_edit", args=[service.pk])
    assert f'href="{edit}"' in tuesday
    assert "Repair café" not in tuesday  # the first Tuesday was 4 March
    assert "Soepavond" in day_section(html, "Wednesday 12 March")
    assert "Inloop De Linde" in day_section(html, "Thursday 13 March")
    friday = day_section(html, "Friday 14 March")
    assert "Zangkoor" in friday and "temporarily closed" in friday
    assert "Opgeheven" not in html
    assert "Van een ander" not in html
    assert "Wandelgroep" in day_section(html, "Without times this week")
    assert "Nothing on this day." in day_section(html, "Monday 10 March")


@freeze_time("2025-03-12 12:00")
def test_the_host_looks_ahead_to_next_week(editor_client, programme):
    url = reverse("directory:editor_week")
    html = editor_client.get(url, {"week": "2025-03-17"}).content.decode()

    assert "Week of 17 March to 23 March 2025" in html
    assert "Inloop De Linde" in day_section(html, "Tuesday 18 March")
    assert 'href="?week=2025-03-10"' in html  # back to this week


@freeze_time("2025-03-12 12:00")
def test_a_pending_change_is_marked_in_the_programme(editor_client, editor, programme, service):
    services.change_request_submit_update(
        service=service,
        values={**services.service_snapshot(service), "alert": "Dicht op 1 april."},
        by=editor,
    )

    html = editor_client.get(reverse("directory:editor_week")).content.decode()

    assert "a change is waiting for review" in day_section(html, "Tuesday 11 March")


@freeze_time("2025-03-12 12:00")
def test_a_wrong_week_in_the_address_shows_this_week(editor_client, programme):
    html = editor_client.get(reverse("directory:editor_week"), {"week": "gisteren"})

    assert "Tuesday 11 March" in html.content.decode()


def test_the_programme_is_reachable_from_my_entries(editor_client):
    html = editor_client.get(reverse("directory:editor_dashboard")).content.decode()

    assert f'href="{reverse("directory:editor_week")}"' in html


def test_people_who_keep_no_entries_do_not_get_the_programme(client):
    sign_in(client, UserFactory(username="pieter", professional=True))

    assert client.get(reverse("directory:editor_week")).status_code == 403


# Forms that count once -----------------------------------------------------------------------


def test_a_new_entry_sent_twice_is_proposed_once(editor_client, organization):
    url = reverse("directory:editor_service_create", args=[organization.pk])
    data = entry_form_data(organization, client=editor_client, name="Kaartclub", status="active")

    first = editor_client.post(url, data, follow=True)
    second = editor_client.post(url, data, follow=True)

    assert ChangeRequest.objects.filter(kind="create").count() == 1
    assert "A coordinator will check the new entry soon." in first.content.decode()
    assert "This was already sent" in second.content.decode()


def test_a_change_sent_twice_is_proposed_once(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    data = entry_form_data(
        service.organization, client=editor_client, service=service, rows={"schedules": [TIME]}
    )

    editor_client.post(url, data)
    editor_client.post(url, data)

    assert ChangeRequest.objects.count() == 1


def test_a_form_without_its_token_writes_nothing_and_says_why(editor_client, service):
    url = reverse("directory:editor_service_edit", args=[service.pk])
    data = entry_form_data(service.organization, service=service, rows={"schedules": [TIME]})

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "This form was open for a long time" in response.content.decode()
    assert not ChangeRequest.objects.exists()
