"""Partistad's covenant (partners, what they put in, the MSS functions, the stuurgroep and the
2026 targets, through the services) and a history of questions for the monitor's charts.

The history: in 2025 and the first half of 2026, in Binnenstad, Oosterhof and Vlietzoom, five
demo participants per half-year (counted in the target group EPA, with their yes) who each
brought two questions, answered through the district's werktafel. Every unit holds five or
more, so the monitor shows these figures; the newer demo data of the other apps is smaller
and shows as suppressed, as it would in a real region. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import District, Organization
from steunsysteem.participants.models import Participant
from steunsysteem.questions.constants import Outcome, QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.worktables.models import Worktable

from . import services
from .constants import CommitmentKind, Indicator, MssRoleKind, Sector
from .models import CovenantPartner, MssRole, SteeringGroupSeat, Target

PARTNERS = [
    (
        "Gemeente Partistad",
        Sector.MUNICIPALITY,
        "Wethouder zorg en welzijn",
        "Gemeente Partistad, Wmo-loket",
    ),
    ("GGZ Partistad", Sector.MENTAL_HEALTH, "Raad van bestuur", "GGZ Partistad"),
    ("Welzijn Partistad", Sector.WELFARE, "Directeur", "Welzijn Partistad"),
    (
        "Woningcorporatie Vlietwonen",
        Sector.HOUSING,
        "Directeur-bestuurder",
        "Woningcorporatie Vlietwonen",
    ),
    (
        "Cliëntenbelang Partistad",
        Sector.CLIENT_ORGANISATION,
        "Voorzitter",
        "Cliëntenbelang Partistad",
    ),
]
COMMITMENTS = [
    ("Gemeente Partistad", CommitmentKind.MONEY, "120000", "Coördinatie en kwartiermaken"),
    ("GGZ Partistad", CommitmentKind.HOURS, "24", "Ervaringsdeskundigen aan de werktafels"),
    ("GGZ Partistad", CommitmentKind.PEOPLE, "3", "FACT-medewerkers aan de werktafels"),
    ("Welzijn Partistad", CommitmentKind.HOURS, "32", "Kwartiermaker en coördinator"),
    ("Welzijn Partistad", CommitmentKind.LOCATIONS, "2", "Buurthuis De Schakel en Het Anker"),
    (
        "Woningcorporatie Vlietwonen",
        CommitmentKind.IN_KIND,
        "1",
        "Ruimte voor de werktafel in Oosterhof",
    ),
    ("Cliëntenbelang Partistad", CommitmentKind.PEOPLE, "2", "Cliëntvertegenwoordigers"),
]
ROLES = [
    (MssRoleKind.DIRECTOR, "Regisseur MSS", "Gemeente Partistad", "16"),
    (MssRoleKind.COORDINATOR, "Coördinator werktafels", "Welzijn Partistad", "24"),
    (MssRoleKind.KWARTIERMAKER, "Kwartiermaker wijken", "Welzijn Partistad", "16"),
    (MssRoleKind.PEER_EXPERT, "Ervaringsdeskundige", "GGZ Partistad", "24"),
]
SEATS = [
    ("Wethouder zorg en welzijn (voorzitter)", "Gemeente Partistad", False),
    ("Directeur GGZ", "GGZ Partistad", False),
    ("Directeur welzijn", "Welzijn Partistad", False),
    ("Directeur-bestuurder woningcorporatie", "Woningcorporatie Vlietwonen", False),
    ("Cliëntvertegenwoordiger", "Cliëntenbelang Partistad", True),
]
TARGETS = [
    ("2026", Indicator.TARGET_GROUP_QUESTIONS, "60", "60 vragen van mensen met EPA per jaar"),
    (
        "2026",
        Indicator.FIRST_PROPOSAL_WITHIN_6_WEEKS,
        "80",
        "80 % een eerste voorstel binnen 6 weken",
    ),
    ("2026H2", Indicator.SIGNALS_SENT, "5", "5 signalen naar de gemeente per half jaar"),
]
HISTORY_DISTRICTS = {
    "binnenstad": "Werktafel Binnenstad en Vlietzoom",
    "vlietzoom": "Werktafel Binnenstad en Vlietzoom",
    "oosterhof": "Werktafel Oosterhof",
}
HISTORY_HALVES = [(2025, 1), (2025, 2), (2026, 1)]
PER_UNIT = 5


def _register(by: User) -> None:
    for name, sector, signatory, organization in PARTNERS:
        if not CovenantPartner.objects.filter(name=name).exists():
            services.covenant_partner_add(
                name=name,
                sector=sector,
                signatory=signatory,
                signed_on=dt.date(2025, 1, 15),
                organization=Organization.objects.filter(name=organization).first(),
                by=by,
            )
    partners = {partner.name: partner for partner in CovenantPartner.objects.all()}
    for name, kind, amount, description in COMMITMENTS:
        if not partners[name].commitments.filter(kind=kind, description=description).exists():
            services.commitment_add(
                partner=partners[name],
                kind=kind,
                amount=Decimal(amount),
                period="2026",
                description=description,
                by=by,
            )
    for kind, title, partner, hours in ROLES:
        if not MssRole.objects.filter(title=title).exists():
            services.mss_role_add(
                kind=kind,
                title=title,
                partner=partners[partner],
                hours_per_week=Decimal(hours),
                by=by,
            )
    for function, partner, clients in SEATS:
        if not SteeringGroupSeat.objects.filter(function=function).exists():
            services.steering_group_seat_add(
                function=function, partner=partners[partner], represents_clients=clients, by=by
            )
    for period, indicator, value, description in TARGETS:
        if not Target.objects.filter(period=period, indicator=indicator).exists():
            services.target_set(
                period=period,
                indicator=indicator,
                value=Decimal(value),
                description=description,
                by=by,
            )


def _history(professional: User) -> int:
    """Written directly, not through the services: these people and questions exist only to
    fill the monitor's past half-years with fixed historical dates and numbers (no consent to
    anyone, answered at set moments), which no real write path can produce. Loading again
    leaves the rows there are as they are."""
    tz = timezone.get_current_timezone()
    made = 0
    for slug, table_name in HISTORY_DISTRICTS.items():
        district = District.objects.get(slug=slug)
        worktable = Worktable.objects.get(name=table_name)
        for year, half in HISTORY_HALVES:
            start = dt.datetime(year, 1 if half == 1 else 7, 10, 10, tzinfo=tz)
            for number in range(PER_UNIT):
                row_id = demo_id("monitor-participant", slug, year, half, number)
                if Participant.objects.filter(pk=row_id).exists():
                    made += 2
                    continue
                participant = Participant.objects.create(
                    id=row_id,
                    name=f"Deelnemer {slug} {year}-{half}-{number + 1}",
                    district=district,
                    created_by=professional,
                    target_group="EPA",
                    age_band="27_44",
                    target_group_consented_on=start.date(),
                )
                Participant.objects.filter(pk=participant.pk).update(created_at=start)
                for index, (role, outcome, waited) in enumerate(
                    [
                        (Role.PARTICIPANT, Outcome.JOINED, 3),
                        (Role.RELATIVE, Outcome.REFERRED, 8),
                    ]
                ):
                    submitted = start + dt.timedelta(days=20 * index + number)
                    Question.objects.create(
                        participant=participant,
                        text=f"Vraag {index + 1} voor de monitor",
                        life_domains=["meeting"] if index == 0 else ["work"],
                        worktable=worktable,
                        status=QuestionStatus.ANSWERED,
                        outcome=outcome,
                        submitted_at=submitted,
                        submitted_by=professional,
                        submitted_by_role=role,
                        first_proposal_at=submitted + dt.timedelta(weeks=waited),
                    )
                    made += 1
    return made


def load() -> str:
    policy_officer = User.objects.get(username="beleid")
    professional = User.objects.get(username="hulpverlener")
    _register(policy_officer)
    questions = _history(professional)
    return (
        f"{CovenantPartner.objects.count()} covenant partners, {Target.objects.count()} targets,"
        f" {questions} history questions"
    )
