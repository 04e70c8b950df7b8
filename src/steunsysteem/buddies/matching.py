"""Which volunteers fit a wish for a buddy, and why, in plain words.

A deliberately simple, transparent scorer (not the service matcher): points for each shared
interest, for living close by, for shared days and for speaking the person's language. The
coordinator sees every reason and decides; the score only orders the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from steunsysteem.directory.distance import distance_km
from steunsysteem.directory.models import PostcodeArea
from steunsysteem.participants.constants import Language

from .constants import Interest, Weekday
from .models import BuddyRequest, VolunteerProfile

POINTS_PER_INTEREST = 3
POINTS_CLOSE_BY = 2
POINTS_SAME_DISTRICT = 1
POINTS_PER_DAY = 1
POINTS_LANGUAGE = 1
CLOSE_BY_KM = 3.0


@dataclass
class Suggestion:
    volunteer: VolunteerProfile
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _labels(choices, values, *, lower: bool = True) -> str:
    names = dict(choices.choices)
    labels = [str(names[value]) for value in values if value in names]
    return ", ".join(label.lower() if lower else label for label in labels)


def _distance(first: str, second: str) -> float | None:
    if not first or not second:
        return None
    areas = {area.code: area for area in PostcodeArea.objects.filter(code__in=[first, second])}
    if first not in areas or second not in areas:
        return None
    a, b = areas[first], areas[second]
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def score(buddy_request: BuddyRequest, volunteer: VolunteerProfile) -> Suggestion:
    """How well this volunteer fits the wish, with one plain reason per point scored."""
    participant = buddy_request.question.participant
    suggestion = Suggestion(volunteer=volunteer)
    shared = [i for i in buddy_request.interests if i in volunteer.interests]
    if shared:
        suggestion.score += POINTS_PER_INTEREST * len(shared)
        suggestion.reasons.append(
            _("Also likes: %(interests)s") % {"interests": _labels(Interest, shared)}
        )
    km = _distance(participant.home_postcode, volunteer.postcode)
    if km is not None and km <= CLOSE_BY_KM:
        suggestion.score += POINTS_CLOSE_BY
        suggestion.reasons.append(
            _("Lives close by (about %(km)s km)") % {"km": number_format(km, 1)}
        )
    elif participant.district_id and participant.district_id == volunteer.district_id:
        suggestion.score += POINTS_SAME_DISTRICT
        suggestion.reasons.append(
            _("Lives in the same district (%(district)s)") % {"district": volunteer.district}
        )
    days = [day for day in buddy_request.days if day in volunteer.days]
    if days:
        suggestion.score += POINTS_PER_DAY * len(days)
        suggestion.reasons.append(_("Can on: %(days)s") % {"days": _labels(Weekday, days)})
    if participant.preferred_language in volunteer.languages:
        suggestion.score += POINTS_LANGUAGE
        suggestion.reasons.append(
            _("Speaks %(language)s")
            % {"language": _labels(Language, [participant.preferred_language], lower=False)}
        )
    return suggestion


def suggestions(buddy_request: BuddyRequest, *, limit: int = 10) -> list[Suggestion]:
    """The project's screened, available volunteers with at least one reason, best first.
    Volunteers already proposed for this wish are left out."""
    already = buddy_request.matches.open().values("volunteer_id")
    candidates = (
        VolunteerProfile.objects.of_project(buddy_request.project)
        .ready_for_a_match()
        .exclude(pk__in=already)
        .select_related("user", "district")
    )
    found = [score(buddy_request, volunteer) for volunteer in candidates]
    found = [suggestion for suggestion in found if suggestion.score > 0]
    found.sort(key=lambda s: (-s.score, s.volunteer.user.first_name, s.volunteer.pk))
    return found[:limit]
