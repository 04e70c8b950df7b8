"""Partistad demo surveys: this half-year's answers, enough to show figures (and remarks for
the coordinator), all given through the one-time links like a real answer.

Invitations go to the demo's werktafel members (the yearly survey about the collaboration)
and to participants reached by mail; loading twice adds nothing.
"""

from django.utils import timezone

from .constants import SurveyKind
from .models import SurveyInvitation
from .services import address_hash, collaboration_addresses, survey_answer, survey_invite

PARTICIPANT_ANSWERS = [
    ((5, 4, 5), "Fijn dat er iemand meeging naar de eerste keer."),
    ((4, 4, 4), ""),
    ((5, 5, 5), "Ik ga nu elke week naar het koor."),
    ((3, 2, 3), "Het duurde lang voordat ik iets hoorde."),
    ((4, 3, 4), ""),
    ((5, 4, 4), ""),
]
MEMBER_ANSWERS = [
    ((4, 4, 5), "Korte lijnen met het wijkteam werken goed."),
    ((4, 3, 4), "Meer aanbod in de avond zou helpen."),
    ((5, 4, 4), ""),
    ((3, 3, 4), ""),
    ((4, 4, 4), ""),
]


def load() -> str:
    if SurveyInvitation.objects.exists():
        return "peilingen stonden er al"
    today = timezone.localdate()
    answered = 0
    for number, (scores, remark) in enumerate(PARTICIPANT_ANSWERS, start=1):
        invited = survey_invite(
            kind=SurveyKind.PARTICIPANT, to=f"deelnemer{number}@partistad.example", today=today
        )
        if invited:
            survey_answer(token=invited[1], scores=scores, remark=remark)
            answered += 1
    addresses = collaboration_addresses()
    for address, (scores, remark) in zip(addresses, MEMBER_ANSWERS, strict=False):
        invited = survey_invite(
            kind=SurveyKind.COLLABORATION,
            to=address,
            today=today,
            recipient_hash=address_hash(address),
            year=today.year,
        )
        if invited:
            survey_answer(token=invited[1], scores=scores, remark=remark)
            answered += 1
    return f"{answered} antwoorden op peilingen"
