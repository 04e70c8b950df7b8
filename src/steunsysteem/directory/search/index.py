"""Building and refreshing the search index (``SearchEntry`` and ``SearchWord`` rows)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import cache

from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.utils import translation
from tqdm import tqdm

from ..models import (
    Attribute,
    SearchEntry,
    SearchVocabularyStamp,
    SearchWord,
    Service,
    ServiceAtLocation,
)
from ..vocabularies import ACCESS_FEATURES, LIFE_DOMAINS
from .text import stem, words

# How strongly a field describes a service: a word in the name counts most.
NAME_WEIGHT = 8
ALTERNATE_NAME_WEIGHT = 6
ORGANISATION_WEIGHT = 3
LIFE_DOMAIN_WEIGHT = 3
ACCESS_FEATURE_WEIGHT = 2
DESCRIPTION_WEIGHT = 1
MAX_WEIGHT = 1000

# Sent after the index changed: ``service_ids`` lists the services, or is None after a rebuild.
# Other indexes of the sociale kaart (the matcher's embeddings) listen to stay in step.
service_indexed = Signal()


@cache
def _term_labels() -> dict[uuid.UUID, tuple[str, int]]:
    """Dutch name and English label of each life domain and access feature term, by term id."""
    labels = {}
    for vocabulary, weight in (
        (LIFE_DOMAINS, LIFE_DOMAIN_WEIGHT),
        (ACCESS_FEATURES, ACCESS_FEATURE_WEIGHT),
    ):
        with translation.override("en"):
            english = {code: str(label) for code, label in vocabulary.choices.choices}
        for code, dutch in vocabulary.dutch_names.items():
            labels[vocabulary.term_id(code)] = (f"{dutch} {english[code]}", weight)
    return labels


def _labels_by_service(service_ids: Iterable) -> dict[uuid.UUID, list[tuple[str, int]]]:
    service_ids = list(service_ids)
    labels = _term_labels()
    rows = Attribute.objects.filter(
        link_entity="service", link_id__in=service_ids, taxonomy_term_id__in=list(labels)
    ).values_list("link_id", "taxonomy_term_id")
    by_service: dict[uuid.UUID, list[tuple[str, int]]] = {}
    for service_id, term_id in rows:
        by_service.setdefault(service_id, []).append(labels[term_id])
    # An activity at a laagdrempelig steunpunt is found by that word too.
    at_support_point = ServiceAtLocation.objects.filter(
        service_id__in=service_ids, location__support_point__isnull=False
    ).values_list("service_id", flat=True)
    for service_id in set(at_support_point):
        by_service.setdefault(service_id, []).append(
            ("Laagdrempelig steunpunt support point", ACCESS_FEATURE_WEIGHT)
        )
    return by_service


def _weighted_terms(
    service: Service, labels: list[tuple[str, int]], vocabulary: dict[str, str]
) -> dict[str, int]:
    """Term → weight for one service; adds every word seen to ``vocabulary``."""
    fields = [
        (service.name, NAME_WEIGHT),
        (service.alternate_name, ALTERNATE_NAME_WEIGHT),
        (service.organization.name if service.organization else "", ORGANISATION_WEIGHT),
        *labels,
        (service.description, DESCRIPTION_WEIGHT),
    ]
    weights: dict[str, int] = {}
    for text, weight in fields:
        field_terms = set()
        for word in words(text):
            term = stem(word)
            vocabulary[word] = term
            field_terms.add(term)
        for term in field_terms:
            weights[term] = min(weights.get(term, 0) + weight, MAX_WEIGHT)
    return weights


def _entries(services: list[Service], vocabulary: dict[str, str]) -> list[SearchEntry]:
    labels = _labels_by_service(service.id for service in services)
    return [
        SearchEntry(service_id=service.id, term=term, weight=weight)
        for service in services
        for term, weight in _weighted_terms(service, labels.get(service.id, []), vocabulary).items()
    ]


def _services() -> QuerySet[Service]:
    return Service.objects.select_related("organization").only(
        "id", "name", "alternate_name", "description", "organization__name"
    )


def _bump_stamp() -> None:
    SearchVocabularyStamp.objects.update_or_create(pk=1, defaults={"stamp": uuid.uuid4()})


def index_service(service: Service) -> None:
    """Refresh one service's index entries. Call after every write to a service (or its
    organisation's name, or its life-domain and access attributes)."""
    with transaction.atomic():
        SearchEntry.objects.filter(service_id=service.pk).delete()
        fresh = _services().filter(pk=service.pk).first()
        if fresh is None:
            return
        vocabulary: dict[str, str] = {}
        SearchEntry.objects.bulk_create(_entries([fresh], vocabulary))
        known = set(
            SearchWord.objects.filter(word__in=list(vocabulary)).values_list("word", flat=True)
        )
        new_words = [SearchWord(word=w, term=t) for w, t in vocabulary.items() if w not in known]
        if new_words:
            SearchWord.objects.bulk_create(new_words, ignore_conflicts=True)
            _bump_stamp()
    service_indexed.send(sender=Service, service_ids=[service.pk])


def rebuild_index(*, batch_size: int = 2000, progress: bool = False) -> int:
    """Rebuild the whole index (after a bulk import); returns the number of services indexed."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        vocabulary: dict[str, str] = {}
        total = Service.objects.count()
        indexed = 0
        last_id = None
        with tqdm(total=total, disable=not progress, unit="service") as bar:
            while True:
                batch = _services().order_by("pk")
                if last_id is not None:
                    batch = batch.filter(pk__gt=last_id)
                services = list(batch[:batch_size])
                if not services:
                    break
                SearchEntry.objects.bulk_create(_entries(services, vocabulary), batch_size=5000)
                last_id = services[-1].pk
                indexed += len(services)
                bar.update(len(services))
        SearchWord.objects.bulk_create(
            [SearchWord(word=word, term=term) for word, term in vocabulary.items()],
            batch_size=5000,
        )
        _bump_stamp()
    service_indexed.send(sender=Service, service_ids=None)
    return indexed
