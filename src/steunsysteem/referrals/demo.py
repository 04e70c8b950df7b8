"""A Partistad demo referral, made through the services: Fatima refers Nuray's question about
volunteering to "Gastvrouw of gastheer worden in De Schakel" (Nuray agreed that De Schakel
sees her basic details); De Schakel's editor accepted it and planned the introduction, with
Fatima going along the first time."""

import datetime as dt

from django.utils import timezone

from steunsysteem.accounts.constants import ConsentSource
from steunsysteem.accounts.models import User
from steunsysteem.directory.models import Service
from steunsysteem.participants.demo import persona
from steunsysteem.questions.models import Question

from . import services
from .constants import Companion, ReferralStatus
from .models import Referral

QUESTION_TEXT = "Nuray wil iets doen voor anderen, misschien vrijwilligerswerk met taal."
SERVICE_NAME = "Gastvrouw of gastheer worden in De Schakel"


def load() -> str:
    question = Question.objects.get(participant=persona("nuray"), text=QUESTION_TEXT)
    if Referral.objects.filter(question=question).exists():
        return "1 verwijzing (bestond al)"
    fatima = User.objects.get(username="hulpverlener")
    editor = User.objects.get(username="redacteur")
    service = Service.objects.get(name=SERVICE_NAME)
    referral = services.referral_create(
        question=question, service=service, consent_source=ConsentSource.SPOKEN, by=fatima
    )
    services.referral_update(
        referral=referral, step=services.Step(to=ReferralStatus.ACCEPTED), by=editor
    )
    services.referral_update(
        referral=referral,
        step=services.Step(
            to=ReferralStatus.INTRODUCTION_PLANNED,
            introduction_on=timezone.localdate() + dt.timedelta(days=6),
            companion=Companion.REFERRER,
        ),
        by=editor,
    )
    return "1 verwijzing"
