"""Which offers of the sociale kaart fit a question, best first, each with its reasons.

``match_services`` combines:

* meaning: the question and each service as sentence embeddings (``index``), compared by a
  dot product over one float32 matrix per process; the best ``SEMANTIC_CANDIDATES`` go on;
* words: the sociale kaart's own Dutch search (stems, synonyms, typos) scores those candidates
  (or, without the model, finds them itself: then ``MatchResult.semantic`` is False);
* what has to fit: life domains, distance to the home postcode (else the district), costs,
  days and parts of the day, language, a wheelchair, places available, eligibility
  (indicatie, age) and readiness ("orienting": low-threshold offers without referral first).

Only active services are ever suggested: inactive, defunct and temporarily closed ones never.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from steunsysteem.directory.constants import LifeDomain, ServiceStatus
from steunsysteem.directory.distance import distance_km, find_postcode_area
from steunsysteem.directory.models import District, Service
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.directory.search.text import stem, words
from steunsysteem.directory.vocabularies import LIFE_DOMAINS
from steunsysteem.participants.constants import Language

from .concepts import expanded
from .embedder import Embedder, get_embedder
from .facts import Facts, Slot, read_facts
from .index import current_matrix
from .lexical import QueryTerms, bm25_scores
from .wishes import PART_HOURS, Wishes, read_wishes

SEMANTIC_CANDIDATES = 300
LEXICAL_CANDIDATES = 100
# Fewer candidates than this after meaning and words: the full word search adds its own.
MIN_KEPT = 10
MAX_LIMIT = 50
# How much each part weighs in the score (meaning and words together make at most 1).
SEMANTIC_WEIGHT = 0.7
# Cosine similarities closer than this are not "much" better: the spread is at least this.
MIN_SPREAD = 0.05
DOMAIN_BONUS = 0.25
NEAR_BONUS = 0.15
NEAR_KM = 15.0
SHOWN_NEAR_KM = 5.0
DISTRICT_BONUS = 0.08
NOT_FREE_PENALTY = 0.25
SCHEDULE_BONUS = 0.12
SCHEDULE_PENALTY = 0.3
LANGUAGE_BONUS = 0.1
LANGUAGE_PENALTY = 0.15
WHEELCHAIR_BONUS = 0.1
WHEELCHAIR_PENALTY = 0.2
FULL_PENALTY = 0.4
# Someone who is orienting cannot use an offer that needs a referral yet: those go last.
ORIENTING_REFERRAL_PENALTY = 1.0
ORIENTING_LOW_THRESHOLD_BONUS = 0.2
# ... and places to drop in and look around (an inloop, a huiskamer) before everything else.
ORIENTING_DROP_IN_BONUS = 0.2
# An offer for relatives when the question is about oneself, or the other way round.
RELATIVE_PENALTY = 0.3
# A group for speakers of a language the question neither is in nor names.
SPEAKERS_PENALTY = 0.3
# A desk to apply for an indicatie, for someone who has one or does not want one.
APPLY_DESK_PENALTY = 0.5
# Services fetched beyond the limit, in case some closed since the facts were read.
FETCH_SPARE = 5
MAX_FITTING_WORDS = 3
# Words too general to tell a person why an offer fits.
GENERAL_WORDS = frozenset(
    "dag dagen weer zit zitten thuis iets graag hele heel gaan komen keer week tijd mensen".split()
)

DAY_NAMES = {
    "MO": pgettext_lazy("weekday in a match reason", "Monday"),
    "TU": pgettext_lazy("weekday in a match reason", "Tuesday"),
    "WE": pgettext_lazy("weekday in a match reason", "Wednesday"),
    "TH": pgettext_lazy("weekday in a match reason", "Thursday"),
    "FR": pgettext_lazy("weekday in a match reason", "Friday"),
    "SA": pgettext_lazy("weekday in a match reason", "Saturday"),
    "SU": pgettext_lazy("weekday in a match reason", "Sunday"),
}


@dataclass
class Match:
    service: Service
    score: float
    reasons: list[str] = field(default_factory=list)  # plain Dutch, shown to users
    distance_km: float | None = None


@dataclass
class MatchResult:
    matches: list[Match]  # best first
    semantic: bool  # False: the model is missing, matched on words only
    postcode_unknown: bool = False


def match_services(
    *,
    text: str,
    life_domains: Sequence[str] = (),
    postcode: str | None = None,
    district=None,
    wishes_and_limits: str = "",
    readiness: str | None = None,
    language: str | None = None,
    limit: int = 10,
) -> MatchResult:
    """The active services that best fit a question, best first, each with its reasons.

    ``district`` is a ``District`` or its slug (used when there is no known postcode);
    ``readiness`` a ``questions.constants.Readiness`` value; ``language`` a language code.
    """
    text = (text or "").strip()
    limit = max(1, min(int(limit), MAX_LIMIT))
    domains = tuple(code for code in life_domains if code in LifeDomain.values)
    wishes = read_wishes(text, wishes_and_limits or "")
    area = find_postcode_area(postcode) if postcode and postcode.strip() else None
    postcode_unknown = bool(postcode and postcode.strip()) and area is None
    district_id = _district_id(district) if area is None else None
    context = _Context(
        wishes=wishes,
        domains=frozenset(domains),
        area=area,
        district_id=district_id,
        orienting=readiness == "orienting" or wishes.orienting,
        language=(language or wishes.language or "").casefold() or None,
        query_terms=frozenset(stem(word) for word in words(text)),
    )

    embedder = get_embedder()
    semantic = embedder is not None
    snapshot = current_matrix() if semantic else None
    if embedder is not None and snapshot is not None and snapshot.ids and words(text):
        relevance, facts = _by_meaning_and_words(embedder, snapshot, text, context.orienting)
    else:
        relevance, facts = _by_words_only(text, domains, snapshot)
    scored = [
        (score, service_id)
        for service_id, base in relevance.items()
        if (item := facts.get(service_id)) is not None
        and (score := _score(item, base, context)) is not None
    ]
    scored.sort(key=lambda pair: (-pair[0], str(pair[1])))
    matches = _matches(scored, facts, context, limit)
    return MatchResult(matches, semantic=semantic, postcode_unknown=postcode_unknown)


def _by_meaning_and_words(
    embedder: Embedder, snapshot, text: str, orienting: bool
) -> tuple[dict, dict]:
    """{service id: relevance 0..1} of the services closest in meaning, mixed with their
    word scores; and their facts (all from the in-memory snapshot, no SQL). For someone who
    is orienting, places to drop in stay among them even when they are further in meaning."""
    rows, similarities = snapshot.nearest(
        embedder.embed_queries([expanded(text)])[0], SEMANTIC_CANDIDATES
    )
    ids = snapshot.ids
    meaning = {
        ids[row]: similarity
        for row, similarity in zip(rows.tolist(), similarities.tolist(), strict=True)
    }
    facts = snapshot.facts
    candidates = {service_id: facts[service_id] for service_id in meaning if service_id in facts}
    query = QueryTerms.read(text, snapshot.lexicon.document_frequency, concepts=True)
    wording = bm25_scores(
        query, {service_id: item.terms for service_id, item in candidates.items()}, snapshot.lexicon
    )
    # A candidate stays when it is close enough in meaning or shares words with the question.
    kept = {
        service_id: similarity
        for service_id, similarity in meaning.items()
        if similarity >= embedder.min_similarity
        or service_id in wording
        or (orienting and service_id in candidates and candidates[service_id].drop_in)
    }
    if len(kept) < MIN_KEPT:
        # Meaning and the candidates' words found little (a typo, a rare word): the sociale
        # kaart's own search (typos, the whole kaart) adds what it finds, in SQL.
        extra = {
            service_id: score
            for service_id, score in _word_scores(text, None, LEXICAL_CANDIDATES).items()
            if service_id not in kept
        }
        missing = [service_id for service_id in extra if service_id not in facts]
        candidates.update({key: facts[key] for key in extra if key in facts})
        candidates.update(read_facts(missing))
        top = max(extra.values(), default=0) or 1
        relevance = _relevance(kept, wording, embedder.min_similarity) if kept else {}
        for service_id, score in extra.items():
            relevance[service_id] = (1 - SEMANTIC_WEIGHT) * score / top
        return relevance, candidates
    return _relevance(kept, wording, embedder.min_similarity), candidates


def _by_words_only(text: str, domains: tuple[str, ...], snapshot) -> tuple[dict, dict]:
    """Without the model (or without words to embed): the sociale kaart's own search, or the
    life domains alone when there are no words."""
    wording = _word_scores(text, None, LEXICAL_CANDIDATES) if words(text) else {}
    candidate_ids = list(wording)
    if not candidate_ids and domains:
        term_ids = [LIFE_DOMAINS.term_id(code) for code in domains]
        in_domains = Service.objects.filter(status=ServiceStatus.ACTIVE).with_any_term(term_ids)
        candidate_ids = list(in_domains.order_by("name").values_list("id", flat=True)[:200])
    if snapshot is not None and all(service_id in snapshot.facts for service_id in candidate_ids):
        facts = snapshot.facts
    else:
        facts = read_facts(candidate_ids)
    return _relevance({}, wording) or dict.fromkeys(candidate_ids, 0.0), facts


def _word_scores(text: str, among, count: int) -> dict:
    """{service id: relevance} from the sociale kaart's own search (stems, synonyms, typos)."""
    found = search_services(SearchParams(text=text), among).services
    if found.query.is_empty():
        return {}
    return dict(found.values_list("id", "relevance")[:count])


