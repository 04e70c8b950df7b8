"""The Partistad demo data: a sociale kaart that shows every part of the product."""

import datetime as dt
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from steunsysteem.directory import demo
from steunsysteem.directory.constants import (
    TAXONOMY_DISTRICT,
    AccessFeature,
    LifeDomain,
    ParticipationGoal,
    ServiceStatus,
)
from steunsysteem.directory.models import (
    Accessibility,
    Attribute,
    Contact,
    CostOption,
    District,
    Language,
    Location,
    Organization,
    PostcodeArea,
    Schedule,
    SearchEntry,
    Service,
    ServiceAtLocation,
    SupportPoint,
    TaxonomyTerm,
)
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.directory.vocabularies import (
    ACCESS_FEATURES,
    DISTRICTS,
    LIFE_DOMAINS,
    PARTICIPATION_GOALS,
)

pytestmark = pytest.mark.django_db

COUNTED = [
    District,
    PostcodeArea,
    TaxonomyTerm,
    Organization,
    Location,
    Accessibility,
    Service,
    ServiceAtLocation,
    Schedule,
    CostOption,
    Language,
    Contact,
    Attribute,
]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def loaded() -> str:
    return demo.load()


def services_with(vocabulary, code) -> list[Service]:
    return list(Service.objects.with_term(vocabulary.term_id(code)))


def names(services) -> str:
    return " | ".join(service.name.lower() for service in services)


def test_loading_twice_updates_instead_of_duplicating():
    first_summary = demo.load()
    first = counts()
    second_summary = demo.load()

    assert counts() == first
    assert second_summary == first_summary
    assert first_summary == (
        f"{District.objects.count()} wijken, {SupportPoint.objects.count()} steunpunten,"
        f" {Organization.objects.count()} organisaties, {Service.objects.count()} activiteiten"
    )


def test_a_row_taken_out_of_the_data_disappears_on_the_next_load(loaded):
    service = Service.objects.get(name="Kaartclub De Schakel")
    stray = Schedule.objects.create(service=service, freq="WEEKLY", byday="SU")

    demo.load()

    assert not Schedule.objects.filter(pk=stray.pk).exists()
    assert service.schedules.count() == 1


def test_the_sociale_kaart_covers_the_whole_field(loaded):
    assert Organization.objects.count() >= 40
    assert Service.objects.count() >= 200
    for domain in LifeDomain:
        assert len(services_with(LIFE_DOMAINS, domain)) >= 3, domain
    for goal in ParticipationGoal:
        assert len(services_with(PARTICIPATION_GOALS, goal)) >= 3, goal
    for feature in AccessFeature:
        assert len(services_with(ACCESS_FEATURES, feature)) >= 3, feature
    organization_names = " | ".join(Organization.objects.values_list("name", flat=True))
    for kind in ["GGZ", "FACT", "Wmo", "Vrijwilligerscentrale", "Voedselbank", "Bibliotheek"]:
        assert kind in organization_names


def test_every_service_has_one_to_three_life_domains_and_one_or_two_goals(loaded):
    domains = {LIFE_DOMAINS.term_id(code) for code in LifeDomain}
    goals = {PARTICIPATION_GOALS.term_id(code) for code in ParticipationGoal}
    terms = defaultdict(set)
    for service_id, term_id in Attribute.objects.filter(link_entity="service").values_list(
        "link_id", "taxonomy_term_id"
    ):
        terms[service_id].add(term_id)

    for service in Service.objects.all():
        assert 1 <= len(terms[service.id] & domains) <= 3, service
        assert 1 <= len(terms[service.id] & goals) <= 2, service


def test_districts_add_up_to_a_town_of_95000_with_their_own_taxonomy_terms(loaded):
    districts = list(District.objects.all())

    assert 6 <= len(districts) <= 8
    assert 90_000 <= sum(district.population for district in districts) <= 100_000
    for district in districts:
        assert district.term_id == DISTRICTS.term_id(district.slug)
        term = TaxonomyTerm.objects.get(id=district.term_id)
        assert (term.name, str(term.taxonomy_id)) == (district.name, TAXONOMY_DISTRICT)
        assert district.postcode_areas.exists()
        assert Service.objects.public().in_district(district).count() >= 5, district


def test_every_service_is_on_the_map_at_a_known_postcode(loaded):
    for service in Service.objects.prefetch_related(
        "service_at_locations__location__addresses", "service_at_locations__location__district"
    ):
        places = [link.location for link in service.service_at_locations.all()]
        assert places, service
        for location in places:
            address = location.addresses.get()
            area = PostcodeArea.objects.get(code=address.postal_code[:4])
            assert address.city == "Partistad"
            assert location.district == area.district
            # Within about 500 metres of the postcode's centre.
            assert abs(location.latitude - area.latitude) < 0.005
            assert abs(location.longitude - area.longitude) < 0.005


