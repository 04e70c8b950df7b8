import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.accounts.constants import ConsentScope, ConsentSource
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.models import Participant


class ParticipantFactory(DjangoModelFactory):
    """A participant without an account; ``ParticipantFactory(with_account=True)`` has one."""

    class Meta:
        model = Participant

    name = factory.Sequence(lambda n: f"Deelnemer {n}")

    class Params:
        with_account = factory.Trait(user=factory.SubFactory(UserFactory))


class ConsentGrantFactory(DjangoModelFactory):
    """An active (confirmed) grant of basic details to a user; traits for ended grants and
    for one that waits for a second yes."""

    class Meta:
        model = ConsentGrant

    participant = factory.SubFactory(ParticipantFactory)
    scope = ConsentScope.PROFILE
    grantee_user = factory.SubFactory(UserFactory, professional=True)
    given_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=335))
    source = ConsentSource.SPOKEN
    recorded_by = factory.SelfAttribute("grantee_user")
    confirmed_at = factory.SelfAttribute("given_at")
    confirmed_by = factory.SelfAttribute("recorded_by")

    class Params:
        withdrawn = factory.Trait(
            withdrawn_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
            withdrawn_by=factory.SelfAttribute("recorded_by"),
        )
        awaiting_confirmation = factory.Trait(
            given_at=factory.LazyFunction(timezone.now), confirmed_at=None, confirmed_by=None
        )
        expired = factory.Trait(
            ends_on=factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
        )
