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

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from steunsysteem.directory.constants import AccessFeature, LifeDomain, ServiceStatus
from steunsysteem.directory.distance import distance_km, find_postcode_area
from steunsysteem.directory.models import District, Schedule, Service, ServiceAtLocation
from steunsysteem.directory.query import attach_terms
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.directory.search.text import stem, words
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, LIFE_DOMAINS
from steunsysteem.participants.constants import Language

from .embedder import get_embedder
from .index import current_matrix
from .wishes import PART_HOURS, Wishes, read_wishes

SEMANTIC_CANDIDATES = 150
LEXICAL_CANDIDATES = 100
DOMAIN_CANDIDATES = 200
MAX_LIMIT = 50
# How much each part weighs in the score (meaning and words together make at most 1).
SEMANTIC_WEIGHT = 0.7
# Cosine similarities closer than this are not "much" better: the spread is at least this.
MIN_SPREAD = 0.05
DOMAIN_BONUS = 0.15
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
MAX_FITTING_WORDS = 3
# Words too general to tell a person why an offer fits.
GENERAL_WORDS = frozenset(
    "dag dagen weer zit zitten thuis iets graag hele heel gaan komen keer week tijd mensen".split()
)

_NEEDS_REFERRAL = re.compile(
    r"indicatie|beschikking|verwijzing|verwezen|alleen via|referral"
    r"|aanmelden via je (begeleider|klantmanager)"
)
_WITHOUT_REFERRAL = re.compile(
    r"(zonder|geen) (wmo-?)?(indicatie|verwijzing)|zelf aanmelden|gewoon binnenlopen"
    r"|aanmelden hoeft niet"
)
_WALK_IN = re.compile(r"binnenlopen|binnenloop|inloop|aanmelden hoeft niet")
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

    matrix = current_matrix() if words(text) else None
    semantic = get_embedder() is not None
    meaning: dict = {}
    if matrix is not None and matrix.ids:
        embedder = get_embedder()
        meaning = _nearest(matrix, embedder.embed_queries([text])[0], embedder.min_similarity)
    if len(meaning) >= limit:
        # Fast path: words only score the candidates meaning found (a bounded query).
        wording = _word_scores(text, Service.objects.filter(id__in=meaning), SEMANTIC_CANDIDATES)
    elif words(text):
        wording = _word_scores(text, None, LEXICAL_CANDIDATES)
    else:
        wording = {}
    candidate_ids = set(meaning) | set(wording)
    if not candidate_ids and domains:
        term_ids = [LIFE_DOMAINS.term_id(code) for code in domains]
        in_domains = Service.objects.filter(status=ServiceStatus.ACTIVE).with_any_term(term_ids)
        candidate_ids = set(in_domains.order_by("name").values_list("id", flat=True)[:200])
    services = _fetch(candidate_ids)
    if not services:
        return MatchResult([], semantic=semantic, postcode_unknown=postcode_unknown)

    relevance = _relevance(meaning, wording)
    query_terms = {stem(word) for word in words(text)}
    context = _Context(wishes, domains, area, district_id, readiness, language, query_terms)
    matches = [match for service in services if (match := _judge(service, relevance, context))]
    matches.sort(key=lambda match: (-match.score, match.service.name, str(match.service.pk)))
    return MatchResult(matches[:limit], semantic=semantic, postcode_unknown=postcode_unknown)


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


def _nearest(matrix, query, min_similarity: float) -> dict:
    """{service id: cosine similarity} of the closest services in meaning (not below
    ``min_similarity``)."""
    import numpy as np

    scores = matrix.scores(query)
    count = min(SEMANTIC_CANDIDATES, scores.shape[0])
    best = np.argpartition(-scores, count - 1)[:count]
    return {matrix.ids[row]: float(scores[row]) for row in best if scores[row] >= min_similarity}


def _relevance(meaning: dict, wording: dict) -> dict:
    """{service id: 0..1}: meaning and words together, each scaled to its best candidate."""
    top_words = max(wording.values(), default=0) or 1
    if not meaning:
        return {service_id: score / top_words for service_id, score in wording.items()}
    high = max(meaning.values())
    low = min(min(meaning.values()), high - MIN_SPREAD)
    spread = high - low
    return {
        service_id: SEMANTIC_WEIGHT * (meaning.get(service_id, low) - low) / spread
        + (1 - SEMANTIC_WEIGHT) * wording.get(service_id, 0) / top_words
        for service_id in set(meaning) | set(wording)
    }


def _fetch(service_ids) -> list[Service]:
    if not service_ids:
        return []
    located = ServiceAtLocation.objects.select_related("location").prefetch_related(
        "schedules", "location__accessibilities"
    )
    services = list(
        Service.objects.filter(id__in=list(service_ids), status=ServiceStatus.ACTIVE)
        .select_related("organization")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.all()),
            "cost_options",
            "languages",
            Prefetch("service_at_locations", queryset=located),
        )
    )
    attach_terms(services, life_domains=LIFE_DOMAINS, access_features=ACCESS_FEATURES)
    return services


@dataclass(frozen=True)
class _Context:
    wishes: Wishes
    domains: tuple[str, ...]
    area: object
    district_id: int | None
    readiness: str | None
    language: str | None
    query_terms: set


