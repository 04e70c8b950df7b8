import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.outreach.models import Approach, Visit
from steunsysteem.participants.tests.factories import ParticipantFactory


class ApproachFactory(DjangoModelFactory):
    """An organisation a kwartiermaker approached today; ``agreed=True``: ggz-vriendelijk."""

    class Meta:
        model = Approach

    organization = factory.SubFactory(OrganizationFactory)
    kwartiermaker = factory.SubFactory(UserFactory, kwartiermaker=True)
    started_on = factory.LazyFunction(timezone.localdate)

    class Params:
        agreed = factory.Trait(ggz_friendly=True, contact_person="De voorzitter")


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    participant = factory.SubFactory(ParticipantFactory)
    phase = "presence"
    visited_on = factory.LazyFunction(timezone.localdate)
    written_by = factory.SubFactory(UserFactory, kwartiermaker=True)
    written_by_role = factory.SelfAttribute("written_by.role")
    written_at = factory.LazyFunction(timezone.now)