def _district_id(district) -> int | None:
    if district is None or district == "":
        return None
    if isinstance(district, District):
        return district.pk
    return District.objects.filter(slug=str(district)).values_list("pk", flat=True).first()


def _relevance(meaning: dict, wording: dict, floor: float = 0.0) -> dict:
    """{service id: 0..1}: meaning and words together, each scaled to its best candidate."""
    top_words = max(wording.values(), default=0) or 1
    if not meaning:
        return {service_id: score / top_words for service_id, score in wording.items()}
    # Meaning on the model's own scale: its "unrelated" level is 0, the best candidate 1, so
    # the scale is the same with 200 services or 100,000 (words: the best candidate is 1).
    high = max(meaning.values())
    low = min(floor, high - MIN_SPREAD)
    spread = high - low
    return {
        service_id: SEMANTIC_WEIGHT * max(0.0, similarity - low) / spread
        + (1 - SEMANTIC_WEIGHT) * wording.get(service_id, 0) / top_words
        for service_id, similarity in meaning.items()
    }


@dataclass(frozen=True)
class _Context:
    wishes: Wishes
    domains: frozenset
    area: object
    district_id: int | None
    orienting: bool
    language: str | None
    query_terms: frozenset


def eligible(item: Facts, wishes: Wishes, language: str | None = None) -> bool:
    """False when the question itself says the person cannot go there: closed or inactive;
    an age outside the offer's range; a group for the other sex; an offer that needs an
    indicatie or a treatment the person does not have or want; Dutch lessons for someone
    whose own language is Dutch; an offer only in languages the person does not speak."""
    if not item.active:
        return False
    if wishes.without_indicatie and item.needs_referral:
        return False
    if wishes.not_in_treatment and item.clients_only:
        return False
    if wishes.age is not None:
        if item.minimum_age is not None and wishes.age < item.minimum_age:
            return False
        if item.maximum_age is not None and wishes.age > item.maximum_age:
            return False
    elif wishes.age_at_least is not None and item.maximum_age is not None:
        if wishes.age_at_least > item.maximum_age:
            return False
    if wishes.sex and item.only_for and item.only_for != wishes.sex:
        return False
    if wishes.native_dutch and item.for_newcomers:
        return False
    # Only in languages the person does not speak (when the question tells which they do).
    return not (
        language
        and item.languages
        and language not in item.languages
        and "nl" not in item.languages
    )