def _judge(service: Service, relevance: dict, context: _Context) -> Match | None:
    """The service's score and reasons, or None when the person cannot go there."""
    wishes = context.wishes
    features = {code for code, _label in service.access_features}
    needs_referral = _needs_referral(service, features)
    if wishes.without_indicatie and needs_referral:
        return None
    if wishes.age is not None and not _age_fits(service, wishes.age):
        return None
    score = relevance.get(service.pk, 0.0)
    reasons: list[str] = []
    locations = [link.location for link in service.service_at_locations.all()]

    if context.domains and {code for code, _label in service.life_domains} & set(context.domains):
        score += DOMAIN_BONUS
    km = _nearest_km(context.area, locations)
    if km is not None:
        score += NEAR_BONUS * max(0.0, 1 - km / NEAR_KM)
        if km <= SHOWN_NEAR_KM:
            reasons.append(_("nearby (%(km)s km)") % {"km": formats.number_format(round(km, 1), 1)})
        else:
            reasons.append(_("%(km)s km away") % {"km": formats.number_format(round(km, 1), 1)})
    elif context.district_id and any(
        location.district_id == context.district_id for location in locations
    ):
        score += DISTRICT_BONUS
        reasons.append(_("in your district"))

    if _is_free(service):
        reasons.append(_("free"))
    elif wishes.free_only:
        score -= NOT_FREE_PENALTY

    if not needs_referral:
        reasons.append(_("no indication needed"))
    if context.readiness == "orienting":
        if needs_referral:
            score -= ORIENTING_REFERRAL_PENALTY
        elif features & {AccessFeature.LOW_THRESHOLD, AccessFeature.NO_REFERRAL} or _WALK_IN.search(
            service.application_process.casefold()
        ):
            score += ORIENTING_LOW_THRESHOLD_BONUS
            reasons.append(_("low-threshold: you can just drop in"))

    schedules = [*service.schedules.all()] + [
        schedule for link in service.service_at_locations.all() for schedule in link.schedules.all()
    ]
    if schedules and (wishes.days or wishes.not_days or wishes.parts):
        fitting = _fitting_time(schedules, wishes)
        if fitting:
            score += SCHEDULE_BONUS
            reasons.append(fitting)
        else:
            score -= SCHEDULE_PENALTY

    if context.language and context.language != "nl":
        codes = {item.code.casefold() for item in service.languages.all() if item.code}
        if context.language in codes:
            score += LANGUAGE_BONUS
            name = _language_name(context.language)
            reasons.append(_("also in %(language)s") % {"language": name})
        elif codes:
            score -= LANGUAGE_PENALTY

    if wishes.wheelchair:
        if AccessFeature.WHEELCHAIR in features or _accessible(locations):
            score += WHEELCHAIR_BONUS
            reasons.append(_("wheelchair accessible"))
        else:
            score -= WHEELCHAIR_PENALTY

    if service.places_available == 0:
        score -= FULL_PENALTY
        reasons.append(_("no places free right now"))
    elif service.places_available:
        count = service.places_available
        reasons.append(
            ngettext("%(count)s place free", "%(count)s places free", count) % {"count": count}
        )

    fitting_words = _fitting_words(service, context.query_terms)
    if fitting_words:
        reasons.append(_("fits: %(words)s") % {"words": ", ".join(fitting_words)})
    return Match(service=service, score=round(score, 4), reasons=reasons, distance_km=km)


def _needs_referral(service: Service, features: set) -> bool:
    if AccessFeature.NO_REFERRAL in features:
        return False
    text = f"{service.eligibility_description} {service.application_process}".casefold()
    return bool(_NEEDS_REFERRAL.search(text)) and not _WITHOUT_REFERRAL.search(text)


def _age_fits(service: Service, age: int) -> bool:
    if service.minimum_age is not None and age < service.minimum_age:
        return False
    return service.maximum_age is None or age <= service.maximum_age


def _nearest_km(area, locations) -> float | None:
    if area is None:
        return None
    distances = [
        distance_km(area.latitude, area.longitude, location.latitude, location.longitude)
        for location in locations
        if location.latitude is not None and location.longitude is not None
    ]
    return min(distances, default=None)


def _is_free(service: Service) -> bool:
    options = list(service.cost_options.all())
    if options:
        return all(option.amount is not None and option.amount == 0 for option in options)
    return "gratis" in service.fees_description.casefold()


def _accessible(locations) -> bool:
    return any(
        "rolstoel" in f"{item.description} {item.details}".casefold()
        for location in locations
        for item in location.accessibilities.all()
    )


def _language_name(code: str) -> str:
    return str(Language(code).label) if code in Language.values else code


def _parts_of(schedule: Schedule) -> set[str]:
    """The parts of the day a schedule touches (all of them when it names no times)."""
    if schedule.opens_at is None:
        return set(PART_HOURS)
    opens = schedule.opens_at.hour + schedule.opens_at.minute / 60
    closes_at = schedule.closes_at or dt.time(23, 59)
    closes = closes_at.hour + closes_at.minute / 60
    return {part for part, (start, end) in PART_HOURS.items() if opens < end and closes > start}


def _fitting_time(schedules: list[Schedule], wishes: Wishes) -> str | None:
    """The first day (and part of the day) a schedule meets the wishes, as a phrase."""
    for schedule in schedules:
        days = schedule.weekdays or list(DAY_NAMES)
        for day in days:
            if day in wishes.not_days or (wishes.days and day not in wishes.days):
                continue
            wanted = wishes.day_parts.get(day) or wishes.parts
            parts = _parts_of(schedule) & wanted if wanted else _parts_of(schedule)
            if wanted and not parts:
                continue
            if not schedule.weekdays:
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


def _fitting_words(service: Service, query_terms: set) -> list[str]:
    """Words of the service's name and description that the question also uses."""
    found: list[str] = []
    for word in words(f"{service.name} {service.description}"):
        if stem(word) in query_terms and word not in found and word not in GENERAL_WORDS:
            found.append(word)
            if len(found) == MAX_FITTING_WORDS:
                break
    return found
