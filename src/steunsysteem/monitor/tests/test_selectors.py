"""The monitor's figures from the database: they match independent counts, and a small
group never shows, whatever period, district or werktafel is chosen."""

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from steunsysteem.accounts.constants import Role
from steunsysteem.directory.tests.factories import DistrictFactory, OrganizationFactory
from steunsysteem.monitor import selectors
from steunsysteem.monitor.constants import Indicator
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.monitor.tests.factories import TargetFactory, aware, make_questions
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.constants import Outcome, QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db
THRESHOLD = 5
H2 = Period(2026, 2)
IN_H2 = dt.date(2026, 9, 1)
IN_H1 = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = THRESHOLD


def table(monitor, key):
    return next(t for t in monitor.tables if t.key == key)


def value(monitor, key, code, column=0):
    row = next(r for r in table(monitor, key).rows if r.code == code)
    return row.values[column].value


def test_questions_per_district_are_counted_and_a_small_district_is_suppressed():
    north, south = DistrictFactory(name="Noord"), DistrictFactory(name="Zuid")
    make_questions(6, on=IN_H2, participant=ParticipantFactory(district=north))
    make_questions(2, on=IN_H2, participant=ParticipantFactory(district=south))
    result = selectors.monitor(Scope(H2))
    assert value(result, "reach", str(north.pk), 2) == 6
    assert value(result, "reach", str(south.pk), 2) is None
    # the region total would give Zuid's 2 away (8 - 6): it is suppressed too
    assert value(result, "trend", "2026H2") is None


def test_a_year_is_suppressed_when_one_half_is_small():
    district = DistrictFactory()
    participant = ParticipantFactory(district=district)
    make_questions(7, on=IN_H2, participant=participant)
    make_questions(1, on=IN_H1, participant=participant)
    assert selectors.monitor(Scope(H2)).targets == []
    assert value(selectors.monitor(Scope(H2)), "trend", "2026H2", 0) is not None
    assert value(selectors.monitor(Scope(Period(2026))), "trend", "2026") is None


def test_who_brought_the_questions_in_by_referring_organisation():
    district = DistrictFactory()
    participant = ParticipantFactory(district=district)
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    make_questions(5, on=IN_H2, participant=participant)
    make_questions(
        6,
        on=IN_H2,
        participant=participant,
        submitted_by_role=Role.PROFESSIONAL,
        referrer_organization=wijkteam,
    )
    make_questions(5, on=IN_H2, participant=participant, submitted_by_role=Role.RELATIVE)
    result = selectors.monitor(Scope(H2))
    assert value(result, "brought", "self") == 5
    assert value(result, "brought", "relative") == 5
    assert value(result, "brought", f"org:{wijkteam.pk}") == 6
    assert value(result, "brought", "total") == 16


def test_time_to_a_first_proposal_as_a_share_within_six_weeks():
    participant = ParticipantFactory(district=DistrictFactory())
    for question in make_questions(6, on=IN_H2, participant=participant):
        question.first_proposal_at = question.submitted_at + dt.timedelta(weeks=2)
        question.save()
    for question in make_questions(5, on=IN_H2, participant=participant):
        question.first_proposal_at = question.submitted_at + dt.timedelta(weeks=9)
        question.save()
    make_questions(5, on=IN_H2, participant=participant)
    result = selectors.monitor(Scope(H2))
    assert value(result, "first_proposal", "within") == 6
    assert value(result, "first_proposal", "later") == 5
    assert value(result, "first_proposal", "none") == 5
    assert str(value(result, "first_proposal", "share")) == "55"


def test_outcomes_and_questions_waiting_without_a_table():
    participant = ParticipantFactory(district=DistrictFactory())
    make_questions(5, on=IN_H2, participant=participant)  # new, no werktafel
    make_questions(
        5,
        on=IN_H2,
        participant=participant,
        worktable=WorktableFactory(),
        status=QuestionStatus.ANSWERED,
        outcome=Outcome.JOINED,
    )
    result = selectors.monitor(Scope(H2))
    assert value(result, "status", "waiting_without_table") == 5
    assert value(result, "status", "answered:joined") == 5


