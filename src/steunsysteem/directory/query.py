"""Reads of the sociale kaart, as chainable QuerySet methods."""

from __future__ import annotations

from django.db import models

from .constants import ServiceStatus


class OrganizationQuerySet(models.QuerySet):
    pass


class ServiceQuerySet(models.QuerySet):
    def public(self) -> ServiceQuerySet:
        """Services a visitor can still go to (or that are only closed for a while)."""
        return self.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])

    def needing_check(self, *, before) -> ServiceQuerySet:
        """Public services nobody checked since ``before`` (or ever)."""
        return self.public().exclude(assured_date__gte=before)

    def with_term(self, term_id) -> ServiceQuerySet:
        from .models import Attribute

        return self.filter(
            id__in=Attribute.objects.filter(link_entity="service", taxonomy_term_id=term_id).values(
                "link_id"
            )
        )

    def in_district(self, district) -> ServiceQuerySet:
        return self.filter(service_at_locations__location__district=district).distinct()
