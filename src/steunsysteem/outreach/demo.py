"""Partistad demo kwartiermaken, through the services: Mark's route (Daan, ervaringsdeskundige,
and Mirjam, kwartiermaker, visit him), and Mirjam's work with Denksportvereniging Het Paard,
where Mark would like to play cards: a conversation, "ggz-vriendelijk" agreed, and the
proposal for the card afternoon's entry waiting in the coordinators' review."""

import datetime as dt

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import Organization, Service
from steunsysteem.participants.demo import persona

from . import services
from .models import Approach

VISITS = [
    ("ervaringsdeskundige", "presence", 56, "Kennisgemaakt bij Mark thuis. Koffie gedronken."),
    ("ervaringsdeskundige", "presence", 42, "Samen een stukje gewandeld."),
    ("kwartiermaker", "practical", 28, "Geholpen met de brief van de woningcorporatie."),
    ("kwartiermaker", "social", 10, "Mark wil graag kaarten. Het Paard heeft een kaartmiddag."),
]
CLUB = "denksport-het-paard"
CARD_AFTERNOON = "Kaartmiddag: rikken en jokeren"


def load() -> str:
    today = timezone.localdate()
    mark = persona("mark")
    if not mark.visits.exists():
        for username, phase, days_ago, note in VISITS:
            services.visit_record(
                participant=mark,
                phase=phase,
                visited_on=today - dt.timedelta(days=days_ago),
                note=note,
                by=User.objects.get(username=username),
            )
    mirjam = User.objects.get(username="kwartiermaker")
    club = Organization.objects.get(pk=demo_id("organization", CLUB))
    approach = Approach.objects.filter(organization=club, kwartiermaker=mirjam).first()
    if approach is None:
        approach = services.approach_start(
            organization=club, started_on=today - dt.timedelta(days=21), by=mirjam
        )
        services.conversation_record(
            approach=approach,
            held_on=today - dt.timedelta(days=21),
            spoke_with="de voorzitter",
            agreed="Kennismaking. Het bestuur wil graag meer nieuwe leden op de kaartmiddag.",
            by=mirjam,
        )
        services.conversation_record(
            approach=approach,
            held_on=today - dt.timedelta(days=7),
            spoke_with="het bestuur",
            agreed=(
                "Nieuwe spelers zijn welkom zoals ze zijn. De eerste keer gaat de "
                "kwartiermaker mee. Vragen kunnen bij de vaste gastvrouw."
            ),
            ggz_friendly=True,
            contact_person="Gastvrouw van de kaartmiddag",
            first_visit_on=today + dt.timedelta(days=5),
            by=mirjam,
        )
        card_afternoon = Service.objects.get(organization=club, name=CARD_AFTERNOON)
        services.features_propose(
            approach=approach, service=card_afternoon, features=["ggz_friendly"], by=mirjam
        )
    return f"{mark.visits.count()} bezoeken, {Approach.objects.count()} organisaties benaderd"
