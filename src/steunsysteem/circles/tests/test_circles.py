"""Telephone circles: the order closes the gap when someone is away or leaves, the last one
calls the coordinator, a missed call reaches the coordinator, and members see only their
neighbours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.buddies.tests.factories import ProjectCoordinatorFactory
from steunsysteem.circles import services
from steunsysteem.circles.models import CallReport
from steunsysteem.circles.schedule import circle_day, circle_week
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.outbox.services import outbox_deliver
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

from .factories import AbsenceFactory, CircleFactory, CircleMemberFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 12, 7)


def five(circle=None):
    circle = circle or CircleFactory()
    names = ["Anna", "Bert", "Cor", "Dini", "Els"]
    return circle, [
        CircleMemberFactory(circle=circle, position=index + 1, first_name=name)
        for index, name in enumerate(names)
    ]


def chain(day):
    return [
        (call.caller.first_name, call.callee.first_name if call.callee else "coordinator")
        for call in day.calls
    ]


def test_each_calls_the_next_and_the_last_calls_the_coordinator():
    circle, _members = five()
    assert chain(circle_day(circle, MONDAY)) == [
        ("Anna", "Bert"),
        ("Bert", "Cor"),
        ("Cor", "Dini"),
        ("Dini", "Els"),
        ("Els", "coordinator"),
    ]


def test_a_week_with_one_person_away_closes_the_gap_on_those_days_only():
    circle, members = five()
    AbsenceFactory(
        member=members[2],
        starts_on=MONDAY + dt.timedelta(days=2),
        ends_on=MONDAY + dt.timedelta(days=4),
    )
    week = circle_week(circle, MONDAY)
    assert [day.date for day in week] == [MONDAY + dt.timedelta(days=n) for n in range(7)]
    for day in week:
        away = MONDAY + dt.timedelta(days=2) <= day.date <= MONDAY + dt.timedelta(days=4)
        if away:
            assert ("Bert", "Dini") in chain(day)
            assert "Cor" not in {name for pair in chain(day) for name in pair}
            assert [m.first_name for m in day.away] == ["Cor"]
        else:
            assert ("Bert", "Cor") in chain(day) and ("Cor", "Dini") in chain(day)
            assert day.away == []
        assert chain(day)[-1] == ("Els", "coordinator")


def test_when_the_last_one_is_away_the_one_before_calls_the_coordinator():
    circle, members = five()
    AbsenceFactory(member=members[4], starts_on=MONDAY, ends_on=MONDAY)
    assert chain(circle_day(circle, MONDAY))[-1] == ("Dini", "coordinator")


def test_when_the_first_one_is_away_the_second_starts():
    circle, members = five()
    AbsenceFactory(member=members[0], starts_on=MONDAY, ends_on=MONDAY)
    assert chain(circle_day(circle, MONDAY))[0] == ("Bert", "Cor")


def test_a_weekly_circle_calls_on_its_day_only():
    circle, _members = five(CircleFactory(weekly=True))
    assert [day.date for day in circle_week(circle, MONDAY)] == [MONDAY + dt.timedelta(days=2)]


def test_someone_who_left_is_out_of_the_order():
    circle, members = five()
    services.circle_member_leave(member=members[1], by=circle.coordinator)
    assert ("Anna", "Cor") in chain(circle_day(circle, MONDAY))


def test_moving_someone_up_swaps_them_with_the_one_before():
    circle, members = five()
    services.circle_member_move_up(member=members[3], by=circle.coordinator)
    assert [c.caller.first_name for c in circle_day(circle, MONDAY).calls] == [
        "Anna",
        "Bert",
        "Dini",
        "Cor",
        "Els",
    ]


def test_the_first_cannot_move_up():
    circle, members = five()
    with pytest.raises(services.CircleError):
        services.circle_member_move_up(member=members[0], by=circle.coordinator)


def test_only_a_coordinator_forms_a_circle():
    with pytest.raises(services.CircleError):
        services.circle_create(
            name="X",
            coordinator_phone="1",
            frequency="daily",
            call_time=dt.time(9),
            by=UserFactory(professional=True),
        )
    circle = services.circle_create(
        name="Ochtendcirkel",
        coordinator_phone="040-1",
        frequency="daily",
        call_time=dt.time(9),
        by=UserFactory(coordinator=True),
    )
    assert circle.weekday is None


def test_a_weekly_circle_needs_its_day():
    with pytest.raises(services.CircleError):
        services.circle_create(
            name="X",
            coordinator_phone="1",
            frequency="weekly",
            call_time=dt.time(9),
            by=UserFactory(coordinator=True),
        )


def test_a_participant_joins_only_with_consent_to_the_coordinator():
    circle = CircleFactory()
    nuray = ParticipantFactory(name="Nuray Yilmaz")
    kwargs = dict(
        circle=circle,
        first_name="Nuray",
        phone="06-1",
        agreed_on=timezone.localdate(),
        by=circle.coordinator,
        participant=nuray,
    )
    with pytest.raises(services.CircleError):
        services.circle_member_add(**kwargs)
    ConsentGrantFactory(
        participant=nuray, grantee_user=circle.coordinator, scope=ConsentScope.NOTES
    )
    with pytest.raises(services.CircleError):  # another scope does not do
        services.circle_member_add(**kwargs)
    ConsentGrantFactory(participant=nuray, grantee_user=circle.coordinator)
    member = services.circle_member_add(**kwargs)
    assert member.position == 1
    entry = AuditEntry.objects.filter(object_id=str(nuray.pk)).latest("pk")
    assert entry.legal_basis.startswith("consent:")
    assert "Nuray" not in str(entry.fields)


def _own_volunteer(circle, **kwargs):
    """A volunteer of an organisation the circle's coordinator works for."""
    organization = OrganizationFactory()
    circle.coordinator.organizations.add(organization)
    return UserFactory(volunteer=True, organizations=[organization], **kwargs)


