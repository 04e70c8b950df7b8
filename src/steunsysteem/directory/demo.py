"""Partistad demo data for the sociale kaart: a fictional town of about 95,000 inhabitants.

The texts live in ``demo_data/`` as JSON (``districts.json`` and one file per field of work
under ``organizations/``), so they can be edited without touching code. Every row gets a
UUID 5 derived from slugs, so loading again updates rows instead of duplicating them, and
rows that were taken out of the files are removed from the database.

Shorthands in the service specs:

* ``when``: ``"TU 10:00-12:00"`` (weekly), ``"MO,TH 09:30-12:00"``, ``"2W WE 14:00-16:00"``
  (every other week), ``"1FR 19:00-21:00"`` (monthly: first Friday), ``"-1SU 15:00-17:00"``.
* ``apply``: a key of ``APPLICATION_PROCESSES`` or a full sentence.
* ``cost``: ``"free"`` or ``{"amount": "2.00", "per": "per keer", "text": "..."}``.
* ``checked``: days since somebody last checked the entry (otherwise derived from the slug).

The rows are written directly, like a bulk import (``import_hsds``) and not through the
editors' change requests: the kaart is the region's seed data, with fixed ids and dates of the
last check that no editor's step produces, and the search index is rebuilt once at the end.
District boundaries go through ``districts_import`` and the steunpunten through
``support_point_save``, as in real use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from steunsysteem.core.demo import demo_id

from .constants import TAXONOMY_DISTRICT, Frequency, LocationType, ServiceStatus
from .models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    District,
    Language,
    Location,
    Organization,
    Phone,
    PostcodeArea,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from .vocabularies import ACCESS_FEATURES, DISTRICTS, LIFE_DOMAINS, PARTICIPATION_GOALS, Vocabulary

DATA_DIR = Path(__file__).parent / "demo_data"
# Anchors "every other week" rules, so the weeks they fall in do not move between loads.
BIWEEKLY_START = dt.date(2025, 1, 6)

APPLICATION_PROCESSES = {
    "walk_in": "Je kunt gewoon binnenlopen. Aanmelden hoeft niet.",
    "call_first": "Bel of mail eerst even, dan weten we dat je komt.",
    "via_counsellor": "Aanmelden via je begeleider, behandelaar of het wijkteam.",
    "intake": "Je meldt je aan met een telefoontje of mail. Daarna volgt een kennismakingsgesprek.",
}
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "tr": "Turks",
    "ar": "Arabisch",
    "en": "Engels",
    "pl": "Pools",
}
WHEELCHAIR_TEXT = "Rolstoeltoegankelijk"
_WHEN = re.compile(r"^(?:(\d)W )?([-0-9A-Z,]+) (\d\d:\d\d)-(\d\d:\d\d)$")


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _upsert(model: type[models.Model], row_id: uuid.UUID, **fields: Any) -> Any:
    return model.objects.update_or_create(id=row_id, defaults=fields)[0]


def _prune(model: type[models.Model], keep: list[uuid.UUID], **owner: Any) -> None:
    """Delete an owner's rows that the data files no longer describe."""
    model.objects.filter(**owner).exclude(id__in=keep).delete()


def _spread(key: str, modulo: int) -> int:
    """A stable number in ``range(modulo)`` for a slug (Python's hash() changes per process)."""
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % modulo


def load_districts(spec: dict) -> dict[str, District]:
    districts = {}
    for item in spec["districts"]:
        term_id = DISTRICTS.term_id(item["slug"])
        _upsert(
            TaxonomyTerm,
            term_id,
            code=item["slug"],
            name=item["name"],
            description=item["description"],
            taxonomy_id=TAXONOMY_DISTRICT,
            taxonomy_name=DISTRICTS.name,
            language="nl",
        )
        districts[item["slug"]] = District.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "municipality": spec["municipality"],
                "population": item["population"],
                "term_id": term_id,
            },
        )[0]
    return districts


def load_postcode_areas(spec: dict, districts: dict[str, District]) -> dict[str, PostcodeArea]:
    areas = {}
    for item in spec["districts"]:
        for code, (latitude, longitude) in item["postcodes"].items():
            areas[code] = PostcodeArea.objects.update_or_create(
                code=code,
                defaults={
                    "latitude": latitude,
                    "longitude": longitude,
                    "district": districts[item["slug"]],
                },
            )[0]
    return areas


