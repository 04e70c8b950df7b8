"""Querysets that load exactly what ``serializers.py`` reads, in a fixed number of queries.

However many rows a page holds, a fully nested page costs one query per relation here,
never one per row.
"""

from django.db.models import Prefetch, QuerySet

from ...models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)


def _languages() -> QuerySet:
    return Language.objects.order_by("name", "id")


def _phones() -> QuerySet:
    return Phone.objects.order_by("number", "id").prefetch_related(
        Prefetch("languages", _languages())
    )


def _contacts() -> QuerySet:
    return Contact.objects.order_by("name", "id").prefetch_related(Prefetch("phones", _phones()))


def _schedules() -> QuerySet:
    return Schedule.objects.order_by("byday", "opens_at", "id")


def locations_full() -> QuerySet:
    return Location.objects.order_by("name", "id").prefetch_related(
        Prefetch("languages", _languages()),
        Prefetch("addresses", Address.objects.order_by("address_type", "id")),
        Prefetch("contacts", _contacts()),
        Prefetch("accessibilities", Accessibility.objects.order_by("id")),
        Prefetch("phones", _phones()),
        Prefetch("schedules", _schedules()),
    )


def _service_at_location_parts() -> list[Prefetch]:
    return [
        Prefetch("contacts", _contacts()),
        Prefetch("phones", _phones()),
        Prefetch("schedules", _schedules()),
        Prefetch("location", locations_full()),
    ]


def _service_parts() -> list[Prefetch]:
    return [
        Prefetch("phones", _phones()),
        Prefetch("schedules", _schedules()),
        Prefetch("service_areas", ServiceArea.objects.order_by("name", "id")),
        Prefetch("languages", _languages()),
        Prefetch("fundings", Funding.objects.order_by("id")),
        Prefetch("cost_options", CostOption.objects.order_by("amount", "id")),
        Prefetch("required_documents", RequiredDocument.objects.order_by("document", "id")),
        Prefetch("contacts", _contacts()),
    ]


def services_brief(services: QuerySet) -> QuerySet:
    return services.select_related("organization", "program")


def services_full(services: QuerySet) -> QuerySet:
    sal = ServiceAtLocation.objects.order_by("id").prefetch_related(*_service_at_location_parts())
    return services_brief(services).prefetch_related(
        *_service_parts(), Prefetch("service_at_locations", sal)
    )


def service_at_locations_brief(rows: QuerySet) -> QuerySet:
    return rows.select_related("location", "service__organization", "service__program")


def service_at_locations_full(rows: QuerySet) -> QuerySet:
    service = services_brief(Service.objects.all()).prefetch_related(*_service_parts())
    return rows.prefetch_related(*_service_at_location_parts(), Prefetch("service", service))


def organizations_full(organizations: QuerySet, *, full_services: bool) -> QuerySet:
    services = (services_full if full_services else services_brief)(
        Service.objects.order_by("name", "id")
    )
    return organizations.prefetch_related(
        Prefetch("fundings", Funding.objects.order_by("id")),
        Prefetch("contacts", _contacts()),
        Prefetch("phones", _phones()),
        Prefetch("locations", locations_full()),
        Prefetch("programs", Program.objects.order_by("name", "id")),
        Prefetch(
            "organization_identifiers",
            OrganizationIdentifier.objects.order_by("identifier_type", "id"),
        ),
        Prefetch("services", services),
    )
