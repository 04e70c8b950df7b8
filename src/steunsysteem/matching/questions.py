"""Offers for a person's question, as the one who looks may see them.

The question's own words, life domains, wishes and readiness always count (whoever may read
the question may read those). The person's details — home postcode, district, preferred
language — count only when the viewer may see those details (the person themself, or consent
for basic details); reading them for the match is recorded in the audit trail. So a distance
("dichtbij (1,2 km)") never tells someone without that consent where the person lives.
"""

from __future__ import annotations

from django.http import HttpRequest

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope

from .selectors import MatchResult, match_services

DETAIL_FIELDS = ("home_postcode", "district", "preferred_language")


def match_for_question(*, question, request: HttpRequest, limit: int = 5) -> MatchResult:
    """Offers for ``question`` as ``request.user`` may see them (the caller has authorized
    reading the question itself)."""
    participant = question.participant
    postcode = district = language = None
    if permissions.participant_access(request.user, participant, ConsentScope.PROFILE).allowed:
        used = [field for field in DETAIL_FIELDS if getattr(participant, field)]
        if used:
            authorize_participant(
                request=request, participant=participant, scope=ConsentScope.PROFILE, fields=used
            )
        postcode = participant.home_postcode or None
        district = participant.district
        language = participant.preferred_language
    return match_services(
        text=question.text,
        life_domains=question.life_domains,
        postcode=postcode,
        district=district,
        wishes_and_limits=question.wishes_and_limits,
        readiness=question.readiness,
        language=language,
        limit=limit,
    )