def test_a_member_is_added_at_the_end_once():
    circle, _members = five()
    volunteer = _own_volunteer(circle)
    member = services.circle_member_add(
        circle=circle,
        first_name="Fien",
        phone="06-2",
        agreed_on=timezone.localdate(),
        by=circle.coordinator,
        volunteer=volunteer,
    )
    assert member.position == 6
    with pytest.raises(services.CircleError):
        services.circle_member_add(
            circle=circle,
            first_name="Fien",
            phone="06-2",
            agreed_on=timezone.localdate(),
            by=circle.coordinator,
            volunteer=volunteer,
        )


def test_a_volunteer_of_another_organisation_is_not_accepted():
    circle, _members = five()
    _own_volunteer(circle)
    stranger = UserFactory(volunteer=True, organizations=[OrganizationFactory()])
    with pytest.raises(services.CircleError):
        services.circle_member_add(
            circle=circle,
            first_name="Vera",
            phone="06-3",
            agreed_on=timezone.localdate(),
            by=circle.coordinator,
            volunteer=stranger,
        )
    assert not circle.members.filter(volunteer=stranger).exists()


def test_a_volunteer_of_the_maatjesproject_the_coordinator_runs_is_accepted():
    circle, _members = five()
    project = OrganizationFactory()
    ProjectCoordinatorFactory(project=project, user=circle.coordinator)
    kees = UserFactory(volunteer=True, organizations=[project])
    member = services.circle_member_add(
        circle=circle,
        first_name="Kees",
        phone="06-4",
        agreed_on=timezone.localdate(),
        by=circle.coordinator,
        volunteer=kees,
    )
    assert member.volunteer == kees


def test_a_volunteer_without_an_organisation_is_not_accepted():
    circle, _members = five()
    with pytest.raises(services.CircleError):
        services.circle_member_add(
            circle=circle,
            first_name="Vera",
            phone="06-3",
            agreed_on=timezone.localdate(),
            by=circle.coordinator,
            volunteer=UserFactory(volunteer=True),
        )


def test_the_add_form_lists_only_the_coordinators_own_volunteers(client):
    circle, _members = five()
    own = _own_volunteer(circle, first_name="Eigen", last_name="Vrijwilliger")
    stranger = UserFactory(
        volunteer=True,
        first_name="Vreemde",
        last_name="Vrijwilliger",
        organizations=[OrganizationFactory()],
    )
    UserFactory(volunteer=True, first_name="Zonder", last_name="Organisatie")
    sign_in(client, circle.coordinator)
    html = client.get(reverse("circles:member_add", args=[circle.pk])).content.decode()
    assert f'value="v:{own.pk}"' in html
    assert f'value="v:{stranger.pk}"' not in html
    assert "Vreemde" not in html
    assert "Zonder" not in html


def test_a_volunteer_of_another_organisation_posted_by_hand_is_refused(client):
    circle, _members = five()
    _own_volunteer(circle)
    stranger = UserFactory(volunteer=True, organizations=[OrganizationFactory()])
    url = reverse("circles:member_add", args=[circle.pk])
    sign_in(client, circle.coordinator)
    response = client.post(
        url,
        {
            "person": f"v:{stranger.pk}",
            "first_name": "Vera",
            "phone": "06-3",
            "agreed_on": timezone.localdate().isoformat(),
            "form_token": form_token_for(client, url),
        },
    )
    assert response.status_code == 200
    assert not circle.members.filter(volunteer=stranger).exists()