def test_the_entries_show_real_life_variety(loaded):
    today = timezone.localdate()
    statuses = set(Service.objects.values_list("status", flat=True))
    closed = Service.objects.filter(status=ServiceStatus.TEMPORARILY_CLOSED)

    assert statuses == {
        ServiceStatus.ACTIVE,
        ServiceStatus.TEMPORARILY_CLOSED,
        ServiceStatus.INACTIVE,
    }
    assert all(service.alert for service in closed)
    assert Service.objects.needing_check(before=today - dt.timedelta(days=180)).count() >= 10
    assert Service.objects.filter(assured_date__gte=today - dt.timedelta(days=180)).count() >= 100
    assert Service.objects.filter(cost_options__amount=0).count() >= 50
    assert CostOption.objects.filter(amount__gt=0, currency="EUR").count() >= 40
    assert Schedule.objects.filter(freq="MONTHLY", byday__regex=r"^-?[0-9]").exists()
    assert Schedule.objects.filter(freq="WEEKLY", interval=2).exists()
    assert Service.objects.filter(schedules__isnull=False).distinct().count() >= 140
    assert {"Turks", "Arabisch", "Engels", "Pools"} <= set(
        Language.objects.values_list("name", flat=True)
    )
    assert {"Rolstoeltoegankelijk", "Invalidentoilet", "Ringleiding", "Prikkelarme ruimte"} <= set(
        Accessibility.objects.values_list("description", flat=True)
    )
    assert Contact.objects.filter(service__isnull=False).count() >= 30
    assert Service.objects.filter(places_available__isnull=False).count() >= 5


def test_all_contact_details_are_fictional(loaded):
    emails = [
        *Organization.objects.exclude(email="").values_list("email", flat=True),
        *Contact.objects.values_list("email", flat=True),
    ]
    websites = Organization.objects.exclude(website="").values_list("website", flat=True)

    assert all(email.endswith("example.nl") for email in emails)
    assert all(url.startswith("https://") and ".example.nl" in url for url in websites)


def test_janny_finds_a_choir_for_shy_people_and_singing_lessons(loaded):
    culture = services_with(LIFE_DOMAINS, LifeDomain.CULTURE)
    choirs = [
        s for s in culture if "koor" in s.name.lower() and "verlegen" in s.description.lower()
    ]
    lessons = [s for s in culture if "zangles" in s.name.lower()]
    hairdressing = search_services(SearchParams(text="kapperscursus")).services

    assert choirs and lessons
    assert "kapper" in names(hairdressing[:3])


def test_mark_finds_someone_to_play_cards_with(loaded):
    meeting = services_with(LIFE_DOMAINS, LifeDomain.MEETING)
    card_groups = [s for s in meeting if "kaart" in s.name.lower() or "klaverjas" in s.name.lower()]
    found = search_services(SearchParams(text="kaarten", access_features=("low_threshold",)))

    assert len(card_groups) >= 3
    assert found.count >= 1


def test_nuray_finds_a_meeting_group_in_turkish(loaded):
    turkish = Service.objects.filter(languages__code="tr").distinct()
    contacts = [
        s
        for s in turkish
        if s in services_with(PARTICIPATION_GOALS, ParticipationGoal.SOCIAL_CONTACTS)
    ]
    found = search_services(SearchParams(text="Turkse vrouwen")).services

    assert any("vrouwengroep" in s.name.lower() for s in contacts)
    assert "turkse vrouwengroep" in names(found[:3])


def test_the_search_index_is_rebuilt_after_loading(loaded):
    assert SearchEntry.objects.values("service").distinct().count() == Service.objects.count()


def test_the_load_demo_command_loads_partistad(capsys):
    call_command("load_demo")

    output = capsys.readouterr().out
    assert "organisaties" in output and "activiteiten" in output
    assert Organization.objects.filter(name="GGZ Partistad").exists()


def test_partistads_real_steunpunten_are_places_and_the_rest_stays_an_activity_attribute(loaded):
    """De Vonk, the Herstelacademie and Lichtpunt are steunpunten (ED-led, independent); the
    wijkteam's walk-in hour and the buurthuis coffee mornings are not."""
    names = set(SupportPoint.objects.values_list("location__name", flat=True))
    assert names == {
        "Zelfregiecentrum De Vonk",
        "Herstelacademie, Marktstraat",
        "Lichtpunt, De Molenschuur",
        "Lichtpunt, zaal in De Akkerhoeve",
    }
    assert all(
        point.led_by_experts_by_experience and point.independent
        for point in SupportPoint.objects.all()
    )
    assert not SupportPoint.objects.filter(location__name__startswith="Wijkteam").exists()


def test_partistads_districts_have_boundaries_centres_and_cbs_codes(loaded):
    for district in District.objects.all():
        assert district.boundary["type"] == "Polygon", district
        assert district.code.startswith("WK099"), district
        assert 52.0 < district.centre_latitude < 52.2 and 5.3 < district.centre_longitude < 5.6
