"""Free-text search in Dutch: stems, synonyms, compound parts and typo correction.

Each word the visitor types becomes a set of index terms with a factor (how sure we are it is
what they meant). Services are ranked by the sum of factor × index weight over matching terms;
a text search keeps the ``MAX_RESULTS`` best matches (after the filters and the distance limit).
"""

from __future__ import annotations

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
MAX_EXPANSIONS = 20
MIN_PREFIX = 4
MIN_SUFFIX = 4
MIN_PART = 3
LINKING_LETTERS = ("s", "e", "en")
# What may follow a word inside a longer word of the same meaning ("zing" → "zingt", "zanger").
INFLECTIONS = frozenset({"t", "e", "en", "end", "er", "ers", "s", "te", "ten", "de", "den"})
VOWELS = frozenset("aeiouy")


def _compound_parts(word: str, vocabulary: Vocabulary) -> list[str]:
    """Known terms a Dutch compound is made of ("zangkoor" → ["zang", "koor"])."""
    both, single = [], []
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head] + [head[: -len(link)] for link in LINKING_LETTERS if head.endswith(link)]
        head_term = next((stem(h) for h in heads if vocabulary.knows(stem(h))), None)
        tail_term = stem(tail) if vocabulary.knows(stem(tail)) else None
        if head_term and tail_term:
            both.extend([head_term, tail_term])
        elif len(tail) >= MIN_SUFFIX + 1 and tail_term:
            single.append(tail_term)
        elif len(head) >= MIN_SUFFIX + 1 and head_term:
            single.append(head_term)
    return both or sorted(single, key=len, reverse=True)[:1]


def _without_ending(word: str) -> str:
    """The word without a plural or verb ending, as it starts a compound ("tekenen" → "teken")."""
    for ending in ("en", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_PREFIX:
            return word[: -len(ending)]
    return word


def _known_part(part: str, vocabulary: Vocabulary) -> bool:
    """Whether ``part`` is a word of its own, maybe with a linking letter ("s" + "werk"): a word
    of the directory or of the synonym list."""
    pieces = {part}
    for link in LINKING_LETTERS:
        if part.startswith(link):
            pieces.add(part[len(link) :])
        if part.endswith(link):
            pieces.add(part[: -len(link)])
    return any(
        len(piece) >= MIN_PART
        and (
            piece in vocabulary.word_terms
            or bool(synonyms(stem(piece)))
            or _form_of_known_word(piece, vocabulary)
        )
        for piece in pieces
    )


def _form_of_known_word(piece: str, vocabulary: Vocabulary) -> bool:
    """Whether ``piece`` is another form of a known word ("lessen" of "les"), not a word that
    only stems alike ("eving" and "even" both stem to "eef")."""
    return any(
        word.startswith(piece) or piece.startswith(word)
        for word in vocabulary.words_of(stem(piece))
    )


def _likely_tail(rest: str) -> bool:
    """Whether an unknown ending looks like a word of its own ("brei" + "club"), not the rest
    of a longer word ("zing" + "eving")."""
    return len(rest) >= MIN_SUFFIX and rest[0] not in VOWELS


def _built_on(candidate: str, base: str, vocabulary: Vocabulary, *, at_start: bool) -> bool:
    """Whether a longer term really is ``base`` with an ending or another word added.

    "zingt" and "zangkoor" are; "zingeving" (zing + eving) and "akkoord" (ak + koor) are not:
    they only happen to share letters, and must not bring in unrelated services.
    """
    for word in {candidate, *vocabulary.words_of(candidate)}:
        if at_start and word.startswith(base):
            rest = word[len(base) :]
            if rest in INFLECTIONS or _known_part(rest, vocabulary) or _likely_tail(rest):
                return True
        elif not at_start and word.endswith(base):
            head = word[: -len(base)]
            if _known_part(head, vocabulary) or len(head) >= MIN_PREFIX:
                return True
    return False


def _related(term: str, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """Known longer terms built on the term: (other forms of the same word, compounds).

    "zing" → (["zingt", "zanger"...], []); "wandel" → ([], ["wandelgroep"]).
    """
    inflected, compounds = [], []
    for start in {term, _without_ending(term)}:
        if len(start) >= MIN_PREFIX:
            for found in vocabulary.starting_with(start, MAX_EXPANSIONS):
                if _built_on(found, start, vocabulary, at_start=True):
                    is_form = any(
                        word[len(start) :] in INFLECTIONS
                        for word in {found, *vocabulary.words_of(found)}
                        if word.startswith(start)
                    )
                    (inflected if is_form else compounds).append(found)
    if len(term) >= MIN_SUFFIX:
        compounds += [
            found
            for found in vocabulary.ending_with(term, MAX_EXPANSIONS)
            if _built_on(found, term, vocabulary, at_start=False)
        ]
    return inflected, compounds


def _compound_correction(word: str, vocabulary: Vocabulary) -> str | None:
    """A compound with a typo in one of its parts, corrected ("zangkor" → "zangkoor")."""
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if _known_part(head, vocabulary):
            fixed = vocabulary.closest_part(tail)
            if fixed:
                return head + fixed
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if _known_part(tail, vocabulary):
            fixed = vocabulary.closest_part(head)
            if fixed:
                return fixed + tail
    return None


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
                correction = vocabulary.closest_word(word) or _compound_correction(word, vocabulary)
                if correction is None:
                    break
                corrected[word] = correction
                attempt = correction
            term = vocabulary.word_terms.get(attempt) or stem(attempt)
            alike = synonyms(term)
            add([term], EXACT)
            add(alike, SYNONYM)
            parts = _compound_parts(attempt, vocabulary)
            add(parts, COMPOUND_PART)
            for part in parts:
                add(synonyms(part), RELATED)
            for base, factor in [(attempt, EXACT), (term, EXACT), *((a, SYNONYM) for a in alike)]:
                inflected, compounds = _related(base, vocabulary)
                add(inflected, factor)
                add(compounds, RELATED)
            if len(factors) > found_before:
                break
    return factors, corrected


def _top_matches(services: QuerySet, factors: dict[str, int]) -> list[tuple[object, int]]:
    """[(service id, score)] of the best-scoring services among ``services`` (one query).

    Scores are summed in a single pass over the covering index, never per service, which
    keeps a search fast even when a common word matches half the directory.
    """
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
    ranked = (
        SearchEntry.objects.filter(term__in=list(factors))
        # EXISTS, not IN: the database then walks the few index rows of the typed terms and
        # checks each service, instead of walking every service in the directory.
        .filter(Exists(services.filter(pk=OuterRef("service_id"))))
        .values("service_id")
        .annotate(score=Sum(score))
        .order_by("-score", "service_id")
        .values_list("service_id", "score")[:MAX_RESULTS]
    )
    return list(ranked)


def _relevance(ranked: list[tuple[object, int]]) -> Case:
    by_score: dict[int, list] = {}
    for service_id, score in ranked:
        by_score.setdefault(score, []).append(service_id)
    whens = [When(id__in=ids, then=Value(score)) for score, ids in by_score.items()]
    return Case(*whens, default=Value(0), output_field=IntegerField())


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
        ranked = _top_matches(services, factors) if factors else []
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
