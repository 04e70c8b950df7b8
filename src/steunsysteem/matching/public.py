"""The public sociale kaart: a sentence that finds few offers by its words also gets offers
that fit its meaning (no account, nothing about the visitor is kept)."""

from __future__ import annotations

from steunsysteem.directory.models import Service
from steunsysteem.directory.search import SearchParams
from steunsysteem.directory.search.filters import apply_filters
from steunsysteem.directory.search.text import words

from .selectors import MatchResult, match_services

# Fewer keyword results than this is "thin"; a sentence has at least this many words.
THIN_RESULTS = 3
SENTENCE_WORDS = 3
MEANING_RESULTS = 5


def also_fitting(params: SearchParams, *, found: int, shown_ids) -> MatchResult | None:
    """Offers that fit the meaning of what the visitor typed, with the same filters, that the
    keyword results do not hold yet; None when the words found enough or it was no sentence."""
    if found >= THIN_RESULTS or len(words(params.text)) < SENTENCE_WORDS:
        return None
    result = match_services(
        text=params.text,
        life_domains=params.life_domains,
        postcode=params.postcode or None,
        district=params.district or None,
        limit=MEANING_RESULTS + len(shown_ids),
    )
    if not result.semantic:
        return None
    candidates = [match for match in result.matches if match.service.pk not in set(shown_ids)]
    allowed = set(
        apply_filters(
            Service.objects.filter(id__in=[match.service.pk for match in candidates]), params
        ).values_list("id", flat=True)
    )
    kept = [
        match
        for match in candidates
        if match.service.pk in allowed
        and (
            params.max_distance_km is None
            or match.distance_km is None
            or match.distance_km <= params.max_distance_km
        )
    ]
    result.matches = kept[:MEANING_RESULTS]
    return result if result.matches else None
