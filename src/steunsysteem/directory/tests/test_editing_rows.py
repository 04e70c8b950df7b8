"""User stories of an editor keeping the practical details current: times, opening hours,
phone numbers, the contact person, costs, languages and participation goals.

Each detail goes the whole way: the editor fills in the form, a coordinator approves, and a
visitor sees it on the public page and a consumer in the HSDS API (checked against the
official schema)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import services
from steunsysteem.directory.changes import describe_changes
from steunsysteem.directory.constants import ChangeRequestStatus
from steunsysteem.directory.models import (
    ChangeRequest,
    Contact,
    CostOption,
    Language,
    Phone,
    Schedule,
)
from steunsysteem.directory.vocabularies import PARTICIPATION_GOALS

from .entry_form import entry_form_data
from .factories import (
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)
from .test_api_hsds import assert_valid, get_json

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Assert on the English source strings, whatever the Dutch translation says."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def coordinator():
    return UserFactory(username="kees", coordinator=True)


def propose(client, service, **form) -> ChangeRequest:
    url = reverse("directory:editor_service_edit", args=[service.pk])
    response = client.post(
        url, entry_form_data(service.organization, client=client, service=service, **form)
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return ChangeRequest.objects.get(service=service, status=ChangeRequestStatus.PENDING)


def approve(request, coordinator, capture):
    with capture(execute=True):
        services.change_request_approve(change_request=request, by=coordinator)


def public_page(client, service) -> str:
    client.logout()
    return client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()


def hsds(client, service) -> dict:
    body = get_json(client, f"/api/hsds/services/{service.id}")
    assert_valid(body, "/services/{id}")
    return body


WEEKLY_ROW = {
    "frequency": "weekly",
    "days": ["TU", "TH"],
    "opens_at": "09:30",
    "closes_at": "11:30",
    "notes": "Niet in de schoolvakanties",
}

ROUND_TRIPS = {
    "weekly times": (
        {"rows": {"schedules": [WEEKLY_ROW]}},
        ["Every Tuesday and Thursday 9:30–11:30", "Niet in de schoolvakanties"],
        lambda body: (
            body["schedules"][0]["byday"] == "TU,TH"
            and body["schedules"][0]["opens_at"] == "09:30:00"
            and body["schedules"][0]["closes_at"] == "11:30:00"
            and body["schedules"][0]["notes"] == "Niet in de schoolvakanties"
        ),
    ),
    "every first Tuesday of the month": (
        {
            "rows": {
                "schedules": [
                    {
                        "frequency": "monthly",
                        "days": ["TU"],
                        "week_of_month": "1",
                        "opens_at": "19:00",
                        "closes_at": "21:00",
                    }
                ]
            }
        },
        ["Every first Tuesday of the month 19:00–21:00"],
        lambda body: (
            body["schedules"][0]["freq"] == "MONTHLY" and body["schedules"][0]["byday"] == "1TU"
        ),
    ),
    "every last Friday of the month": (
        {
            "rows": {
                "schedules": [
                    {
                        "frequency": "monthly",
                        "days": ["FR"],
                        "week_of_month": "-1",
                        "opens_at": "17:00",
                    }
                ]
            }
        },
        ["Every last Friday of the month from 17:00"],
        lambda body: (
            body["schedules"][0]["byday"] == "-1FR" and "closes_at" not in body["schedules"][0]
        ),
    ),
    "every other week": (
        {
            "rows": {
                "schedules": [
                    {
                        "frequency": "biweekly",
                        "days": ["WE"],
                        "starts_on": "2025-01-08",
                        "opens_at": "14:00",
                        "closes_at": "16:00",
                    }
                ]
            }
        },
        ["Every other week on Wednesday 14:00–16:00"],
        lambda body: (
            body["schedules"][0]["interval"] == 2
            and body["schedules"][0]["dtstart"] == "2025-01-08"
        ),
    ),
    "phone number": (
        {"rows": {"phones": [{"number": "030 123 45 67", "description": "Op werkdagen"}]}},
        ['href="tel:0301234567"', "(Op werkdagen)"],
        lambda body: body["phones"][0]["number"] == "030 123 45 67",
    ),
    "contact person": (
        {
            "rows": {
                "contacts": [
                    {
                        "name": "Fatima Bakker",
                        "title": "Gastvrouw",
                        "phone": "06 1234 5678",
                        "email": "gastvrouw@delinde.example",
                    }
                ]
            }
        },
        ["Fatima Bakker (Gastvrouw)", 'href="tel:0612345678"', "gastvrouw@delinde.example"],
        lambda body: (
            body["contacts"][0]["name"] == "Fatima Bakker"
            and body["contacts"][0]["title"] == "Gastvrouw"
            and body["contacts"][0]["phones"][0]["number"] == "06 1234 5678"
        ),
    ),
    "a price": (
        {"rows": {"costs": [{"amount": "2.50", "per": "per keer", "condition": ""}]}},
        ["€ 2.50 per keer"],
        lambda body: (
            body["cost_options"][0]["amount"] == 2.5
            and body["cost_options"][0]["amount_description"] == "per keer"
        ),
    ),
    "free of charge": (
        {"rows": {"costs": [{"amount": "0", "per": "", "condition": ""}]}},
        ['<li class="utrecht-unordered-list__item">Free</li>'],
        lambda body: body["cost_options"][0]["amount"] == 0,
    ),
    "languages": (
        {"languages": ["ar", "nl"]},
        ["Arabisch, Nederlands"],
        lambda body: sorted(language["code"] for language in body["languages"]) == ["ar", "nl"],
    ),
    "participation goals": (
        {"participation_goals": ["social_contacts"]},
        ["Helps with", "Social contacts"],
        lambda body: (
            str(PARTICIPATION_GOALS.term_id("social_contacts"))
            in {attribute["taxonomy_term_id"] for attribute in body["attributes"]}
        ),
    ),
}


@pytest.mark.parametrize("form, on_the_page, in_hsds", ROUND_TRIPS.values(), ids=ROUND_TRIPS)
def test_each_detail_goes_from_the_editor_through_review_to_the_public_page_and_hsds(
    client,
    editor,
    coordinator,
    service,
    django_capture_on_commit_callbacks,
    form,
    on_the_page,
    in_hsds,
):
    sign_in(client, editor)
    request = propose(client, service, **form)

    # Not public before a coordinator approves it.
    before = public_page(client, service)
    assert not all(text in before for text in on_the_page)

    approve(request, coordinator, django_capture_on_commit_callbacks)

    page = public_page(client, service)
    for text in on_the_page:
        assert text in page
    assert in_hsds(hsds(client, service))


def test_opening_hours_of_the_location_go_to_the_public_page_and_hsds(
    client, editor, coordinator, service, location, django_capture_on_commit_callbacks
):
    sign_in(client, editor)
    hours = {
        "location": str(location.pk),
        "frequency": "weekly",
        "days": ["MO", "TU", "WE", "TH", "FR"],
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    request = propose(client, service, rows={"location_hours": [hours]})
    approve(request, coordinator, django_capture_on_commit_callbacks)

    page = public_page(client, service)
    assert "Opening hours" in page
    assert "Every weekday 9:00–17:00" in page
    [schedule] = Schedule.objects.filter(location=location)
    assert schedule.service_id is None
    body = hsds(client, service)
    [at_location] = body["service_at_locations"]
    assert at_location["location"]["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert body["schedules"] == []


def test_an_untouched_form_with_every_kind_of_row_is_not_a_change(editor_client, service, location):
    ScheduleFactory(service=service, freq="MONTHLY", byday="1TU", notes="Met soep")
    ScheduleFactory(service=None, location=location, byday="MO,TU", opens_at="09:00")
    Phone.objects.create(service=service, number="030 123 45 67", description="Balie")
    contact = Contact.objects.create(service=service, name="Fatima", title="Gastvrouw")
    Phone.objects.create(contact=contact, number="06 1234 5678")
    CostOption.objects.create(service=service, amount="2.50", amount_description="per keer")
    Language.objects.create(service=service, code="nl", name="Nederlands")
    url = reverse("directory:editor_service_edit", args=[service.pk])

    response = editor_client.post(
        url, entry_form_data(service.organization, client=editor_client, service=service)
    )

    assert "You did not change anything" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_changing_one_time_keeps_the_other_rows_and_their_ids(
    client, editor, coordinator, service, django_capture_on_commit_callbacks
):
    kept = ScheduleFactory(service=service, byday="MO", opens_at="10:00", closes_at="12:00")
    ScheduleFactory(service=service, byday="WE", opens_at="10:00", closes_at="12:00")
    sign_in(client, editor)
    snapshot = services.service_snapshot(service)
    wednesday = next(
        i for i, row in enumerate(snapshot["schedules"]) if row["byday"] == "WE"
    )  # rows are shown in a fixed order

    request = propose(
        client,
        service,
        remove={"schedules": [wednesday]},
        rows={"schedules": [{**WEEKLY_ROW, "days": ["FR"], "notes": ""}]},
    )
    approve(request, coordinator, django_capture_on_commit_callbacks)

    rows = {s.byday: s for s in Schedule.objects.filter(service=service)}
    assert set(rows) == {"MO", "FR"}
    assert rows["MO"].pk == kept.pk


def test_times_the_form_cannot_show_are_listed_and_kept(
    client, editor, coordinator, service, django_capture_on_commit_callbacks
):
    course = ScheduleFactory(
        service=service, byday="WE", valid_from=datetime.date(2030, 4, 2), count=6
    )
    sign_in(client, editor)
    form = client.get(reverse("directory:editor_service_edit", args=[service.pk])).content
    assert 'id="fixed-times"' in form.decode()
    assert "6 times" in form.decode()

    request = propose(client, service, rows={"schedules": [WEEKLY_ROW]})
    approve(request, coordinator, django_capture_on_commit_callbacks)

    assert Schedule.objects.filter(pk=course.pk).exists()
    assert Schedule.objects.filter(service=service).count() == 2


def test_the_reviewer_sees_old_and_new_times_side_by_side(client, editor, coordinator, service):
    ScheduleFactory(service=service, byday="TU", opens_at="10:00", closes_at="12:00")
    sign_in(client, editor)
    request = propose(
        client,
        service,
        remove={"schedules": [0]},
        rows={
            "schedules": [WEEKLY_ROW],
            "phones": [{"number": "030 123 45 67", "description": ""}],
        },
    )
    sign_in(client, coordinator)

    html = client.get(reverse("directory:review_detail", args=[request.pk])).content.decode()

    assert "<del>Every Tuesday 10:00–12:00</del>" in html
    assert "<ins>Every Tuesday and Thursday 9:30–11:30 — Niet in de schoolvakanties</ins>" in html
    assert "Phone numbers" in html
    assert "<ins>030 123 45 67</ins>" in html


def test_approving_is_one_audited_step_that_names_fields_not_values(
    client, editor, coordinator, service, django_capture_on_commit_callbacks
):
    sign_in(client, editor)
    contact = {"name": "Fatima Bakker", "title": "", "phone": "", "email": ""}
    request = propose(client, service, rows={"contacts": [contact]})

    approve(request, coordinator, django_capture_on_commit_callbacks)

    entry = AuditEntry.objects.get(object_id=str(service.pk))
    assert entry.action == "update"
    assert entry.actor_user_id == coordinator.pk
    assert entry.fields == ["contacts"]
    assert "Fatima" not in str(entry.__dict__)


def test_a_failing_write_leaves_the_entry_and_the_request_as_they_were(
    client, editor, coordinator, service, monkeypatch
):
    sign_in(client, editor)
    request = propose(
        client,
        service,
        rows={
            "schedules": [WEEKLY_ROW],
            "phones": [{"number": "030 123 45 67", "description": ""}],
        },
    )

    def broken(service, rows):
        raise RuntimeError("disk full")

    monkeypatch.setitem(services.ROW_FIELDS, "phones", (services.ROW_FIELDS["phones"][0], broken))
    with pytest.raises(RuntimeError):
        services.change_request_approve(change_request=request, by=coordinator)

    assert not Schedule.objects.filter(service=service).exists()
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING
    assert not AuditEntry.objects.filter(object_id=str(service.pk)).exists()


def test_new_opening_hours_refresh_the_search_entries_of_every_activity_there(
    client,
    editor,
    coordinator,
    service,
    location,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    neighbour = ServiceFactory(organization=service.organization, name="Koffieochtend")
    ServiceAtLocationFactory(service=neighbour, location=location)
    indexed = []
    monkeypatch.setattr(services, "index_service", lambda s: indexed.append(s.pk))
    sign_in(client, editor)
    hours = {**WEEKLY_ROW, "location": str(location.pk), "notes": ""}
    request = propose(client, service, rows={"location_hours": [hours]})

    approve(request, coordinator, django_capture_on_commit_callbacks)

    assert set(indexed) == {service.pk, neighbour.pk}


def test_a_new_entry_comes_with_its_times_and_leaves_the_opening_hours_alone(
    client, editor, coordinator, organization, location, django_capture_on_commit_callbacks
):
    hours = ScheduleFactory(service=None, location=location, byday="MO", opens_at="09:00")
    sign_in(client, editor)
    url = reverse("directory:editor_service_create", args=[organization.pk])
    data = entry_form_data(
        organization,
        client=client,
        name="Kaartclub",
        status="active",
        locations=[str(location.pk)],
        rows={"schedules": [WEEKLY_ROW]},
    )
    assert client.post(url, data).status_code == 302
    request = ChangeRequest.objects.get()
    assert "location_hours" not in request.data

    with django_capture_on_commit_callbacks(execute=True):
        service = services.change_request_approve(change_request=request, by=coordinator)

    assert Schedule.objects.filter(pk=hours.pk).exists()
    assert Schedule.objects.get(service=service).byday == "TU,TH"
    assert AuditEntry.objects.get(object_id=str(service.pk)).action == "create"


def test_the_reviewer_reads_new_times_in_week_order(editor, service):
    def row(byday, opens_at, freq="WEEKLY"):
        return {
            "freq": freq,
            "interval": 1,
            "byday": byday,
            "dtstart": None,
            "opens_at": opens_at,
            "closes_at": None,
            "notes": "",
        }

    request = services.change_request_submit_update(
        service=service,
        values={
            **services.service_snapshot(service),
            "schedules": [row("1WE", "18:00", "MONTHLY"), row("TU", "19:00"), row("TU", "09:30")],
        },
        by=editor,
    )

    with translation.override("en"):
        [described] = describe_changes([request])
    [(label, old, new)] = described.rows
    assert label == "Times"
    assert new.split("\n") == [
        "Every Tuesday from 9:30",
        "Every Tuesday from 19:00",
        "Every first Wednesday of the month from 18:00",
    ]