def _score(item: Facts, base: float, context: _Context) -> float | None:
    """The service's score for this question, or None when the person cannot go there."""
    wishes = context.wishes
    if not eligible(item, wishes, context.language):
        return None
    score = base
    if context.domains and item.domains & context.domains:
        score += DOMAIN_BONUS
    km = _nearest_km(context.area, item.points)
    if km is not None:
        score += NEAR_BONUS * max(0.0, 1 - km / NEAR_KM)
    elif context.district_id and context.district_id in item.districts:
        score += DISTRICT_BONUS
    if wishes.free_only and not item.free:
        score -= NOT_FREE_PENALTY
    if context.orienting:
        if item.needs_referral:
            score -= ORIENTING_REFERRAL_PENALTY
        elif item.walk_in:
            score += ORIENTING_LOW_THRESHOLD_BONUS
            if item.drop_in:
                score += ORIENTING_DROP_IN_BONUS
    if item.slots and (wishes.days or wishes.not_days or wishes.parts):
        score += SCHEDULE_BONUS if _fitting_time(item.slots, wishes) else -SCHEDULE_PENALTY
    if context.language and context.language != "nl" and item.languages:
        score += LANGUAGE_BONUS if context.language in item.languages else -LANGUAGE_PENALTY
    elif item.languages and "nl" not in item.languages:
        # The question does not say which language (too short): the kaart's own comes first.
        score -= LANGUAGE_PENALTY
    if wishes.wheelchair:
        score += WHEELCHAIR_BONUS if item.wheelchair else -WHEELCHAIR_PENALTY
    if item.places_available == 0:
        score -= FULL_PENALTY
    if item.for_relatives != wishes.about_relative:
        score -= RELATIVE_PENALTY
    if item.for_speakers_of and not (
        item.for_speakers_of == context.language or item.for_speakers_of in wishes.languages_named
    ):
        score -= SPEAKERS_PENALTY
    if item.applies_for_indicatie and (wishes.has_indicatie or wishes.refuses_indicatie):
        score -= APPLY_DESK_PENALTY
    return round(score, 4)


