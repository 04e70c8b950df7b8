"""The calling order of a telephone circle on a day, and its days in a week.

The first present member starts; each present member calls the next present one; the last
present member calls the coordinator. Someone who is away is skipped: the one before them
calls the one after them, so the chain closes the gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .constants import Frequency
from .models import Absence, Circle, CircleMember


@dataclass(frozen=True)
class Call:
    caller: CircleMember
    callee: CircleMember | None  # None: the coordinator

    @property
    def to_coordinator(self) -> bool:
        return self.callee is None


@dataclass(frozen=True)
class Day:
    date: dt.date
    calls: list[Call]
    away: list[CircleMember]

    def call_by(self, member: CircleMember) -> Call | None:
        return next((call for call in self.calls if call.caller.pk == member.pk), None)

    def call_to(self, member: CircleMember) -> Call | None:
        return next(
            (call for call in self.calls if call.callee and call.callee.pk == member.pk), None
        )


def calls_on(members: Iterable[CircleMember], away_ids: set[int], date: dt.date) -> Day:
    """The chain on ``date`` for ``members`` (in order), skipping those in ``away_ids``."""
    members = list(members)
    present = [member for member in members if member.pk not in away_ids]
    calls = [
        Call(caller=caller, callee=present[index + 1] if index + 1 < len(present) else None)
        for index, caller in enumerate(present)
    ]
    return Day(date=date, calls=calls, away=[m for m in members if m.pk in away_ids])


def call_days(circle: Circle, start: dt.date, days: int = 7) -> list[dt.date]:
    """The days in ``[start, start + days)`` on which the circle calls."""
    dates = [start + dt.timedelta(days=offset) for offset in range(days)]
    if circle.frequency == Frequency.WEEKLY:
        return [date for date in dates if date.weekday() == circle.weekday]
    return dates


def circle_week(circle: Circle, start: dt.date, days: int = 7) -> list[Day]:
    """The circle's chain on each of its calling days from ``start``: two queries."""
    members = list(circle.members.active().in_order())
    dates = call_days(circle, start, days)
    if not dates:
        return []
    absences = list(
        Absence.objects.filter(
            member__in=members, starts_on__lte=dates[-1], ends_on__gte=dates[0]
        ).values_list("member_id", "starts_on", "ends_on")
    )
    week = []
    for date in dates:
        away = {member_id for member_id, starts, ends in absences if starts <= date <= ends}
        week.append(calls_on(members, away, date))
    return week


def circle_day(circle: Circle, date: dt.date) -> Day:
    """The chain on one day (whether or not the circle calls that day)."""
    members = list(circle.members.active().in_order())
    away = set(
        Absence.objects.on(date).filter(member__in=members).values_list("member_id", flat=True)
    )
    return calls_on(members, away, date)
