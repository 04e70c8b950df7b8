"""HSDS paging: ``page`` and ``per_page`` in, the ``Page`` envelope of openapi.json out."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# With ``minimal=true`` HSDS asks to return all services in one call.
MAX_PER_PAGE_MINIMAL = 10_000


def positive_int(params, name: str, default: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValidationError({name: _("Enter a whole number of 1 or more.")})
    return value


@dataclass(frozen=True)
class PageRequest:
    number: int
    per_page: int

    @classmethod
    def from_params(cls, params, *, minimal: bool = False) -> PageRequest:
        """Read ``page`` and ``per_page``; a ``per_page`` above the maximum is lowered to it."""
        maximum = MAX_PER_PAGE_MINIMAL if minimal else MAX_PER_PAGE
        per_page = positive_int(params, "per_page", maximum if minimal else DEFAULT_PER_PAGE)
        return cls(number=positive_int(params, "page", 1), per_page=min(per_page, maximum))

    def paginate(self, rows: Sequence, total: int, serialize: Callable[[list], list]) -> dict:
        """The HSDS ``Page`` object for this page of ``rows`` (a queryset or list)."""
        start = (self.number - 1) * self.per_page
        contents = serialize(list(rows[start : start + self.per_page])) if start < total else []
        total_pages = math.ceil(total / self.per_page)
        return {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": self.number,
            "size": len(contents),
            "first_page": self.number == 1,
            "last_page": self.number >= total_pages,
            "empty": total == 0,
            "contents": contents,
        }