def load_organization(spec: dict) -> Organization:
    organization = _upsert(
        Organization,
        demo_id("organization", spec["slug"]),
        name=spec["name"],
        alternate_name=spec.get("alternate_name", ""),
        description=spec["description"],
        email=spec.get("email", ""),
        website=spec.get("website", ""),
        legal_status=spec.get("legal_status", ""),
        year_incorporated=spec.get("year_incorporated"),
    )
    phones = []
    if spec.get("phone"):
        phones.append(
            _upsert(
                Phone,
                demo_id("phone", "organization", spec["slug"]),
                organization=organization,
                number=spec["phone"],
                type="voice",
            ).id
        )
    _prune(Phone, phones, organization=organization)
    return organization


def load_location(organization: Organization, spec: dict, context: dict) -> Location:
    area = context["postcodes"][spec["postcode"][:4]]
    # A few hundred metres from the postcode's centre, the same spot on every load.
    latitude = area.latitude + (_spread(spec["slug"] + "lat", 61) - 30) / 10_000
    longitude = area.longitude + (_spread(spec["slug"] + "lon", 81) - 40) / 10_000
    location = _upsert(
        Location,
        demo_id("location", spec["slug"]),
        organization=organization,
        location_type=LocationType.PHYSICAL,
        name=spec["name"],
        description=spec.get("description", ""),
        transportation=spec.get("transportation", ""),
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
        district=area.district,
    )
    _upsert(
        Address,
        demo_id("address", spec["slug"]),
        location=location,
        address_1=spec["street"],
        city=context["municipality"],
        state_province=context["province"],
        postal_code=spec["postcode"],
        country="NL",
        address_type=LocationType.PHYSICAL,
    )
    _prune(Address, [demo_id("address", spec["slug"])], location=location)
    kept = [
        _upsert(
            Accessibility,
            demo_id("accessibility", spec["slug"], text),
            location=location,
            description=text,
        ).id
        for text in spec.get("accessibility", [])
    ]
    _prune(Accessibility, kept, location=location)
    return location


def _schedule_fields(when: str) -> dict[str, Any]:
    match = _WHEN.match(when)
    if match is None:
        raise ValueError(f"Cannot read schedule shorthand {when!r}")
    every, byday, opens, closes = match.groups()
    monthly = any(char.isdigit() for char in byday)
    return {
        "freq": Frequency.MONTHLY if monthly else Frequency.WEEKLY,
        "interval": int(every or 1),
        "byday": byday,
        "dtstart": BIWEEKLY_START if every else None,
        "opens_at": dt.time.fromisoformat(opens),
        "closes_at": dt.time.fromisoformat(closes),
    }


def load_schedules(service: Service, spec: dict) -> None:
    kept = [
        _upsert(
            Schedule,
            demo_id("schedule", spec["slug"], index),
            service=service,
            **_schedule_fields(when),
        ).id
        for index, when in enumerate(spec.get("when", []))
    ]
    _prune(Schedule, kept, service=service)


def load_cost(service: Service, spec: dict) -> str:
    """One cost option per service; returns the sentence for ``fees_description``."""
    cost = spec.get("cost", "free")
    if cost == "free":
        amount, per, text = Decimal("0.00"), "", "Gratis."
    else:
        amount, per = Decimal(cost["amount"]), cost["per"]
        euros = f"{amount:.2f}".replace(".", ",")
        text = cost.get("text") or f"€ {euros} {per}."
    option = _upsert(
        CostOption,
        demo_id("cost", spec["slug"]),
        service=service,
        option="",
        currency="EUR",
        amount=amount,
        amount_description=per,
    )
    _prune(CostOption, [option.id], service=service)
    return text


def load_languages(service: Service, spec: dict) -> None:
    kept = [
        _upsert(
            Language,
            demo_id("language", spec["slug"], code),
            service=service,
            code=code,
            name=LANGUAGE_NAMES[code],
        ).id
        for code in spec.get("languages", [])
    ]
    _prune(Language, kept, service=service)


def load_contact(service: Service, spec: dict) -> None:
    kept = []
    if "contact" in spec:
        person = spec["contact"]
        kept.append(
            _upsert(
                Contact,
                demo_id("contact", spec["slug"]),
                service=service,
                name=person["name"],
                title=person["title"],
                email=person["email"],
            ).id
        )
    _prune(Contact, kept, service=service)


def _terms(spec: dict, locations: list[Location]) -> list[tuple[Vocabulary, str]]:
    access = list(dict.fromkeys(spec.get("access", [])))
    wheelchair = all(
        location.accessibilities.filter(description=WHEELCHAIR_TEXT).exists()
        for location in locations
    )
    if wheelchair and "wheelchair" not in access:
        access.append("wheelchair")
    return [
        *((LIFE_DOMAINS, code) for code in spec["domains"]),
        *((PARTICIPATION_GOALS, code) for code in spec["goals"]),
        *((ACCESS_FEATURES, code) for code in access),
    ]


