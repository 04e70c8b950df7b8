"""Free-text search in Dutch: stems, synonyms, compound parts and typo correction.

Each word the visitor types becomes a set of index terms with a factor (how sure we are it is
what they meant). Services are ranked by the sum of factor × index weight over matching terms;
a text search keeps the ``MAX_RESULTS`` best matches (after the filters and the distance limit).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Sum,
    Value,
    When,
)

from ..distance import find_postcode_area, with_distance
from ..models import SearchEntry, Service
from .compounds import compound_correction, compound_parts, related
from .filters import apply_filters
from .params import SearchParams, SearchResult
from .text import stem, synonyms, words
from .vocabulary import Vocabulary, current_vocabulary

EXACT = 4
SYNONYM = 3
COMPOUND_PART = 2
RELATED = 1
MAX_WORDS = 8
# A text search returns at most this many services, the best first: nobody reads further.
MAX_RESULTS = 500
# On PostgreSQL a search without filters ranks first and checks only this many of the best
# services for public(), instead of checking every matching service (see _top_candidates).
CANDIDATES = 4 * MAX_RESULTS


def plan_query(text: str, vocabulary: Vocabulary) -> tuple[dict[str, int], dict[str, str]]:
    """(index term → factor, typo → correction) for what a visitor typed."""
    factors: dict[str, int] = {}
    corrected: dict[str, str] = {}

    def add(terms, factor: int) -> None:
        for term in terms:
            if vocabulary.knows(term) and factors.get(term, 0) < factor:
                factors[term] = factor

    for word in words(text)[:MAX_WORDS]:
        found_before = len(factors)
        for attempt in (word, None):
            if attempt is None:
                correction = vocabulary.closest_word(word) or compound_correction(word, vocabulary)
                if correction is None:
                    break
                corrected[word] = correction
                attempt = correction
            term = vocabulary.word_terms.get(attempt) or stem(attempt)
            alike = synonyms(term)
            add([term], EXACT)
            add(alike, SYNONYM)
            parts = compound_parts(attempt, vocabulary)
            add(parts, COMPOUND_PART)
            for part in parts:
                add(synonyms(part), RELATED)
            for base, factor in [(attempt, EXACT), (term, EXACT), *((a, SYNONYM) for a in alike)]:
                inflected, compounds = related(base, vocabulary)
                add(inflected, factor)
                add(compounds, RELATED)
            if len(factors) > found_before:
                break
    return factors, corrected


def _scores(factors: dict[str, int]) -> QuerySet:
    """(service id, score) of every service with one of the terms, best first."""
    by_factor: dict[int, list[str]] = {}
    for term, factor in factors.items():
        by_factor.setdefault(factor, []).append(term)
    score = Case(
        *[
            When(term__in=terms, then=F("weight") * factor)
            for factor, terms in sorted(by_factor.items(), reverse=True)
        ],
        default=F("weight"),
        output_field=IntegerField(),
    )
    return (
        SearchEntry.objects.filter(term__in=list(factors))
        .values("service_id")
        .annotate(score=Sum(score))
        .order_by("-score", "service_id")
    )


def _top_matches(
    services: QuerySet, factors: dict[str, int], *, filtered: bool = True
) -> list[tuple[object, int]]:
    """[(service id, score)] of the best-scoring services among ``services`` (one query).

    Scores are summed in a single pass over the covering index, never per service, which
    keeps a search fast even when a common word matches half the directory.
    """
    if connection.vendor == "postgresql" and not filtered:
        ranked = _top_candidates(services, factors)
        if ranked is not None:
            return ranked
    scores = (
        _scores(factors)
        # EXISTS, not IN: the database then walks the few index rows of the typed terms and
        # checks each service, instead of walking every service in the directory.
        .filter(Exists(services.filter(pk=OuterRef("service_id"))))
        .values_list("service_id", "score")[:MAX_RESULTS]
    )
    return list(scores)


def _top_candidates(services: QuerySet, factors: dict[str, int]) -> list | None:
    """PostgreSQL, no filters but public(): rank first, then check only the best ``CANDIDATES``
    services one by one (primary key) until ``MAX_RESULTS`` pass; None when too few passed
    to be sure (then the general query runs).

    Checking every matching service against ``services`` made PostgreSQL hash the whole
    service table on each search (150–250 ms at 100,000 services, half of it that hash).
    """
    candidates_sql, candidates_params = (
        _scores(factors).values_list("service_id", "score").query.sql_with_params()
    )
    services_sql, services_params = services.values("pk").query.sql_with_params()
    # count(*) OVER (): how many services matched at all, to know whether the cut lost any.
    score_column = ' AS "score" FROM '
    if candidates_sql.count(score_column) != 1:
        return None
    candidates_sql = candidates_sql.replace(
        score_column, ' AS "score", count(*) OVER () AS "matched" FROM '
    )
    sql = (
        f'SELECT "candidate"."service_id", "candidate"."score", "candidate"."matched" '
        f'FROM ({candidates_sql} LIMIT %s) "candidate" '
        f'WHERE "candidate"."service_id" IN ({services_sql}) '
        f'ORDER BY "candidate"."score" DESC, "candidate"."service_id" LIMIT %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*candidates_params, CANDIDATES, *services_params, MAX_RESULTS])
        rows = cursor.fetchall()
    if len(rows) < MAX_RESULTS and (not rows or rows[0][2] > CANDIDATES):
        return None
    return [(service_id, score) for service_id, score, _ in rows]


def _relevance(ranked: list[tuple[object, int]]) -> Case:
    by_score: dict[int, list] = {}
    for service_id, score in ranked:
        by_score.setdefault(score, []).append(service_id)
    whens = [When(id__in=ids, then=Value(score)) for score, ids in by_score.items()]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _narrows(params: SearchParams) -> bool:
    """Whether the search keeps only part of the public services (filters or a distance)."""
    return bool(
        params.life_domains
        or params.access_features
        or params.district
        or params.free_only
        or params.at_support_point
        or params.weekdays
        or (params.postcode.strip() and params.max_distance_km is not None)
    )


def search_services(params: SearchParams, queryset: QuerySet | None = None) -> SearchResult:
    """Public services matching ``params``, best first (then nearest, then by name)."""
    base = queryset if queryset is not None else Service.objects.all()
    services = apply_filters(base.public(), params)
    area = None
    postcode_unknown = False
    if params.postcode.strip():
        area = find_postcode_area(params.postcode)
        postcode_unknown = area is None
        if area is not None:
            services = with_distance(services, area, params.max_distance_km)
    ordering: list = []
    corrected: dict[str, str] = {}
    if words(params.text):
        factors, corrected = plan_query(params.text, current_vocabulary())
        filtered = queryset is not None or _narrows(params)
        ranked = _top_matches(services, factors, filtered=filtered) if factors else []
        if not ranked:
            return SearchResult(services.none(), postcode_unknown, corrected)
        # The ranking applied every filter (and public()); the page only fetches its services.
        services = base.filter(id__in=[service_id for service_id, _ in ranked])
        services = services.annotate(relevance=_relevance(ranked))
        if area is not None:
            services = with_distance(services, area)
        ordering.append(F("relevance").desc())
    if area is not None:
        ordering.append(F("distance_km").asc(nulls_last=True))
    services = services.order_by(*ordering, "name", "id")
    return SearchResult(services, postcode_unknown=postcode_unknown, corrected_terms=corrected)
