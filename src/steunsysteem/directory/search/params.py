"""What a visitor asks the sociale kaart search for, and what comes back."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import QuerySet


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    life_domains: tuple[str, ...] = ()  # LifeDomain codes; any of them
    district: str = ""  # District.slug
    free_only: bool = False  # no CostOption with an amount above zero
    at_support_point: bool = False  # at a location that is a laagdrempelig steunpunt
    weekdays: tuple[str, ...] = ()  # "MO".."SU": has a schedule on one of these days
    access_features: tuple[str, ...] = ()  # AccessFeature codes; all of them
    postcode: str = ""  # Dutch postcode: "3901 AB", "3901ab" or "3901"
    max_distance_km: float | None = None


@dataclass
class SearchResult:
    """Public services, best match first; ``distance_km`` on each when a postcode was known."""

    services: QuerySet
    postcode_unknown: bool = False
    corrected_terms: dict[str, str] = field(default_factory=dict)

    @cached_property
    def count(self) -> int:
        return self.services.count()