def test_only_a_volunteer_account_joins_as_a_volunteer():
    circle = CircleFactory()
    with pytest.raises(services.CircleError):
        services.circle_member_add(
            circle=circle,
            first_name="Piet",
            phone="06-3",
            agreed_on=timezone.localdate(),
            by=circle.coordinator,
            volunteer=UserFactory(professional=True),
        )


def test_another_coordinator_cannot_add_members():
    circle = CircleFactory()
    with pytest.raises(services.CircleError):
        services.circle_member_add(
            circle=circle,
            first_name="Piet",
            phone="06-3",
            agreed_on=timezone.localdate(),
            by=UserFactory(coordinator=True),
            volunteer=UserFactory(volunteer=True),
        )


def test_a_member_says_when_they_are_away_but_not_for_someone_else():
    circle, members = five()
    anna = members[0]
    today = timezone.localdate()
    services.absence_record(member=anna, starts_on=today, ends_on=today, by=anna.volunteer)
    with pytest.raises(services.CircleError):
        services.absence_record(
            member=members[1], starts_on=today, ends_on=today, by=anna.volunteer
        )


def test_an_absence_cannot_end_before_it_starts_or_lie_in_the_past():
    circle, members = five()
    today = timezone.localdate()
    with pytest.raises(services.CircleError):
        services.absence_record(
            member=members[0],
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            by=circle.coordinator,
        )
    with pytest.raises(services.CircleError):
        services.absence_record(
            member=members[0],
            starts_on=today - dt.timedelta(days=5),
            ends_on=today - dt.timedelta(days=2),
            by=circle.coordinator,
        )


def test_a_missed_call_alerts_the_coordinator_without_names(django_capture_on_commit_callbacks):
    circle, members = five()
    bert = members[1]
    with django_capture_on_commit_callbacks(execute=True):
        report = services.call_report(
            circle=circle,
            caller=bert,
            on_date=timezone.localdate(),
            reached=False,
            by=bert.volunteer,
        )
    assert report.callee.first_name == "Cor"
    assert list(CallReport.objects.open()) == [report]
    outbox_deliver()
    [message] = mail.outbox
    assert message.to == [circle.coordinator.email]
    assert "Cor" not in message.body and "Bert" not in message.body
    services.call_report_follow_up(report=report, by=circle.coordinator)
    assert not CallReport.objects.open().exists()


def test_a_call_that_got_through_raises_no_alert(django_capture_on_commit_callbacks):
    circle, members = five()
    with django_capture_on_commit_callbacks(execute=True):
        services.call_report(
            circle=circle,
            caller=members[0],
            on_date=timezone.localdate(),
            reached=True,
            by=members[0].volunteer,
        )
    outbox_deliver()
    assert mail.outbox == []
    assert not CallReport.objects.open().exists()


def test_a_member_reports_only_their_own_call_once():
    circle, members = five()
    today = timezone.localdate()
    with pytest.raises(services.CircleError):
        services.call_report(
            circle=circle, caller=members[1], on_date=today, reached=True, by=members[0].volunteer
        )
    services.call_report(
        circle=circle, caller=members[0], on_date=today, reached=True, by=members[0].volunteer
    )
    with pytest.raises(services.CircleError):
        services.call_report(
            circle=circle, caller=members[0], on_date=today, reached=True, by=members[0].volunteer
        )


def test_someone_away_has_no_call_to_report():
    circle, members = five()
    today = timezone.localdate()
    AbsenceFactory(member=members[0], starts_on=today, ends_on=today)
    with pytest.raises(services.CircleError):
        services.call_report(
            circle=circle, caller=members[0], on_date=today, reached=True, by=circle.coordinator
        )


def test_only_the_coordinator_follows_up():
    circle, members = five()
    report = services.call_report(
        circle=circle,
        caller=members[0],
        on_date=timezone.localdate(),
        reached=False,
        by=members[0].volunteer,
    )
    with pytest.raises(services.CircleError):
        services.call_report_follow_up(report=report, by=members[0].volunteer)


# Pages ----------------------------------------------------------------------------------------


def test_a_member_sees_only_the_neighbours(client):
    circle, members = five()
    members[0].phone, members[4].phone = "06-11111111", "06-55555555"
    for member in members:
        member.save()
    sign_in(client, members[1].volunteer)  # Bert
    page = client.get(reverse("circles:detail", args=[circle.pk])).content.decode()
    assert "Cor" in page and members[2].phone in page  # whom he calls
    assert "Anna" in page  # who calls him
    assert "Els" not in page and "06-55555555" not in page
    assert "Dini" not in page
    assert "06-11111111" not in page  # the one who calls him: first name only


