"""Survey results as aggregates: nothing below ``MONITOR_SMALL_CELL_THRESHOLD`` leaves here.

The results page offers whole half-years only, so two periods never overlap and no
difference between them reveals a smaller group.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, Q

from .constants import SURVEY_STATEMENTS, SurveyKind
from .models import SurveyAnswer, SurveyInvitation


@dataclass(frozen=True)
class StatementResult:
    statement: str
    average: float | None
    agree_share: int | None
    """Percentage that scored 4 or 5."""


@dataclass(frozen=True)
class SurveySummary:
    kind: str
    label: str
    invited: int | None
    answered: int | None
    """None when below the threshold: shown as "fewer than N"."""
    statements: list[StatementResult]

    @property
    def shown(self) -> bool:
        return self.answered is not None


def _shown(count: int) -> int | None:
    return count if count >= settings.MONITOR_SMALL_CELL_THRESHOLD else None


def satisfaction_summary(*, period_start: dt.date, period_end: dt.date) -> list[SurveySummary]:
    """Per survey: invitations, answers and, per statement, the average score and the share
    that agreed; every figure suppressed when fewer than the threshold answered."""
    summaries = []
    answers = SurveyAnswer.objects.in_period(period_start, period_end)
    for kind, label in SurveyKind.choices:
        figures = answers.filter(kind=kind).aggregate(
            answered=Count("id"),
            **{f"average_{n}": Avg(f"score_{n}") for n in (1, 2, 3)},
            **{f"agree_{n}": Count("id", filter=Q(**{f"score_{n}__gte": 4})) for n in (1, 2, 3)},
        )
        invited = SurveyInvitation.objects.filter(
            kind=kind, sent_on__gte=period_start, sent_on__lte=period_end
        ).count()
        answered = _shown(figures["answered"])
        statements = [
            StatementResult(
                statement=str(statement),
                average=round(figures[f"average_{n}"], 1) if answered else None,
                agree_share=round(100 * figures[f"agree_{n}"] / answered) if answered else None,
            )
            for n, statement in enumerate(SURVEY_STATEMENTS[kind], start=1)
        ]
        summaries.append(
            SurveySummary(
                kind=kind,
                label=str(label),
                invited=_shown(invited),
                answered=answered,
                statements=statements,
            )
        )
    return summaries


def survey_remarks(*, kind: str, period_start: dt.date, period_end: dt.date) -> list[str]:
    """The remarks of one survey in a period, in alphabetical order (never in the order they
    came in), and only when at least the threshold of answers came in. Never part of an
    aggregate or an export: the results page shows them to coordinators only."""
    answers = SurveyAnswer.objects.in_period(period_start, period_end).filter(kind=kind)
    if _shown(answers.count()) is None:
        return []
    return sorted(answers.exclude(remark="").values_list("remark", flat=True))


def half_years(*, today: dt.date, count: int = 6) -> list[tuple[str, dt.date, dt.date]]:
    """The last ``count`` half-years, newest first, as (code, first day, last day)."""
    year, half = today.year, 1 if today.month <= 6 else 2
    periods = []
    for _ in range(count):
        start = dt.date(year, 1 if half == 1 else 7, 1)
        end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        periods.append((f"{year}H{half}", start, end))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return periods
