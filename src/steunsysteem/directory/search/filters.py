"""The search filters, each a subquery so the number of queries never depends on the data."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..models import Attribute, CostOption, Schedule, ServiceAtLocation
from ..vocabularies import ACCESS_FEATURES, LIFE_DOMAINS
from .params import SearchParams


def _with_attribute(term_ids: list) -> QuerySet:
    return Attribute.objects.filter(link_entity="service", taxonomy_term_id__in=term_ids).values(
        "link_id"
    )


def apply_filters(services: QuerySet, params: SearchParams) -> QuerySet:
    if params.life_domains:
        term_ids = [LIFE_DOMAINS.term_id(code) for code in params.life_domains]
        services = services.filter(id__in=_with_attribute(term_ids))
    for code in params.access_features:
        services = services.filter(id__in=_with_attribute([ACCESS_FEATURES.term_id(code)]))
    if params.district:
        services = services.filter(
            id__in=ServiceAtLocation.objects.filter(
                location__district__slug=params.district
            ).values("service_id")
        )
    if params.at_support_point:
        services = services.filter(
            id__in=ServiceAtLocation.objects.filter(location__support_point__isnull=False).values(
                "service_id"
            )
        )
    if params.free_only:
        services = services.exclude(
            id__in=CostOption.objects.filter(amount__gt=0, service__isnull=False).values(
                "service_id"
            )
        )
    if params.weekdays:
        on_day = Q()
        for day in params.weekdays:
            on_day |= Q(byday__contains=day.upper())
        services = services.filter(
            Q(id__in=Schedule.objects.filter(on_day, service__isnull=False).values("service_id"))
            | Q(
                id__in=Schedule.objects.filter(
                    on_day, service_at_location__service__isnull=False
                ).values("service_at_location__service_id")
            )
        )
    return services
