"""Survey results: aggregates only, nothing shown below the threshold."""

import datetime as dt

import pytest

from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.selectors import half_years, satisfaction_summary, survey_remarks

from .factories import SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = pytest.mark.django_db

MARCH = dt.date(2026, 3, 1)
H1 = {"period_start": dt.date(2026, 1, 1), "period_end": dt.date(2026, 6, 30)}


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


def summary_of(kind):
    return next(s for s in satisfaction_summary(**H1) if s.kind == kind)


def test_with_enough_answers_the_averages_and_agree_shares_match_the_answers():
    for scores in [(5, 1, 4), (4, 2, 4), (3, 3, 4), (5, 4, 4), (3, 5, 4)]:
        SurveyAnswerFactory(
            answered_in=MARCH, score_1=scores[0], score_2=scores[1], score_3=scores[2]
        )
    SurveyAnswerFactory(answered_in=dt.date(2026, 7, 1), score_1=1)  # the next half-year

    summary = summary_of(SurveyKind.PARTICIPANT)

    assert summary.answered == 5
    assert [row.average for row in summary.statements] == [4.0, 3.0, 4.0]
    assert [row.agree_share for row in summary.statements] == [60, 40, 100]


def test_below_the_threshold_no_figure_is_shown():
    for _ in range(4):
        SurveyAnswerFactory(answered_in=MARCH, score_1=1)
    for _ in range(3):
        SurveyInvitationFactory(sent_on=MARCH)

    summary = summary_of(SurveyKind.PARTICIPANT)
    collaboration = summary_of(SurveyKind.COLLABORATION)

    assert summary.answered is None and not summary.shown
    assert all(row.average is None and row.agree_share is None for row in summary.statements)
    assert collaboration.invited is None


def test_remarks_only_with_enough_answers_and_never_in_arrival_order():
    for remark in ["Zo", "Aardig", "Mooi", "", "Beter"]:
        SurveyAnswerFactory(answered_in=MARCH, remark=remark)

    assert survey_remarks(kind=SurveyKind.PARTICIPANT, **H1) == ["Aardig", "Beter", "Mooi", "Zo"]
    assert survey_remarks(kind=SurveyKind.COLLABORATION, **H1) == []


def test_no_remarks_below_the_threshold():
    for remark in ["Een", "Twee", "Drie", "Vier"]:
        SurveyAnswerFactory(answered_in=MARCH, remark=remark)
    assert survey_remarks(kind=SurveyKind.PARTICIPANT, **H1) == []


def test_the_results_page_offers_whole_half_years_only_so_periods_never_overlap():
    periods = half_years(today=dt.date(2026, 12, 5), count=3)
    assert periods == [
        ("2026H2", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
        ("2026H1", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("2025H2", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
    ]
