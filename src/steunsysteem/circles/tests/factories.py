import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.circles.constants import Frequency
from steunsysteem.circles.models import Absence, Circle, CircleMember
from steunsysteem.directory.tests.factories import UserFactory


class CircleFactory(DjangoModelFactory):
    """A daily circle run by a coordinator; ``CircleFactory(weekly=True)`` calls on Wednesdays."""

    class Meta:
        model = Circle

    name = factory.Sequence(lambda n: f"Ochtendcirkel {n}")
    coordinator = factory.SubFactory(UserFactory, coordinator=True)
    coordinator_phone = "040-1234567"
    frequency = Frequency.DAILY
    call_time = dt.time(9, 30)

    class Params:
        weekly = factory.Trait(frequency=Frequency.WEEKLY, weekday=2)


class CircleMemberFactory(DjangoModelFactory):
    """A volunteer at the end of the order; pass ``participant=...`` (and ``volunteer=None``)
    for a participant."""

    class Meta:
        model = CircleMember

    circle = factory.SubFactory(CircleFactory)
    position = factory.Sequence(lambda n: n + 1)
    volunteer = factory.SubFactory(UserFactory, volunteer=True)
    first_name = factory.Sequence(lambda n: f"Lid{n}")
    phone = factory.Sequence(lambda n: f"06-{n:08d}")
    agreed_on = factory.LazyFunction(timezone.localdate)
    joined_at = factory.LazyFunction(timezone.now)


class AbsenceFactory(DjangoModelFactory):
    class Meta:
        model = Absence

    member = factory.SubFactory(CircleMemberFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(timezone.localdate)
    recorded_at = factory.LazyFunction(timezone.now)
