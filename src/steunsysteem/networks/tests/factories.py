import factory
from factory.django import DjangoModelFactory

from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.models import NetworkMember
from steunsysteem.participants.tests.factories import ParticipantFactory


class NetworkMemberFactory(DjangoModelFactory):
    """A friend in the middle circle; ``NetworkMemberFactory(central=True)`` is the central
    contact person."""

    class Meta:
        model = NetworkMember

    participant = factory.SubFactory(ParticipantFactory)
    name = factory.Sequence(lambda n: f"Vriend {n}")
    relation = Relation.FRIEND
    circle = Circle.MIDDLE
    support_received = ["company"]
    gives_back = []

    class Params:
        central = factory.Trait(is_central_contact=True)
        professional = factory.Trait(relation=Relation.PROFESSIONAL, circle=Circle.OUTER)
