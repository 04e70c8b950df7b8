import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.notes.models import Note
from steunsysteem.participants.tests.factories import ParticipantFactory


class NoteFactory(DjangoModelFactory):
    """A note a professional wrote today; ``NoteFactory(by_the_person=True)`` is one the
    participant (who then needs an account) wrote about themselves."""

    class Meta:
        model = Note

    participant = factory.SubFactory(ParticipantFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    asked = factory.Sequence(lambda n: f"Gevraagd in gesprek {n}")
    written_at = factory.LazyFunction(timezone.now)
    written_by = factory.SubFactory(UserFactory, professional=True)
    written_by_role = factory.SelfAttribute("written_by.role")

    class Params:
        by_the_person = factory.Trait(written_by=factory.SelfAttribute("participant.user"))
