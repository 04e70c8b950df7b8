from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import Invitation
from steunsysteem.directory.tests.factories import UserFactory


class InvitationFactory(DjangoModelFactory):
    """An open invitation; its link is ``/accounts/uitnodiging/<token>/``.

    ``InvitationFactory(expired=True)`` or ``(accepted=True)`` for links that no longer work.
    """

    class Meta:
        model = Invitation
        exclude = ["token"]
        skip_postgeneration_save = True

    token = factory.Sequence(lambda n: f"uitnodiging-token-{n:04d}")
    email = factory.Sequence(lambda n: f"nieuw{n}@example.org")
    role = Role.PROFESSIONAL
    invited_by = factory.SubFactory(UserFactory, coordinator=True)
    token_hash = factory.LazyAttribute(lambda o: Invitation.hash_token(o.token))
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.created_at + timedelta(days=7))

    class Params:
        expired = factory.Trait(
            created_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=8)),
        )
        accepted = factory.Trait(accepted_at=factory.LazyAttribute(lambda o: o.created_at))

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        for organization in extracted or []:
            self.organizations.add(organization)
