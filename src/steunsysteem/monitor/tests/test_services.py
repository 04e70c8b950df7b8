"""Writing the covenant register and the target-group marker: who may, what is refused, and
that each write is in the audit trail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.monitor import services
from steunsysteem.monitor.constants import CommitmentKind, Indicator, MssRoleKind, Sector
from steunsysteem.monitor.models import Target
from steunsysteem.monitor.tests.factories import CovenantPartnerFactory
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(policy_officer=True)


def test_a_new_target_for_the_same_figure_and_period_replaces_the_old_one(officer):
    services.target_set(
        period="2026", indicator=Indicator.QUESTIONS, value=Decimal(400), by=officer
    )
    services.target_set(
        period="2026", indicator=Indicator.QUESTIONS, value=Decimal(500), by=officer
    )
    assert Target.objects.get().value == 500
    assert AuditEntry.objects.filter(object_type="monitor.target").count() == 2


def test_a_target_period_is_written_the_same_way(officer):
    target = services.target_set(
        period="2026h2", indicator=Indicator.QUESTIONS, value=Decimal(5), by=officer
    )
    assert target.period == "2026H2"


@pytest.mark.parametrize("value", [Decimal(0), Decimal(-3)])
def test_a_target_is_above_zero(officer, value):
    with pytest.raises(services.MonitorError):
        services.target_set(period="2026", indicator=Indicator.QUESTIONS, value=value, by=officer)


def test_a_target_names_a_known_figure(officer):
    with pytest.raises(services.MonitorError):
        services.target_set(period="2026", indicator="happiness", value=Decimal(1), by=officer)


@pytest.mark.parametrize(
    "role", ["professional", "relative", "administrator", "editor", "volunteer"]
)
def test_only_the_policy_officer_and_coordinators_keep_the_register(role):
    user = UserFactory(**{role: True})
    with pytest.raises(PermissionDenied):
        services.target_set(period="2026", indicator=Indicator.QUESTIONS, value=Decimal(1), by=user)
    with pytest.raises(PermissionDenied):
        services.covenant_partner_add(
            name="X", sector=Sector.OTHER, signatory="D", signed_on=dt.date(2026, 1, 1), by=user
        )


def test_a_coordinator_adds_a_partner_its_commitment_a_function_and_a_seat():
    coordinator = UserFactory(coordinator=True)
    partner = services.covenant_partner_add(
        name="Welzijn Partistad",
        sector=Sector.WELFARE,
        signatory="Directeur",
        signed_on=dt.date(2026, 1, 1),
        by=coordinator,
    )
    services.commitment_add(
        partner=partner,
        kind=CommitmentKind.HOURS,
        amount=Decimal(32),
        period="2026",
        by=coordinator,
    )
    role = services.mss_role_add(kind=MssRoleKind.KWARTIERMAKER, title="", by=coordinator)
    seat = services.steering_group_seat_add(
        function="Cliëntvertegenwoordiger", represents_clients=True, by=coordinator
    )
    assert partner.commitments.get().amount == 32
    assert role.title == "Kwartiermaker"
    assert seat.represents_clients
    assert AuditEntry.objects.filter(actor_user_id=coordinator.pk).count() == 4


def test_a_commitment_is_above_zero(officer):
    with pytest.raises(services.MonitorError):
        services.commitment_add(
            partner=CovenantPartnerFactory(),
            kind=CommitmentKind.MONEY,
            amount=Decimal(0),
            period="2026",
            by=officer,
        )


def test_a_seat_has_a_function(officer):
    with pytest.raises(services.MonitorError):
        services.steering_group_seat_add(function="  ", by=officer)


def test_removing_the_marker_removes_the_date_of_the_yes():
    participant = ParticipantFactory(with_account=True)
    services.target_group_mark(
        participant=participant,
        target_group="EPA",
        age_band="45_66",
        consented=True,
        by=participant.user,
    )
    assert participant.target_group_consented_on is not None
    services.target_group_mark(
        participant=participant, target_group="", age_band="", consented=False, by=participant.user
    )
    participant.refresh_from_db()
    assert participant.target_group == "" and participant.target_group_consented_on is None


def test_a_policy_officer_cannot_mark_a_participant(officer):
    with pytest.raises(PermissionDenied):
        services.target_group_mark(
            participant=ParticipantFactory(),
            target_group="EPA",
            age_band="",
            consented=True,
            by=officer,
        )
