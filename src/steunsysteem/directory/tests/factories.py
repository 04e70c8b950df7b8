import factory
from factory.django import DjangoModelFactory

from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import (
    Address,
    Attribute,
    District,
    Location,
    Organization,
    PostcodeArea,
    Schedule,
    Service,
    ServiceAtLocation,
)
from steunsysteem.directory.vocabularies import LIFE_DOMAINS


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Stichting Voorbeeld {n}")
    description = "Een organisatie in Partistad."


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    municipality = "Partistad"
    population = 10_000
    term_id = factory.Faker("uuid4")


class PostcodeAreaFactory(DjangoModelFactory):
    class Meta:
        model = PostcodeArea
        django_get_or_create = ["code"]

    code = "9901"
    latitude = 52.0
    longitude = 5.0


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Buurthuis {n}")
    latitude = 52.0
    longitude = 5.0


class AddressFactory(DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    address_1 = "Marktplein 1"
    city = "Partistad"
    state_province = "Utrecht"
    postal_code = "9901 AB"
    country = "NL"


class ServiceFactory(DjangoModelFactory):
    """A service; ``ServiceFactory(life_domains=["meeting"])`` tags it with life domains."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Inloop {n}")
    description = "Kom langs voor koffie en een praatje."
    status = ServiceStatus.ACTIVE

    class Params:
        closed = factory.Trait(status=ServiceStatus.TEMPORARILY_CLOSED, alert="Tijdelijk dicht.")
        defunct = factory.Trait(status=ServiceStatus.DEFUNCT)

    @factory.post_generation
    def life_domains(self, create, extracted, **kwargs):
        for code in extracted or []:
            Attribute.objects.create(
                link_entity="service",
                link_id=self.id,
                taxonomy_term_id=LIFE_DOMAINS.term_id(code),
                link_type="life_domain",
            )


class ServiceAtLocationFactory(DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = "WEEKLY"
    interval = 1
    byday = "TU"
    opens_at = "10:00"
    closes_at = "12:00"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "een-lang-wachtwoord")
    role = Role.PARTICIPANT

    class Params:
        coordinator = factory.Trait(role=Role.COORDINATOR)
        editor = factory.Trait(role=Role.PROVIDER_EDITOR)
        professional = factory.Trait(role=Role.PROFESSIONAL)
        relative = factory.Trait(role=Role.RELATIVE)
        volunteer = factory.Trait(role=Role.VOLUNTEER)
        kwartiermaker = factory.Trait(role=Role.KWARTIERMAKER)
        experience_expert = factory.Trait(role=Role.EXPERIENCE_EXPERT)
        policy_officer = factory.Trait(role=Role.POLICY_OFFICER)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        for organization in extracted or []:
            self.organizations.add(organization)
        self.save()