def load_attributes(service: Service, spec: dict, locations: list[Location]) -> None:
    kept = []
    for vocabulary, code in _terms(spec, locations):
        if code not in vocabulary.dutch_names:
            raise ValueError(f"{spec['slug']}: unknown {vocabulary.name} code {code!r}")
        kept.append(
            _upsert(
                Attribute,
                demo_id("attribute", spec["slug"], vocabulary.name, code),
                link_entity="service",
                link_id=service.id,
                taxonomy_term_id=vocabulary.term_id(code),
            ).id
        )
    _prune(Attribute, kept, link_entity="service", link_id=service.id)


def load_service_at_locations(service: Service, spec: dict, locations: list[Location]) -> None:
    kept = [
        _upsert(
            ServiceAtLocation,
            demo_id("service_at_location", spec["slug"], location.id),
            service=service,
            location=location,
        ).id
        for location in locations
    ]
    _prune(ServiceAtLocation, kept, service=service)


def _assured_date(spec: dict) -> dt.date:
    """Most entries were checked this half year; about a quarter longer ago (shown as stale)."""
    days = spec.get("checked")
    if days is None:
        spread = _spread(spec["slug"], 100)
        days = spread * 170 // 75 if spread < 75 else 190 + (spread - 75) * 21
    return timezone.localdate() - dt.timedelta(days=days)


def load_service(organization: Organization, spec: dict, locations: dict[str, Location]) -> Service:
    here = [locations[slug] for slug in spec.get("locations", [next(iter(locations))])]
    service = _upsert(
        Service,
        demo_id("service", spec["slug"]),
        organization=organization,
        name=spec["name"],
        description=spec["description"],
        status=spec.get("status", ServiceStatus.ACTIVE),
        alert=spec.get("alert", ""),
        application_process=APPLICATION_PROCESSES.get(spec["apply"], spec["apply"]),
        eligibility_description=spec.get("eligibility", ""),
        minimum_age=spec.get("minimum_age"),
        wait_time=spec.get("wait_time", ""),
        places_available=spec.get("places"),
        url=spec.get("url", ""),
        email=spec.get("email", ""),
        assured_date=_assured_date(spec),
        assurer_email=organization.email,
    )
    service.fees_description = load_cost(service, spec)
    service.save(update_fields=["fees_description"])
    load_schedules(service, spec)
    load_languages(service, spec)
    load_contact(service, spec)
    load_service_at_locations(service, spec, here)
    load_attributes(service, spec, here)
    return service


def load_district_boundaries() -> None:
    """Partistad's boundaries and population, through the same import as CBS open data."""
    from .district_import import districts_import, read_geojson, read_population_csv

    districts_import(
        rows=read_geojson((DATA_DIR / "wijken.geojson").read_text(encoding="utf-8")),
        population=read_population_csv((DATA_DIR / "bevolking.csv").read_text(encoding="utf-8")),
    )


def load_support_points(spec: dict) -> int:
    """Mark the real steunpunten (and only those) through the service."""
    from .services import support_point_save

    marked = spec["steunpunten"]
    for slug, properties in marked.items():
        support_point_save(
            location=Location.objects.get(id=demo_id("location", slug)), by=None, **properties
        )
    return len(marked)


@transaction.atomic
def load() -> str:
    """Load (or refresh) the Partistad sociale kaart; returns a one-line summary."""
    from .search import rebuild_index

    geography = _read(DATA_DIR / "districts.json")
    districts = load_districts(geography)
    load_district_boundaries()
    context = {
        "municipality": geography["municipality"],
        "province": geography["province"],
        "postcodes": load_postcode_areas(geography, districts),
    }
    organizations: dict[str, Organization] = {}
    services = 0
    for path in sorted((DATA_DIR / "organizations").glob("*.json")):
        for spec in _read(path):
            organization = load_organization(spec)
            organizations[spec["slug"]] = organization
            locations = {
                item["slug"]: load_location(organization, item, context)
                for item in spec["locations"]
            }
            for item in spec["services"]:
                access = [*spec.get("access", []), *item.get("access", [])]
                load_service(organization, {**item, "access": access}, locations)
                services += 1
    steunpunten = load_support_points(_read(DATA_DIR / "steunpunten.json"))
    rebuild_index()
    return (
        f"{len(districts)} wijken, {steunpunten} steunpunten, {len(organizations)} organisaties,"
        f" {services} activiteiten"
    )
