"""Building small sociales kaarten for the matching tests."""

from __future__ import annotations

from decimal import Decimal

from steunsysteem.directory.models import Attribute, CostOption, Language, Schedule
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import (
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import ACCESS_FEATURES


def offer(
    name: str,
    description: str = "",
    *,
    access: tuple[str, ...] = (),
    cost: str | None = None,
    days: str | None = None,
    opens: str = "10:00",
    closes: str = "12:00",
    languages: tuple[str, ...] = (),
    at: tuple[float, float] | None = None,
    district=None,
    **fields,
):
    """A service on the kaart; ``cost="2.50"`` a price, ``days="TU"`` a weekly schedule,
    ``at=(lat, lon)`` a location."""
    service = ServiceFactory(name=name, description=description, **fields)
    for code in access:
        Attribute.objects.create(
            link_entity="service",
            link_id=service.id,
            taxonomy_term_id=ACCESS_FEATURES.term_id(code),
            link_type="access",
        )
    if cost is not None:
        CostOption.objects.create(service=service, amount=Decimal(cost), currency="EUR")
    if days:
        Schedule.objects.create(
            service=service, freq="WEEKLY", interval=1, byday=days, opens_at=opens, closes_at=closes
        )
    for code in languages:
        Language.objects.create(service=service, code=code, name=code)
    if at is not None or district is not None:
        latitude, longitude = at or (None, None)
        location = LocationFactory(
            organization=service.organization,
            latitude=latitude,
            longitude=longitude,
            district=district,
        )
        ServiceAtLocationFactory(service=service, location=location)
    return service


def indexed(*services):
    """Index the kaart as an import does (words, and through the hook, meaning)."""
    rebuild_index()
    return services


def names(result) -> list[str]:
    return [match.service.name for match in result.matches]


def reasons_of(result, name: str) -> list[str]:
    return next(match.reasons for match in result.matches if match.service.name == name)
