"""The evidence of a signal as a viewer may see it: exact for coordinators, small counts
suppressed for everyone else, and the bars of the chart (drawn in SVG, so no inline style)."""

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


def shown_count(count: int, *, exact: bool) -> str:
    """The count, or "< 5" when it is small and the viewer may not see exact counts."""
    if not exact and 0 < count < SMALL_COUNT_LIMIT:
        return _("< %(limit)s") % {"limit": SMALL_COUNT_LIMIT}
    return str(count)


@dataclass(frozen=True)
class MonthBar:
    month: dt.date
    count: str
    x: int
    y: int
    height: int
    label_x: int


@dataclass(frozen=True)
class Evidence:
    total: str
    first_on: dt.date
    last_on: dt.date
    exact: bool
    months: list[MonthBar]
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
    """Every month from the first to the last question, also the months without any.

    A suppressed month gets no bar: its height would give the count away.
    """
    counts = {month: count for month, count in signal.monthly_counts}
    months = _month_range(signal.first_on, signal.last_on)
    highest = max([1, *counts.values()])
    bars = []
    for index, month in enumerate(months):
        count = counts.get(f"{month:%Y-%m}", 0)
        shown = shown_count(count, exact=exact)
        height = round(CHART_HEIGHT * count / highest) if shown == str(count) else 0
        x = 8 + index * BAR_STEP
        y = CHART_TOP + CHART_HEIGHT - height
        bars.append(MonthBar(month, shown, x, y, height, x + BAR_WIDTH // 2))
    first_on, last_on = signal.first_on, signal.last_on
    if not exact:  # a day could point to one person's question: months only
        first_on, last_on = first_on.replace(day=1), last_on.replace(day=1)
    return Evidence(
        total=shown_count(signal.question_count, exact=exact),
        first_on=first_on,
        last_on=last_on,
        exact=exact,
        months=bars,
        chart_width=16 + len(months) * BAR_STEP,
        has_bars=any(bar.height for bar in bars),
    )
