"""Movement on the participatieladder in the monitor: first against latest score per person in
the half-year, counted in the database, suppressed like every figure, and only for people who
keep scores (the ladder is optional)."""

import datetime as dt

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.monitor import selectors
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.participants.models import LadderPosition
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
H2 = Period(2026, 2)
JULY, OCTOBER, DECEMBER = dt.date(2026, 7, 1), dt.date(2026, 10, 1), dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


def people(count: int, *steps_on: tuple[int, dt.date], district=None) -> None:
    for _index in range(count):
        participant = ParticipantFactory(district=district or DistrictFactory())
        for step, day in steps_on:
            LadderPosition.objects.create(participant=participant, step=step, measured_on=day)


def ladder(scope: Scope) -> dict[str, int | None]:
    table = next(t for t in selectors.monitor(scope).tables if t.key == "ladder")
    return {row.code: row.values[0].value for row in table.rows}


def test_people_who_climbed_stayed_or_went_down_are_counted_apart():
    district = DistrictFactory()
    people(6, (2, JULY), (4, DECEMBER), district=district)
    people(5, (3, JULY), (3, OCTOBER), district=district)
    people(7, (5, JULY), (2, OCTOBER), district=district)
    assert ladder(Scope(H2)) == {"up": 6, "same": 5, "down": 7}


def test_the_first_and_latest_score_count_not_the_ones_between():
    district = DistrictFactory()
    people(5, (2, JULY), (1, OCTOBER), (3, DECEMBER), district=district)
    people(5, (3, JULY), (3, OCTOBER), district=district)
    assert ladder(Scope(H2))["up"] == 5
    assert ladder(Scope(H2))["down"] == 0


def test_a_person_with_one_score_is_not_counted():
    district = DistrictFactory()
    people(6, (2, JULY), district=district)
    people(5, (2, JULY), (3, OCTOBER), district=district)
    assert ladder(Scope(H2)) == {"up": 5, "same": 0, "down": 0}


def test_people_without_scores_are_not_in_it():
    ParticipantFactory.create_batch(6)
    assert ladder(Scope(H2)) == {"up": None, "same": None, "down": None} or ladder(Scope(H2)) == {
        "up": 0,
        "same": 0,
        "down": 0,
    }


def test_scores_in_another_half_year_do_not_count_for_this_one():
    district = DistrictFactory()
    people(5, (1, dt.date(2026, 3, 1)), (4, OCTOBER), district=district)
    people(5, (2, JULY), (3, OCTOBER), district=district)
    assert ladder(Scope(H2))["up"] == 5


def test_a_small_group_is_not_shown():
    district = DistrictFactory()
    people(6, (2, JULY), (4, DECEMBER), district=district)
    people(2, (5, JULY), (2, OCTOBER), district=district)
    found = ladder(Scope(H2))
    assert found["up"] == 6 and found["down"] is None


def test_a_district_filter_counts_only_that_district():
    north, south = DistrictFactory(), DistrictFactory()
    people(5, (2, JULY), (4, DECEMBER), district=north)
    people(6, (2, JULY), (4, DECEMBER), district=south)
    assert ladder(Scope(H2, north.pk))["up"] == 5


def test_the_counting_is_done_with_a_fixed_number_of_queries(django_assert_max_num_queries):
    district = DistrictFactory()
    people(5, (2, JULY), (4, DECEMBER), district=district)
    from steunsysteem.monitor import populations

    with django_assert_max_num_queries(1):
        populations.ladder_partitions([H2])


def test_the_page_shows_the_ladder_and_says_only_people_with_scores_count(client, settings):
    settings.LANGUAGE_CODE = "nl"
    district = DistrictFactory()
    people(5, (2, JULY), (4, DECEMBER), district=district)
    sign_in(client, UserFactory(policy_officer=True))
    page = client.get(reverse("monitor:dashboard"), {"period": "2026H2"}).content.decode()
    assert 'id="heading-ladder"' in page
    assert "participatieladder" in page.lower()
