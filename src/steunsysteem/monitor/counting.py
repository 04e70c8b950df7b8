"""Counting for the monitor without recognising anyone: small-cell suppression by units.

Every figure is counted in the database per *unit*: (year, half-year, district, werktafel,
category). A figure the monitor shows is always a sum of units, and it is shown only when
none of its units holds a count from 1 to ``MONITOR_SMALL_CELL_THRESHOLD - 1``. So whatever
two shown figures someone subtracts (a year minus its half, the region minus a district, a
total minus its parts, one filter minus another), the result is again a sum of units that
are each 0 or at least the threshold: no small group can be worked out (secondary
suppression by construction). A population's total is shown only when every way the monitor
splits it (its partitions) is safe in that scope, so a total never reveals a hidden part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from .periods import Period

# (year, half, district id, werktafel id, category)
Unit = tuple[int, int, int | None, int | None, str]


def threshold() -> int:
    return settings.MONITOR_SMALL_CELL_THRESHOLD


def is_small(count: int) -> bool:
    return 0 < count < threshold()


def safe_sum(counts: Iterable[int]) -> int | None:
    """The sum of the units, or None when any of them is small."""
    total = 0
    for count in counts:
        if is_small(count):
            return None
        total += count
    return total


@dataclass(frozen=True)
class Scope:
    """What the reader filtered on: a period, and optionally one district and one werktafel."""

    period: Period
    district: int | None = None
    worktable: int | None = None

    def with_period(self, period: Period) -> Scope:
        return Scope(period, self.district, self.worktable)

    def region(self) -> Scope:
        return Scope(self.period)


@dataclass
class Counts:
    """Counts per unit of one way to split a population (a partition), counted in the
    database. ``per_worktable`` is False for populations that belong to no werktafel
    (participants, signals): a werktafel filter then leaves them as they are."""

    units: dict[Unit, int] = field(default_factory=dict)
    sums: dict[Unit, dict[str, int]] = field(default_factory=dict)
    per_worktable: bool = True

    def _by_category(self, scope: Scope) -> dict[str, list[tuple[Unit, int]]]:
        """The units in scope, by category: one pass over the units per scope, kept."""
        key = (
            scope.period.halves,
            scope.district,
            scope.worktable if self.per_worktable else None,
        )
        cache = self.__dict__.setdefault("_cache", {})
        if key in cache:
            return cache[key]
        halves = scope.period.halves
        found: dict[str, list[tuple[Unit, int]]] = {}
        for unit, count in self.units.items():
            year, half, district, worktable, category = unit
            if (year, half) not in halves:
                continue
            if scope.district is not None and district != scope.district:
                continue
            if self.per_worktable and scope.worktable is not None and worktable != scope.worktable:
                continue
            found.setdefault(category, []).append((unit, count))
        cache[key] = found
        return found

    def _selected(self, scope: Scope, categories: Collection[str] | None):
        for category, units in self._by_category(scope).items():
            if categories is None or category in categories:
                yield from units

    # The population's total in a scope (set by whoever counts the population): a part that
    # is 0 is shown only when that total is shown, since "none of these 3" tells about 3.
    whole: Callable[[Scope], int | None] | None = None

    def figure(self, scope: Scope, categories: Collection[str] | None = None) -> int | None:
        """The count in scope (of these categories, or all), or None when suppressed."""
        value = safe_sum(count for _unit, count in self._selected(scope, categories))
        if value == 0 and categories is not None and self.whole is not None:
            if self.whole(scope) is None:
                return None
        return value

    def total_of(self, scope: Scope, name: str, categories=None) -> int:
        """The sum of an extra summed field (e.g. network size) over the same units; only
        shown next to a figure that is itself shown."""
        return sum(
            self.sums.get(unit, {}).get(name, 0) for unit, _n in self._selected(scope, categories)
        )

    def categories(self) -> set[str]:
        return {unit[4] for unit in self.units}


def population_total(scope: Scope, partitions: Iterable[Counts]) -> int | None:
    """A population's total, shown only when every partition of it is safe in the scope."""
    found = None
    for counts in partitions:
        figure = counts.figure(scope)
        if figure is None:
            return None
        found = figure
    return found


def in_span(qs: QuerySet, date_field: str, span: Iterable[Period], *, is_date=False) -> QuerySet:
    periods = list(span)
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    if not is_date:
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(end, dt.time.min, tzinfo=tz)
    return qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})


def count_units(
    qs: QuerySet,
    *,
    date_field: str,
    district: str,
    worktable: str | None,
    fields: dict,
    categorize: Callable[[dict], str],
    sums: dict | None = None,
) -> Counts:
    """Group ``qs`` in the database by half-year, district, werktafel and ``fields``; the
    grouped rows (never the records) are turned into units by ``categorize``."""
    grouping = {"u_district": F(district), **fields}
    if worktable:
        grouping["u_worktable"] = F(worktable)
    rows = (
        qs.order_by()
        .annotate(u_year=ExtractYear(date_field), u_month=ExtractMonth(date_field))
        .annotate(
            u_half=Case(
                When(u_month__lte=6, then=Value(1)), default=Value(2), output_field=IntegerField()
            )
        )
        .values("u_year", "u_half", **grouping)
        .annotate(u_n=Count("pk"), **{name: Sum(expr) for name, expr in (sums or {}).items()})
    )
    counts = Counts(per_worktable=bool(worktable))
    for row in rows:
        unit = (
            row["u_year"],
            row["u_half"],
            row["u_district"],
            row.get("u_worktable"),
            categorize(row),
        )
        counts.units[unit] = counts.units.get(unit, 0) + row["u_n"]
        if sums:
            held = counts.sums.setdefault(unit, {})
            for name in sums:
                held[name] = held.get(name, 0) + (row[name] or 0)
    return counts
