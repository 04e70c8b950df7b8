"""The other figures against independent counts: follow-up actions, the referral funnel per
receiving organisation, signals and network pictures."""

import datetime as dt

import pytest
from django.utils import timezone

from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.monitor import selectors
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.monitor.tests.factories import aware, make_questions
from steunsysteem.networks.models import NetworkSnapshot
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.referrals.models import Referral
from steunsysteem.white_spots.tests.factories import SignalFactory
from steunsysteem.worktables.models import Action

pytestmark = pytest.mark.django_db
H2 = Period(2026, 2)
DAY = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


def rows(result, key):
    table = next(t for t in result.tables if t.key == key)
    return {row.code: [shown.value for shown in row.values] for row in table.rows}


@pytest.fixture
def question():
    (found,) = make_questions(1, on=DAY, participant=ParticipantFactory(district=DistrictFactory()))
    return found


def _actions(question, count, *, done_days_after=None):
    owner = UserFactory(coordinator=True)
    Action.objects.bulk_create(
        Action(
            question=question,
            owner=owner,
            what="Bellen",
            due_on=DAY,
            done_at=None
            if done_days_after is None
            else aware(DAY + dt.timedelta(days=done_days_after)),
        )
        for _index in range(count)
    )


def test_actions_done_on_time_late_and_overdue(question):
    _actions(question, 6, done_days_after=-1)
    _actions(question, 5, done_days_after=3)
    _actions(question, 5)  # due in September, never done
    found = rows(selectors.monitor(Scope(H2)), "actions")
    assert found["on_time"] == [6] and found["late"] == [5] and found["overdue"] == [5]
    assert str(found["share"][0]) == "38"  # 6 of 16


def test_a_small_group_of_late_actions_hides_the_share(question):
    _actions(question, 6, done_days_after=0)
    _actions(question, 2, done_days_after=3)
    found = rows(selectors.monitor(Scope(H2)), "actions")
    assert found["late"] == [None] and found["share"] == [None]


def _referrals(question, organization, count, status, end_outcome=""):
    service = ServiceFactory(organization=organization)
    Referral.objects.bulk_create(
        Referral(
            question=question,
            service=service,
            organization=organization,
            status=status,
            end_outcome=end_outcome,
            created_at=aware(DAY),
        )
        for _index in range(count)
    )


def test_the_referral_funnel_per_receiving_organisation(question):
    club = OrganizationFactory(name="Buurthuis De Schakel")
    _referrals(question, club, 5, "proposed")
    _referrals(question, club, 5, "started")
    _referrals(question, club, 5, "ended", end_outcome="completed")
    found = rows(selectors.monitor(Scope(H2)), "referrals")
    assert found[str(club.pk)] == [15, 10, 10, 5]
    assert found["total"] == [15, 10, 10, 5]


def test_signals_raised_sent_and_answered():
    district = DistrictFactory()
    domains = iter(LifeDomain.values)  # one open signal per life domain and district
    for _index in range(5):
        SignalFactory(district=district, life_domain=next(domains), raised_at=aware(DAY))
        SignalFactory(district=district, life_domain=next(domains), raised_at=aware(DAY), sent=True)
    found = rows(selectors.monitor(Scope(H2)), "signals")
    assert found["raised"] == [10] and found["sent"] == [5] and found["answered"] == [0]


def test_network_pictures_with_their_average_size():
    district = DistrictFactory()
    NetworkSnapshot.objects.bulk_create(
        NetworkSnapshot(
            district=district,
            occasion="intake",
            taken_at=aware(DAY),
            summary={"size": size, "reciprocal": 1},
        )
        for size in (2, 4, 6, 8, 10)
    )
    found = rows(selectors.monitor(Scope(H2)), "networks")
    assert found["intake"][0] == 5
    assert str(found["intake"][1]) == "6.0"


def test_nothing_from_another_half_year_counts(question):
    question.submitted_at = timezone.now().replace(year=2025)
    question.save()
    _actions(question, 6, done_days_after=0)
    found = rows(selectors.monitor(Scope(Period(2026, 1))), "actions")
    assert found["on_time"] == [0]
