import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.white_spots.constants import SignalSource, SignalStatus
from steunsysteem.white_spots.models import Signal


class QuestionFactory(DjangoModelFactory):
    """A question; ``QuestionFactory(no_offer=True)`` ended without a fitting offer."""

    class Meta:
        model = Question

    participant = factory.SubFactory(ParticipantFactory)
    text = factory.Sequence(lambda n: f"Ik zoek iets om te doen, vraag {n}.")
    life_domains = factory.LazyFunction(lambda: ["meeting"])
    submitted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    submitted_by = factory.SubFactory(UserFactory, professional=True)
    submitted_by_role = "professional"

    class Params:
        no_offer = factory.Trait(status=QuestionStatus.CLOSED_NO_OFFER, closed_reason="no_offer")


class SignalFactory(DjangoModelFactory):
    """A raised signal with a little evidence; ``SignalFactory(sent=True)`` went out,
    ``responded=True`` the municipality answered, ``by_hand=True`` a coordinator raised it."""

    class Meta:
        model = Signal

    life_domain = "meeting"
    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Geen passend aanbod {n}")
    status = SignalStatus.RAISED
    raised_at = factory.LazyFunction(timezone.now)
    question_count = 3
    first_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=40))
    last_on = factory.LazyFunction(timezone.localdate)
    monthly_counts = factory.LazyAttribute(
        lambda o: [[f"{o.first_on:%Y-%m}", 2], [f"{o.last_on:%Y-%m}", 1]]
    )
    evidence_updated_at = factory.LazyFunction(timezone.now)

    class Params:
        sent = factory.Trait(
            status=SignalStatus.SENT,
            sent_at=factory.LazyFunction(timezone.now),
            missing="Een uitgaansavond voor mensen met een GGZ-achtergrond.",
        )
        # Raised by a coordinator from a client council: no counted questions.
        by_hand = factory.Trait(
            source=SignalSource.CLIENT_COUNCIL,
            source_description="Cliëntenraad GGZ Partistad, vergadering van 3 maart",
            missing="Een inloop in het weekend.",
            question_count=0,
            first_on=None,
            last_on=None,
            monthly_counts=factory.LazyFunction(list),
            evidence_updated_at=None,
        )
        # The municipality answered it.
        responded = factory.Trait(
            status=SignalStatus.RESPONDED,
            sent_at=factory.LazyFunction(timezone.now),
            missing="Een uitgaansavond voor mensen met een GGZ-achtergrond.",
            response="We zoeken samen met het buurthuis een avond per maand.",
            response_due_on=factory.LazyFunction(
                lambda: timezone.localdate() + dt.timedelta(days=60)
            ),
            responded_at=factory.LazyFunction(timezone.now),
        )