def test_a_member_sees_the_gap_closed_while_someone_is_away(client):
    circle, members = five()
    today = timezone.localdate()
    AbsenceFactory(member=members[2], starts_on=today, ends_on=today)
    sign_in(client, members[1].volunteer)  # Bert now calls Dini
    page = client.get(reverse("circles:detail", args=[circle.pk])).content.decode()
    assert "Dini" in page and members[3].phone in page


def test_a_participant_neighbour_read_is_in_their_trail(client):
    circle = CircleFactory()
    nuray = ParticipantFactory()
    ConsentGrantFactory(participant=nuray, grantee_user=circle.coordinator)
    CircleMemberFactory(circle=circle, position=1, first_name="Jan")
    services.circle_member_add(
        circle=circle,
        first_name="Nuray",
        phone="06-9",
        agreed_on=timezone.localdate(),
        by=circle.coordinator,
        participant=nuray,
    )
    jan = circle.members.get(first_name="Jan")
    sign_in(client, jan.volunteer)
    assert "Nuray" in client.get(reverse("circles:detail", args=[circle.pk])).content.decode()
    entry = AuditEntry.objects.filter(object_id=str(nuray.pk), action="read").latest("pk")
    assert entry.legal_basis == f"circle_member:{circle.members.get(first_name='Nuray').pk}"


def test_someone_outside_the_circle_is_refused(client):
    circle, _members = five()
    for user in (
        UserFactory(volunteer=True),
        UserFactory(coordinator=True),
        UserFactory(professional=True),
    ):
        sign_in(client, user)
        assert client.get(reverse("circles:detail", args=[circle.pk])).status_code == 403


def test_the_coordinator_runs_a_circle_through_the_pages(client):
    coordinator = UserFactory(coordinator=True)
    sign_in(client, coordinator)
    assert client.get(reverse("circles:list")).status_code == 200
    client.get(reverse("circles:create"))
    token = client.get(reverse("circles:create")).context["form_token"]
    response = client.post(
        reverse("circles:create"),
        {
            "name": "Avondcirkel",
            "coordinator_phone": "040-2",
            "frequency": "daily",
            "call_time": "19:00",
            "form_token": token,
        },
    )
    circle = coordinator.circles_run.get()
    assert response.url == reverse("circles:detail", args=[circle.pk])
    volunteer = _own_volunteer(circle, first_name="Wim")
    page = client.get(reverse("circles:member_add", args=[circle.pk]))
    client.post(
        reverse("circles:member_add", args=[circle.pk]),
        {
            "person": f"v:{volunteer.pk}",
            "first_name": "Wim",
            "phone": "06-7",
            "agreed_on": timezone.localdate().isoformat(),
            "form_token": page.context["form_token"],
        },
    )
    member = circle.members.get()
    detail = client.get(reverse("circles:detail", args=[circle.pk]))
    assert "Wim" in detail.content.decode()
    client.post(
        reverse("circles:call_report", args=[circle.pk]),
        {"caller": member.pk, "reached": "no", "form_token": detail.context["report_token"]},
    )
    report = CallReport.objects.get()
    assert report.callee is None and not report.reached
    assert (
        f"alert-{report.pk}"
        in client.get(reverse("circles:detail", args=[circle.pk])).content.decode()
    )


@freeze_time("2026-12-07 08:00")
def test_a_member_reports_being_away_through_the_page(client):
    circle, members = five()
    sign_in(client, members[2].volunteer)
    page = client.get(reverse("circles:detail", args=[circle.pk]))
    client.post(
        reverse("circles:absence_add", args=[circle.pk]),
        {
            "starts_on": "2026-12-09",
            "ends_on": "2026-12-11",
            "form_token": page.context["absence_token"],
        },
    )
    absence = members[2].absences.get()
    assert (absence.starts_on, absence.ends_on) == (dt.date(2026, 12, 9), dt.date(2026, 12, 11))


def test_the_persons_own_download_holds_their_circle_places():
    from steunsysteem.participants.export import participant_data

    circle = CircleFactory(name="Avondcirkel")
    nuray = ParticipantFactory()
    ConsentGrantFactory(participant=nuray, grantee_user=circle.coordinator)
    services.circle_member_add(
        circle=circle,
        first_name="Nuray",
        phone="06-9",
        agreed_on=timezone.localdate(),
        by=circle.coordinator,
        participant=nuray,
    )
    [place] = participant_data(nuray)["circle_places"]
    assert (place["circle"], place["first_name"], place["phone"]) == (
        "Avondcirkel",
        "Nuray",
        "06-9",
    )
