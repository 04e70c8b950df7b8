"""Satisfaction in the monitor comes from the anonymous surveys: averages only when enough
people answered, per half-year (a year shows its two halves, never one figure that a half
could be subtracted from), and the same for the whole region whatever else is filtered."""

import datetime as dt

import pytest

from steunsysteem.monitor import selectors
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.tests.factories import SurveyAnswerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
THRESHOLD = 5


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = THRESHOLD


def answers(count, *, month, score=4, kind=SurveyKind.PARTICIPANT):
    for _ in range(count):
        SurveyAnswerFactory(
            kind=kind, answered_in=month, score_1=score, score_2=score, score_3=score
        )


def participants_table(tables, code):
    return next(t for t in tables if t.key == f"satisfaction-participant-{code}")


def test_with_enough_answers_the_average_and_the_share_who_agreed_show():
    answers(4, month=dt.date(2026, 9, 1), score=5)
    answers(1, month=dt.date(2026, 10, 1), score=2)

    table = participants_table(selectors.satisfaction_tables(Scope(Period(2026, 2))), "2026H2")

    first = table.rows[0]
    assert first.label == "I was listened to."
    assert [str(v) for v in first.values] == ["4.4", "80 %"]


def test_fewer_answers_than_the_threshold_show_no_figure():
    answers(THRESHOLD - 1, month=dt.date(2026, 9, 1), score=1)

    table = participants_table(selectors.satisfaction_tables(Scope(Period(2026, 2))), "2026H2")

    assert all(value.suppressed for row in table.rows for value in row.values)
    assert "4 answers" not in table.note


def test_a_year_shows_its_two_halves_never_one_total():
    answers(THRESHOLD, month=dt.date(2026, 3, 1), score=5)
    answers(THRESHOLD - 1, month=dt.date(2026, 9, 1), score=1)

    tables = selectors.satisfaction_tables(Scope(Period(2026)))

    assert {t.key for t in tables} == {
        f"satisfaction-{kind}-{half}" for kind in SurveyKind.values for half in ("2026H1", "2026H2")
    }
    assert str(participants_table(tables, "2026H1").rows[0].values[0]) == "5.0"
    assert participants_table(tables, "2026H2").rows[0].values[0].suppressed


def test_a_district_filter_shows_the_regions_figures_and_says_so():
    answers(THRESHOLD, month=dt.date(2026, 9, 1))

    region = selectors.satisfaction_tables(Scope(Period(2026, 2)))
    district = selectors.satisfaction_tables(Scope(Period(2026, 2), district=999))

    assert [[str(v) for v in r.values] for t in region for r in t.rows] == [
        [str(v) for v in r.values] for t in district for r in t.rows
    ]
    assert "for the whole region" in participants_table(district, "2026H2").note


def test_answers_of_another_half_year_do_not_count():
    answers(THRESHOLD, month=dt.date(2026, 6, 1))

    table = participants_table(selectors.satisfaction_tables(Scope(Period(2026, 2))), "2026H2")

    assert table.rows[0].values[0].suppressed
