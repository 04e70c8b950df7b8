"""What the matcher needs to know of a service, read in bulk into small in-memory records.

``read_facts(ids)`` reads everything that decides whether a service fits a question — status,
life domains, access features, ages, who it is for, languages, locations, districts, costs,
schedules, places available and the stemmed words of its text — in a fixed number of queries
whatever the number of services. The matcher keeps these records for every service in memory
next to the embedding matrix (``index.Snapshot``), so a match does no per-candidate SQL.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from steunsysteem.directory.constants import AccessFeature, ServiceStatus
from steunsysteem.directory.models import (
    Accessibility,
    Attribute,
    CostOption,
    Language,
    Schedule,
    Service,
    ServiceAtLocation,
)
from steunsysteem.directory.search.text import normalise, stem, words
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, LIFE_DOMAINS

CHUNK = 2000

_NEEDS_REFERRAL = re.compile(
    r"indicatie|beschikking|verwijzing|verwezen|alleen via|referral"
    r"|aanmelden via je (begeleider|klantmanager)"
)
_WITHOUT_REFERRAL = re.compile(
    r"(zonder|geen) (wmo-?)?(indicatie|verwijzing)|zelf aanmelden|gewoon binnenlopen"
    r"|aanmelden hoeft niet"
)
_WALK_IN = re.compile(r"binnenlopen|binnenloop|inloop|aanmelden hoeft niet")
# A place to drop in and look around, not an activity or a course.
_DROP_IN = re.compile(r"\binloop\w*|\w+inloop\b|huiskamer|binnen (te )?lopen|binnenlopen|open huis")
# "Ben je tussen 16 en 27 jaar", "voor jongeren van 18 tot 25 jaar".
_AGE_RANGE = re.compile(r"\b(?:tussen|van)\s+(\d{1,2})\s+(?:en|tot|t/m)\s+(\d{1,2})\s+jaar")
_FOR_WOMEN = re.compile(r"\b(vrouwen\w*|vrouwencafe|women|dames\w*|moeders)\b")
_FOR_MEN = re.compile(r"\b(mannen\w*|men|heren\w*|vaders)\b")
_FOR_NEWCOMERS = re.compile(
    r"andere moedertaal|tweede taal|nieuwkomers?|statushouders?|inburger\w*|newcomers?"
)
# Languages a group can be for, as its name says it: "Arabischsprekenden", "in het Turks",
# "Turkse vrouwengroep".
SPEAKERS = {"arabisch": "ar", "turks": "tr", "pools": "pl", "engels": "en"}
_FOR_SPEAKERS = re.compile(
    r"\b(arabisch|turks|pools|engels)(sprekend\w*|talig\w*)"
    r"|\bin het (arabisch|turks|pools|engels)\b"
    r"|\b(arabisch|turks|pools)e (vrouwen|mannen|ouderen)\w*"
)
# A desk where you apply for an indicatie or a beschikking ("Dagbesteding aanvragen", "via het
# Wmo-loket"): of no use to someone who has one, or who does not want one.
_APPLY_DESK = re.compile(r"\baanvragen\b")
_APPLY_FOR = re.compile(r"indicatie|beschikking|wmo")
_CLIENTS_ONLY = re.compile(
    r"\b(voor|alleen) (clienten|patienten) van\b|\bin behandeling (bij|van)\b"
)
# An offer for the relatives of someone with psychological problems (naasten), not for that
# person themself.
_FOR_RELATIVES = re.compile(
    r"\bnaasten\b|\bnaaste\b|mantelzorg\w*|\bfamilie en vrienden\b|familieleden"
    r"|(ouder|broer|zus|partner|kind) (met|heeft) psychische"
)


@dataclass(frozen=True, slots=True)
class Slot:
    weekdays: tuple[str, ...]  # MO..SU; empty: no days named
    opens: float | None  # hours, 13.5 is half past one; None: no times named
    closes: float


@dataclass(frozen=True, slots=True)
class Facts:
    """One service as the matcher judges it."""

    active: bool
    domains: frozenset[str]
    features: frozenset[str]
    needs_referral: bool
    walk_in: bool
    drop_in: bool  # a place to drop in and look around (an inloop, a huiskamer)
    minimum_age: int | None
    maximum_age: int | None
    only_for: str | None  # "women" / "men": a group for one sex only
    for_newcomers: bool  # for people whose mother tongue is not Dutch
    clients_only: bool  # only for people in treatment with the organisation
    for_relatives: bool  # for the relatives of someone with problems
    languages: frozenset[str]  # language codes; empty: not given (Dutch)
    points: tuple[tuple[float, float], ...]  # (latitude, longitude) of its locations
    districts: frozenset[int]
    free: bool
    slots: tuple[Slot, ...]
    places_available: int | None
    wheelchair: bool
    terms: tuple[str, ...]  # stems of its name, organisation and description, for word scores
    # A group for speakers of one language, by its name or who it is for ("Ontmoetingsgroep
    # voor Arabischsprekenden", "Ontmoetingsmiddag in het Turks"): that language's code.
    for_speakers_of: str | None = None
    # A desk to apply for an indicatie or a beschikking (the Wmo-loket's "… aanvragen").
    applies_for_indicatie: bool = False


def _hours(value) -> float | None:
    return None if value is None else value.hour + value.minute / 60


def _chunks(ids: list) -> Iterable[list]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _intern(text: str) -> str:
    return sys.intern(text)


def service_terms(*texts: str) -> tuple[str, ...]:
    """The stems a text contributes to the word scores (interned: 100,000 services share them)."""
    return tuple(_intern(stem(word)) for text in texts for word in words(text))


def read_facts(service_ids: Iterable[uuid.UUID] | None = None) -> dict[uuid.UUID, Facts]:
    """The facts of these services (every service when None), in a few queries per 2,000."""
    if service_ids is None:
        ids = list(Service.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = list(dict.fromkeys(service_ids))
    found: dict[uuid.UUID, Facts] = {}
    for chunk in _chunks(ids):
        found.update(_read_chunk(chunk))
    return found


def _read_chunk(ids: list) -> dict[uuid.UUID, Facts]:
    domain_terms = {LIFE_DOMAINS.term_id(code): code for code in LIFE_DOMAINS.dutch_names}
    access_terms = {ACCESS_FEATURES.term_id(code): code for code in AccessFeature.values}
    domains, features = defaultdict(set), defaultdict(set)
    for link_id, term_id in Attribute.objects.filter(
        link_entity="service",
        link_id__in=ids,
        taxonomy_term_id__in=[*domain_terms, *access_terms],
    ).values_list("link_id", "taxonomy_term_id"):
        if term_id in domain_terms:
            domains[link_id].add(domain_terms[term_id])
        else:
            features[link_id].add(access_terms[term_id])
    costs = defaultdict(list)
    for service_id, amount in CostOption.objects.filter(service_id__in=ids).values_list(
        "service_id", "amount"
    ):
        costs[service_id].append(amount)
    languages = defaultdict(set)
    for service_id, code in Language.objects.filter(service_id__in=ids).values_list(
        "service_id", "code"
    ):
        if code:
            languages[service_id].add(_intern(code.casefold()))
    links = defaultdict(list)
    location_ids = set()
    link_service = {}
    for (
        link_id,
        service_id,
        location_id,
        latitude,
        longitude,
        district_id,
    ) in ServiceAtLocation.objects.filter(service_id__in=ids).values_list(
        "id",
        "service_id",
        "location_id",
        "location__latitude",
        "location__longitude",
        "location__district_id",
    ):
        links[service_id].append((location_id, latitude, longitude, district_id))
        location_ids.add(location_id)
        link_service[link_id] = service_id
    accessible = {
        location_id
        for location_id, description, details in Accessibility.objects.filter(
            location_id__in=list(location_ids)
        ).values_list("location_id", "description", "details")
        if "rolstoel" in f"{description} {details}".casefold()
    }
    slots = defaultdict(list)
    for service_id, byday, opens_at, closes_at in Schedule.objects.filter(
        service_id__in=ids
    ).values_list("service_id", "byday", "opens_at", "closes_at"):
        slots[service_id].append(_slot(byday, opens_at, closes_at))
    for link_id, byday, opens_at, closes_at in Schedule.objects.filter(
        service_at_location_id__in=list(link_service)
    ).values_list("service_at_location_id", "byday", "opens_at", "closes_at"):
        slots[link_service[link_id]].append(_slot(byday, opens_at, closes_at))

    found = {}
    for row in Service.objects.filter(pk__in=ids).values(
        "id",
        "status",
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "application_process",
        "fees_description",
        "minimum_age",
        "maximum_age",
        "places_available",
        "organization__name",
    ):
        service_id = row["id"]
        service_features = frozenset(features[service_id])
        found[service_id] = _facts(
            row,
            domains=frozenset(domains[service_id]),
            features=service_features,
            costs=costs[service_id],
            languages=frozenset(languages[service_id]),
            links=links[service_id],
            accessible=accessible,
            slots=tuple(slots[service_id]),
        )
    return found


def _slot(byday: str, opens_at, closes_at) -> Slot:
    codes = [part.strip().lstrip("+-0123456789") for part in (byday or "").split(",")]
    weekdays = tuple(code for code in codes if code in {"MO", "TU", "WE", "TH", "FR", "SA", "SU"})
    closes = _hours(closes_at)
    return Slot(
        weekdays=weekdays, opens=_hours(opens_at), closes=24.0 if closes is None else closes
    )


def _facts(row, *, domains, features, costs, languages, links, accessible, slots) -> Facts:
    who = f"{row['eligibility_description']} {row['application_process']}".casefold()
    plain = " ".join(normalise(f"{row['name']} {row['alternate_name']} {row['description']}"))
    eligibility = " ".join(normalise(row["eligibility_description"]))
    minimum, maximum = row["minimum_age"], row["maximum_age"]
    ages = _AGE_RANGE.search(f"{plain} {eligibility}")
    if ages:
        low, high = sorted((int(ages.group(1)), int(ages.group(2))))
        minimum = low if minimum is None else minimum
        maximum = high if maximum is None else maximum
    naming = " ".join(normalise(f"{row['name']} {row['eligibility_description']}"))
    women = bool(_FOR_WOMEN.search(naming)) or "voor vrouwen" in plain
    men = bool(_FOR_MEN.search(naming)) or "voor mannen" in plain
    only_for = "women" if women and not men else "men" if men and not women else None
    # The service's own words about who may come weigh more than a tag (often inherited
    # from its organisation): "Met een Wmo-indicatie" needs one, whatever the tags say.
    needs_referral = bool(_NEEDS_REFERRAL.search(who) and not _WITHOUT_REFERRAL.search(who))
    if costs:
        free = all(amount is not None and amount == 0 for amount in costs)
    else:
        free = "gratis" in row["fees_description"].casefold()
    return Facts(
        active=row["status"] == ServiceStatus.ACTIVE,
        domains=domains,
        features=features,
        needs_referral=needs_referral,
        walk_in=not needs_referral
        and (
            bool(_WALK_IN.search(row["application_process"].casefold()))
            or bool(features & {AccessFeature.LOW_THRESHOLD, AccessFeature.NO_REFERRAL})
        ),
        # An inloopspreekuur is a consultation, not a place to look around.
        drop_in=not needs_referral
        and bool(_DROP_IN.search(plain))
        and "spreekuur" not in row["name"].casefold(),
        minimum_age=minimum,
        maximum_age=maximum,
        only_for=only_for,
        for_newcomers=bool(_FOR_NEWCOMERS.search(f"{plain} {eligibility}")),
        clients_only=bool(_CLIENTS_ONLY.search(eligibility)),
        for_relatives=bool(_FOR_RELATIVES.search(f"{plain} {eligibility}")),
        languages=languages,
        points=tuple(
            (latitude, longitude)
            for _location, latitude, longitude, _district in links
            if latitude is not None and longitude is not None
        ),
        districts=frozenset(district for *_rest, district in links if district is not None),
        free=free,
        slots=slots,
        places_available=row["places_available"],
        wheelchair=AccessFeature.WHEELCHAIR in features
        or any(location in accessible for location, *_rest in links),
        terms=service_terms(
            row["name"], row["alternate_name"], row["organization__name"] or "", row["description"]
        ),
        for_speakers_of=_for_speakers_of(naming),
        applies_for_indicatie=bool(
            _APPLY_DESK.search(" ".join(normalise(row["name"])))
            and _APPLY_FOR.search(f"{plain} {' '.join(normalise(row['application_process']))}")
        ),
    )


def _for_speakers_of(naming: str) -> str | None:
    found = _FOR_SPEAKERS.search(naming)
    if found is None:
        return None
    return SPEAKERS[next(group for group in found.groups() if group in SPEAKERS)]
