"""Monitor periods: a half-year ("2026H2") or a year ("2026"). A year is the sum of its two
halves, so the half-year is the smallest unit every figure is counted in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERIOD_PATTERN = re.compile(r"^(?P<year>20[0-9]{2})(?:H(?P<half>[12]))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, code: str) -> Period:
        match = PERIOD_PATTERN.match((code or "").strip().upper())
        if not match:
            raise ValidationError(_("Give a year (2026) or a half-year (2026H2)."))
        half = match["half"]
        return cls(int(match["year"]), int(half) if half else None)

    @classmethod
    def half_of(cls, day: dt.date) -> Period:
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def code(self) -> str:
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    def __str__(self) -> str:
        return self.code

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        if self.half == 1:
            return dt.date(self.year, 7, 1)
        return dt.date(self.year + 1, 1, 1)

    @property
    def halves(self) -> tuple[tuple[int, int], ...]:
        """The (year, half) units the period is made of."""
        if self.half:
            return ((self.year, self.half),)
        return ((self.year, 1), (self.year, 2))

    def trend(self, length: int = 4) -> list[Period]:
        """This period and the ones before it, oldest first (same kind: halves or years)."""
        found = []
        year, half = self.year, self.half
        for _index in range(length):
            found.append(Period(year, half))
            if half is None:
                year -= 1
            elif half == 2:
                half = 1
            else:
                year, half = year - 1, 2
        return list(reversed(found))


def validate_period_code(code: str) -> None:
    Period.parse(code)
