import factory
from factory.django import DjangoModelFactory

from steunsysteem.worktables.models import Worktable


class WorktableFactory(DjangoModelFactory):
    """A werktafel; ``WorktableFactory(members=[user])`` seats users at it."""

    class Meta:
        model = Worktable
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Werktafel {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        for user in extracted or []:
            self.members.add(user)
