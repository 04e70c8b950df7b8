import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory

from ..models import ProjectCoordinator, VolunteerProfile


class ProjectCoordinatorFactory(DjangoModelFactory):
    class Meta:
        model = ProjectCoordinator

    user = factory.SubFactory(UserFactory, coordinator=True)
    project = factory.SubFactory(OrganizationFactory)


class VolunteerProfileFactory(DjangoModelFactory):
    class Meta:
        model = VolunteerProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, volunteer=True)
    project = factory.SubFactory(OrganizationFactory)
    interests = factory.LazyFunction(lambda: ["walking"])
    days = factory.LazyFunction(list)
    languages = factory.LazyFunction(lambda: ["nl"])
    intake_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    vog_checked_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=20))
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)

    class Params:
        unscreened = factory.Trait(intake_on=None, vog_checked_on=None)

    @factory.post_generation
    def member_of_project(self, create, extracted, **kwargs):
        if create:
            self.user.organizations.add(self.project)