def _matches(scored: list, facts: dict, context: _Context, limit: int) -> list[Match]:
    """The best ``limit`` as matches with their reasons; one query for the services, which
    also drops any that closed since this process read its facts."""
    top = [service_id for _score, service_id in scored[: limit + FETCH_SPARE]]
    # By primary key only: with the status in the query, SQLite may walk the status index
    # (95 % of the kaart) instead. The status is checked here.
    services = Service.objects.filter(id__in=top).select_related("organization")
    by_id = {service.pk: service for service in services if service.status == ServiceStatus.ACTIVE}
    matches = []
    for score, service_id in scored[: limit + FETCH_SPARE]:
        service = by_id.get(service_id)
        if service is None:
            continue
        reasons, km = _reasons(service, facts[service_id], context)
        matches.append(Match(service=service, score=score, reasons=reasons, distance_km=km))
        if len(matches) == limit:
            break
    return matches


def _reasons(service: Service, item: Facts, context: _Context) -> tuple[list[str], float | None]:
    """Why this service fits, in plain Dutch; and its distance from home."""
    wishes = context.wishes
    reasons: list[str] = []
    km = _nearest_km(context.area, item.points)
    if km is not None:
        shown = formats.number_format(round(km, 1), 1)
        if km <= SHOWN_NEAR_KM:
            reasons.append(_("nearby (%(km)s km)") % {"km": shown})
        else:
            reasons.append(_("%(km)s km away") % {"km": shown})
    elif context.district_id and context.district_id in item.districts:
        reasons.append(_("in your district"))
    if item.free:
        reasons.append(_("free"))
    if not item.needs_referral:
        reasons.append(_("no indication needed"))
    if context.orienting and not item.needs_referral and item.walk_in:
        reasons.append(_("low-threshold: you can just drop in"))
    if item.slots and (wishes.days or wishes.not_days or wishes.parts):
        fitting = _fitting_time(item.slots, wishes)
        if fitting:
            reasons.append(fitting)
    if context.language and context.language != "nl" and context.language in item.languages:
        reasons.append(_("also in %(language)s") % {"language": _language_name(context.language)})
    if wishes.wheelchair and item.wheelchair:
        reasons.append(_("wheelchair accessible"))
    if item.places_available == 0:
        reasons.append(_("no places free right now"))
    elif item.places_available:
        count = item.places_available
        reasons.append(
            ngettext("%(count)s place free", "%(count)s places free", count) % {"count": count}
        )
    fitting_words = _fitting_words(service, context.query_terms)
    if fitting_words:
        reasons.append(_("fits: %(words)s") % {"words": ", ".join(fitting_words)})
    return reasons, km


def _nearest_km(area, points) -> float | None:
    if area is None:
        return None
    distances = [
        distance_km(area.latitude, area.longitude, latitude, longitude)
        for latitude, longitude in points
    ]
    return min(distances, default=None)


def _language_name(code: str) -> str:
    return str(Language(code).label) if code in Language.values else code


def _parts_of(slot: Slot) -> set[str]:
    """The parts of the day a schedule touches (all of them when it names no times)."""
    if slot.opens is None:
        return set(PART_HOURS)
    return {
        part
        for part, (start, end) in PART_HOURS.items()
        if slot.opens < end and slot.closes > start
    }


def _fitting_time(slots: Sequence[Slot], wishes: Wishes) -> str | None:
    """The first day (and part of the day) a schedule meets the wishes, as a phrase."""
    for slot in slots:
        days = slot.weekdays or tuple(DAY_NAMES)
        for day in days:
            if day in wishes.not_days or (wishes.days and day not in wishes.days):
                continue
            wanted = wishes.day_parts.get(day) or wishes.parts
            parts = _parts_of(slot) & wanted if wanted else _parts_of(slot)
            if wanted and not parts:
                continue
            if not slot.weekdays:
                return _("at a time that suits you")
            if wanted:
                return _phrase(day, sorted(parts)[0])
            return _("on %(day)s") % {"day": DAY_NAMES[day]}
    return None


def _phrase(day: str, part: str) -> str:
    name = DAY_NAMES[day]
    if part == "morning":
        return _("on %(day)s morning") % {"day": name}
    if part == "afternoon":
        return _("on %(day)s afternoon") % {"day": name}
    return _("on %(day)s evening") % {"day": name}


def _fitting_words(service: Service, query_terms: Set[str]) -> list[str]:
    """Words of the service's name and description that the question also uses."""
    found: list[str] = []
    for word in words(f"{service.name} {service.description}"):
        if stem(word) in query_terms and word not in found and word not in GENERAL_WORDS:
            found.append(word)
            if len(found) == MAX_FITTING_WORDS:
                break
    return found
