"""Steunsysteem's own HSDS taxonomies: where HSDS is silent, we ship a vocabulary.

Term ids are derived from the taxonomy and the code (UUID 5), so every installation
exports the same ids and a re-import recognises them.
"""

import uuid
from dataclasses import dataclass

from django.db import models

from .constants import (
    TAXONOMY_ACCESS,
    TAXONOMY_DISTRICT,
    TAXONOMY_LIFE_DOMAIN,
    TAXONOMY_PARTICIPATION_GOAL,
    TAXONOMY_SUPPORT_POINT,
    AccessFeature,
    LifeDomain,
    ParticipationGoal,
)


@dataclass(frozen=True)
class Vocabulary:
    taxonomy_id: str
    name: str
    description: str
    choices: type[models.TextChoices] | None
    # Dutch term names: HSDS data is published in the region's language.
    dutch_names: dict[str, str]

    def term_id(self, code: str) -> uuid.UUID:
        return uuid.uuid5(uuid.UUID(self.taxonomy_id), code)


LIFE_DOMAINS = Vocabulary(
    TAXONOMY_LIFE_DOMAIN,
    "steunsysteem-leefgebied",
    "Leefgebieden van de sociale kaart van Steunsysteem.",
    LifeDomain,
    {
        "meeting": "Ontmoeting",
        "daytime_activity": "Dagbesteding",
        "volunteering": "Vrijwilligerswerk",
        "work": "Werk",
        "education": "Scholing en cursussen",
        "housing": "Wonen",
        "money": "Geld en administratie",
        "sport": "Sport en bewegen",
        "culture": "Cultuur en creativiteit",
        "meaning": "Zingeving",
        "relationships": "Relaties en gezin",
        "health": "Gezondheid en herstel",
    },
)
PARTICIPATION_GOALS = Vocabulary(
    TAXONOMY_PARTICIPATION_GOAL,
    "movisie-participatiewiel",
    "De zes participatiedoelen van het participatiewiel (Movisie).",
    ParticipationGoal,
    {
        "independence": "Zelfstandig functioneren",
        "social_contacts": "Sociale contacten",
        "taking_part": "Maatschappelijk deelnemen",
        "contributing": "Maatschappelijk bijdragen",
        "skills": "Opdoen van vaardigheden",
        "paid_work": "Betaald werk",
    },
)
ACCESS_FEATURES = Vocabulary(
    TAXONOMY_ACCESS,
    "steunsysteem-toegang",
    "Hoe makkelijk een aanbod te bereiken is voor mensen met een psychische kwetsbaarheid.",
    AccessFeature,
    {
        "low_threshold": "Laagdrempelig: zonder afspraak binnenlopen",
        "ggz_friendly": "Geschikt voor mensen met een GGZ-achtergrond",
        "peer_run": "Door ervaringsdeskundigen",
        "no_referral": "Geen verwijzing of indicatie nodig",
        "wheelchair": "Rolstoeltoegankelijk",
    },
)
DISTRICTS = Vocabulary(
    TAXONOMY_DISTRICT,
    "steunsysteem-wijk",
    "Wijken van de regio; een locatie ligt in één wijk.",
    None,
    {},
)
# What makes a location a laagdrempelig steunpunt, exported as HSDS attributes of the
# location ("steunpunt_days_open_per_week" carries the number in the attribute's value).
# Codes start with "steunpunt" because HSDS term codes are unique across taxonomies.
SUPPORT_POINT_FEATURES = Vocabulary(
    TAXONOMY_SUPPORT_POINT,
    "steunsysteem-steunpunt",
    "Kenmerken van een laagdrempelig steunpunt: een plek voor inloop, ontmoeting, activiteiten"
    " en herstel, met ervaringsdeskundigen aan het roer.",
    None,
    {
        "steunpunt": "Laagdrempelig steunpunt",
        "steunpunt_days_open_per_week": "Dagen open per week",
        "steunpunt_walk_in": "Inloop zonder afspraak",
        "steunpunt_meeting": "Ontmoeting met anderen",
        "steunpunt_activities": "Activiteiten en herstelaanbod",
        "steunpunt_peer_support": "Steun van lotgenoten",
        "steunpunt_led_by_experts_by_experience": "Ervaringsdeskundigen hebben de leiding",
        "steunpunt_independent": "Onafhankelijk",
        "steunpunt_own_location": "Herkenbare eigen plek",
    },
)
FIXED_VOCABULARIES = [LIFE_DOMAINS, PARTICIPATION_GOALS, ACCESS_FEATURES]


def install_vocabularies(taxonomy_model, term_model) -> None:
    """Create or update the fixed taxonomies and their terms (used by a data migration)."""
    for vocabulary in [*FIXED_VOCABULARIES, DISTRICTS, SUPPORT_POINT_FEATURES]:
        taxonomy, _ = taxonomy_model.objects.update_or_create(
            id=vocabulary.taxonomy_id,
            defaults={"name": vocabulary.name, "description": vocabulary.description},
        )
        for code, name in vocabulary.dutch_names.items():
            term_model.objects.update_or_create(
                id=vocabulary.term_id(code),
                defaults={
                    "code": code,
                    "name": name,
                    "description": name,
                    "taxonomy": taxonomy,
                    "taxonomy_name": vocabulary.name,
                    "language": "nl",
                },
            )