def test_a_werktafel_filter_counts_only_that_tables_questions():
    participant = ParticipantFactory(district=DistrictFactory())
    table_a, table_b = WorktableFactory(), WorktableFactory()
    make_questions(5, on=IN_H2, participant=participant, worktable=table_a)
    make_questions(7, on=IN_H2, participant=participant, worktable=table_b)
    result = selectors.monitor(Scope(H2, worktable=table_b.pk))
    assert value(result, "brought", "total") == 7


def test_target_group_questions_count_towards_a_covenant_target():
    district = DistrictFactory(population=20_000)
    marked = ParticipantFactory(
        district=district, target_group="EPA", age_band="27_44", target_group_consented_on=IN_H1
    )
    make_questions(5, on=IN_H2, participant=marked)
    make_questions(5, on=IN_H1, participant=marked)
    TargetFactory(period="2026", indicator=Indicator.TARGET_GROUP_QUESTIONS, value=20)
    (progress,) = selectors.monitor(Scope(H2)).targets
    assert progress.reached.value == 10
    assert progress.progress.value == 50


def test_a_target_whose_figure_is_small_shows_no_number():
    participant = ParticipantFactory(district=DistrictFactory())
    make_questions(3, on=IN_H2, participant=participant)
    TargetFactory(period="2026H2", indicator=Indicator.QUESTIONS, value=20)
    (progress,) = selectors.monitor(Scope(H2)).targets
    assert progress.reached.value is None
    assert progress.progress.value is None


def _all_counts(result):
    """Every count shown, except the target values and the estimated target group (an
    estimate from the number of inhabitants, not a count of people)."""
    for t in result.tables:
        if t.key == "targets":
            continue
        for row in t.rows:
            for index, shown in enumerate(row.values):
                if shown.percent or (t.key == "reach" and index == 3):
                    continue
                if t.key == "networks" and index > 0:
                    continue  # averages, next to a shown count
                yield t.key, row.code, shown.value


cells = st.dictionaries(
    st.tuples(st.sampled_from([0, 1]), st.sampled_from([IN_H1, IN_H2]), st.sampled_from([0, 1])),
    st.integers(min_value=0, max_value=8),
    max_size=8,
)


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells)
def test_no_small_count_leaves_whatever_filters_are_combined(cells):
    with transaction.atomic():
        districts = [DistrictFactory(population=100), DistrictFactory(population=100)]
        tables = [WorktableFactory(), WorktableFactory()]
        for (district, day, worktable), count in cells.items():
            make_questions(
                count,
                on=day,
                participant=ParticipantFactory(district=districts[district]),
                worktable=tables[worktable],
            )
        scopes = [
            Scope(period, district, worktable)
            for period in (Period(2026), Period(2026, 1), Period(2026, 2))
            for district in (None, districts[0].pk, districts[1].pk)
            for worktable in (None, tables[0].pk, tables[1].pk)
        ]
        for scope in scopes:
            result = selectors.monitor(scope)
            for key, label, shown in _all_counts(result):
                assert shown is None or shown == 0 or shown >= THRESHOLD, (
                    key,
                    label,
                    shown,
                )
            total = value(result, "brought", "total")
            if total is not None:
                expected = Question.objects.filter(
                    submitted_at__gte=aware(scope.period.start) - dt.timedelta(hours=12),
                    submitted_at__lt=aware(scope.period.end) - dt.timedelta(hours=12),
                )
                if scope.district:
                    expected = expected.filter(participant__district=scope.district)
                if scope.worktable:
                    expected = expected.filter(worktable=scope.worktable)
                assert total == expected.count()
        transaction.set_rollback(True)


def test_every_count_in_every_table_is_zero_or_at_least_the_threshold():
    district = DistrictFactory()
    participant = ParticipantFactory(district=district)
    make_questions(3, on=IN_H2, participant=participant, submitted_by_role=Role.RELATIVE)
    make_questions(9, on=IN_H2, participant=participant)
    for period in (H2, Period(2026)):
        result = selectors.monitor(Scope(period))
        for key, label, shown in _all_counts(result):
            assert shown is None or shown == 0 or shown >= THRESHOLD, (key, label, shown)
