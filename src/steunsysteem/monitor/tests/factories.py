"""Factories for the monitor's register, and a quick way to put questions in the past."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.accounts.constants import Role
from steunsysteem.monitor.constants import CommitmentKind, Indicator, Sector
from steunsysteem.monitor.models import Commitment, CovenantPartner, Target
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.models import Question


class CovenantPartnerFactory(DjangoModelFactory):
    class Meta:
        model = CovenantPartner

    name = factory.Sequence(lambda n: f"Partner {n}")
    sector = Sector.WELFARE
    signatory = "Directeur"
    signed_on = dt.date(2026, 1, 15)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    partner = factory.SubFactory(CovenantPartnerFactory)
    kind = CommitmentKind.HOURS
    amount = Decimal("16")
    period = "2026"


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    period = "2026"
    indicator = Indicator.QUESTIONS
    value = Decimal("500")
    set_at = factory.LazyFunction(timezone.now)


def aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


def make_questions(count: int, *, on: dt.date, participant=None, **fields) -> list[Question]:
    """``count`` questions brought in on ``on`` (bulk: the monitor reads, it does not care how
    a question arrived)."""
    participant = participant or ParticipantFactory()
    fields.setdefault("submitted_by_role", Role.PARTICIPANT)
    return Question.objects.bulk_create(
        Question(participant=participant, text="Vraag", submitted_at=aware(on), **fields)
        for _index in range(count)
    )
