"""The evidence of a signal as a viewer may see it: exact for coordinators, coarsened for
everyone else, and the bars of the chart (drawn in SVG, so no inline style).

How small counts are protected (for policy officers)
----------------------------------------------------
Hiding a small month as "< 5" is not enough when the total is shown: "6 questions" over six
months that each show "< 5" means every month held exactly one question, and a total minus
the months that are shown gives away the one month that is hidden. Statistics offices call
this *disclosure by differencing*. Besides secondary suppression and rounding, their
handbooks (the ESSnet *Handbook on Statistical Disclosure Control* that CBS works by, and
its tool τ-ARGUS) name *table redesign*: combine categories until no cell is too small.

That is what policy officers get. Months are taken together, oldest first, into periods
of at least ``SMALL_COUNT_LIMIT`` questions; months left at the end that do not reach the
limit join the last period. Every period is then shown with its exact count, and so is the
total, because nothing is hidden that a sum could give away: a month with one question is
never shown on its own, and neither is a month without any (a "0" would narrow down its
neighbours). Only when all questions together stay below the limit is there one period,
from the first to the last month, and both it and the total read "< 5". The first and last
dates are shown as months.

``white_spots/tests/test_evidence.py`` checks this the way an attacker would work: for every
pattern of monthly counts it collects every other pattern that looks exactly the same to a
policy officer, and asserts that each month with 1 to 4 questions could still have held
another number.

Coordinators see every month with its exact count: they work with the questions themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import SMALL_COUNT_LIMIT
from .models import Signal

CHART_HEIGHT = 120
CHART_TOP = 24  # room for the count above the highest bar
CHART_BOTTOM = 40  # room for month and year under the bars
BAR_WIDTH = 32
BAR_STEP = 48
PERIOD_STEP = 88  # a period of several months needs room for "mrt–mei" under its bar


def shown_count(count: int, *, exact: bool) -> str:
    """The count, or "< 5" when it is small and the viewer may not see exact counts."""
    if not exact and 0 < count < SMALL_COUNT_LIMIT:
        return _("< %(limit)s") % {"limit": SMALL_COUNT_LIMIT}
    return str(count)


def coarsened_periods(counts: list[int]) -> list[tuple[int, int, int]]:
    """Consecutive months taken together until each period holds at least the limit.

    ``counts`` is one number per month, without gaps; the result is (first index, last
    index, count) per period, covering every month. What is left at the end below the limit
    joins the last period; when there is no period yet, everything is one period.
    """
    periods: list[tuple[int, int, int]] = []
    start = running = 0
    for index, count in enumerate(counts):
        running += count
        if running >= SMALL_COUNT_LIMIT:
            periods.append((start, index, running))
            start, running = index + 1, 0
    if start < len(counts):
        if periods:
            first, _last, total = periods.pop()
            periods.append((first, len(counts) - 1, total + running))
        else:
            periods.append((0, len(counts) - 1, running))
    return periods


@dataclass(frozen=True)
class Bar:
    """One month (coordinators) or one period of months (policy officers)."""

    first_month: dt.date
    last_month: dt.date
    count: str
    x: int
    y: int
    height: int
    label_x: int

    @property
    def is_period(self) -> bool:
        return self.first_month != self.last_month

    @property
    def spans_years(self) -> bool:
        return self.first_month.year != self.last_month.year


@dataclass(frozen=True)
class Evidence:
    total: str
    first_on: dt.date
    last_on: dt.date
    exact: bool
    bars: tuple[Bar, ...]
    chart_width: int
    has_bars: bool
    baseline: int = CHART_TOP + CHART_HEIGHT
    svg_height: int = CHART_TOP + CHART_HEIGHT + CHART_BOTTOM


def _month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def signal_evidence(signal: Signal, *, exact: bool) -> Evidence:
    """Every month from the first to the last question (also the months without any), each
    on its own for coordinators and taken together into periods for everyone else.

    A bar whose count reads "< 5" gets no height: its height would give the count away.
    """
    per_month = {month: count for month, count in signal.monthly_counts}
    months = _month_range(signal.first_on, signal.last_on)
    counts = [per_month.get(f"{month:%Y-%m}", 0) for month in months]
    if exact:
        periods = [(index, index, count) for index, count in enumerate(counts)]
        total = signal.question_count
    else:
        periods = coarsened_periods(counts)
        total = sum(counts)
    step = PERIOD_STEP if any(first != last for first, last, _count in periods) else BAR_STEP
    highest = max([1, *(count for _first, _last, count in periods)])
    bars = []
    for index, (first, last, count) in enumerate(periods):
        shown = shown_count(count, exact=exact)
        height = round(CHART_HEIGHT * count / highest) if shown == str(count) else 0
        x = 8 + index * step + (step - BAR_STEP) // 2
        y = CHART_TOP + CHART_HEIGHT - height
        bars.append(Bar(months[first], months[last], shown, x, y, height, x + BAR_WIDTH // 2))
    first_on, last_on = signal.first_on, signal.last_on
    if not exact:  # a day could point to one person's question: months only
        first_on, last_on = first_on.replace(day=1), last_on.replace(day=1)
    return Evidence(
        total=shown_count(total, exact=exact),
        first_on=first_on,
        last_on=last_on,
        exact=exact,
        bars=tuple(bars),
        chart_width=16 + len(periods) * step,
        has_bars=any(bar.height for bar in bars),
    )
