"""Reads of the sociale kaart, as chainable QuerySet methods."""

from __future__ import annotations

from collections import defaultdict

from django.db import models

from .constants import ServiceStatus


class ServiceQuerySet(models.QuerySet):
    def public(self) -> ServiceQuerySet:
        """Services a visitor can still go to (or that are only closed for a while)."""
        return self.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED])

    def needing_check(self, *, before) -> ServiceQuerySet:
        """Public services nobody checked since ``before`` (or ever)."""
        return self.public().exclude(assured_date__gte=before)

    def with_term(self, term_id) -> ServiceQuerySet:
        return self.with_any_term([term_id])

    def with_any_term(self, term_ids) -> ServiceQuerySet:
        """Services tagged with at least one of these taxonomy terms."""
        from .models import Attribute

        return self.filter(
            id__in=Attribute.objects.filter(
                link_entity="service", taxonomy_term_id__in=list(term_ids)
            ).values("link_id")
        )

    def in_district(self, district) -> ServiceQuerySet:
        return self.filter(service_at_locations__location__district=district).distinct()


def _terms(vocabulary) -> dict:
    """Taxonomy term id → (code, translated label), in the vocabulary's own order."""
    return {vocabulary.term_id(code): (code, label) for code, label in vocabulary.choices.choices}


def attach_terms(services: list, **vocabularies) -> None:
    """Set each keyword as a list of (code, label) on every service, with one query in all.

    ``attach_terms(services, life_domains=LIFE_DOMAINS)`` sets ``service.life_domains``.
    """
    lookups = {name: _terms(vocabulary) for name, vocabulary in vocabularies.items()}
    term_ids = [term_id for terms in lookups.values() for term_id in terms]
    found = defaultdict(set)
    from .models import Attribute

    for link_id, term_id in Attribute.objects.filter(
        link_entity="service",
        link_id__in=[service.id for service in services],
        taxonomy_term_id__in=term_ids,
    ).values_list("link_id", "taxonomy_term_id"):
        found[link_id].add(term_id)
    for service in services:
        for name, terms in lookups.items():
            labels = [terms[term_id] for term_id in terms if term_id in found[service.id]]
            setattr(service, name, labels)
