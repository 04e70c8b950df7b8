"""A visitor without an account finds activities on the public sociale kaart."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import (
    Accessibility,
    Attribute,
    Contact,
    CostOption,
    Phone,
)
from steunsysteem.directory.search import index_service
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    PostcodeAreaFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, PARTICIPATION_GOALS

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")
MAP = reverse("directory:map")


@pytest.fixture(autouse=True)
def english(client):
    """Content checks read the English source strings (Dutch is the default interface)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def offer(name, *, description="", location=None, district=None, free=True, **kwargs):
    """A public service at a place in Partistad, indexed for search."""
    service = ServiceFactory(name=name, description=description or f"Over {name}.", **kwargs)
    location = location or LocationFactory(
        organization=service.organization, name=f"Buurthuis {name}", district=district
    )
    if not location.addresses.exists():
        AddressFactory(location=location, address_1="Marktplein 1", city="Partistad")
    ServiceAtLocationFactory(service=service, location=location)
    if not free:
        CostOption.objects.create(
            service=service, amount=Decimal("2.50"), amount_description="per keer"
        )
    index_service(service)
    return service


def tag(service, vocabulary, code, link_type):
    Attribute.objects.create(
        link_entity="service",
        link_id=service.id,
        taxonomy_term_id=vocabulary.term_id(code),
        link_type=link_type,
    )


def names_on(response):
    return [service.name for service in response.context["services"]]


@pytest.fixture
def partistad():
    centre = DistrictFactory(name="Binnenstad", slug="binnenstad")
    east = DistrictFactory(name="Oosterhof", slug="oosterhof")
    choir = offer(
        "Zanggroep De Lijsters",
        description="Elke week samen zingen in het koor.",
        district=centre,
        life_domains=["culture", "meeting"],
    )
    ScheduleFactory(service=choir, freq="WEEKLY", byday="TH", opens_at="19:30", closes_at="21:30")
    walk = offer(
        "Wandelgroep Buiten",
        description="Elke dinsdag een rondje park.",
        district=east,
        free=False,
        life_domains=["sport"],
    )
    ScheduleFactory(service=walk, freq="WEEKLY", byday="TU", opens_at="10:00", closes_at="11:00")
    tag(walk, ACCESS_FEATURES, "wheelchair", "access")
    return {"choir": choir, "walk": walk, "centre": centre, "east": east}


# The search page ---------------------------------------------------------------------------


def test_the_search_page_lists_every_public_activity_with_what_a_card_needs(client, partistad):
    ServiceFactory(name="Opgeheven soos", defunct=True)

    response = client.get(SEARCH)

    assert response.status_code == 200
    assert names_on(response) == ["Wandelgroep Buiten", "Zanggroep De Lijsters"]
    html = response.content.decode()
    assert "2 activities found" in html
    assert partistad["choir"].organization.name in html
    assert "Elke week samen zingen in het koor." in html
    assert "Every Thursday 19:30–21:30" in html
    assert "Buurthuis Zanggroep De Lijsters, Marktplein 1, Partistad (Binnenstad)" in html
    assert "Culture and creativity" in html and "Meeting people" in html
    assert "€ 2.50 per keer" in html
    assert "Free" in html
    assert reverse("directory:service_detail", args=[partistad["choir"].pk]) in html


def test_the_search_form_is_a_get_form_that_htmx_enhances(client, partistad):
    html = client.get(SEARCH).content.decode()

    assert 'method="get"' in html
    assert 'hx-get="/sociale-kaart/"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="search-status" class="steunsysteem-status" role="status" aria-live="polite"' in html
    for name in ("q", "postcode", "distance", "district", "domain", "free", "day", "access"):
        assert f'name="{name}"' in html


def test_a_typo_is_corrected_with_did_you_mean(client, partistad):
    response = client.get(SEARCH, {"q": "koorr"})

    assert names_on(response) == ["Zanggroep De Lijsters"]
    assert "Did you mean" in response.content.decode()
    assert "<strong>koor</strong>" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"domain": "sport"}, ["Wandelgroep Buiten"]),
        ({"domain": ["sport", "culture"]}, ["Wandelgroep Buiten", "Zanggroep De Lijsters"]),
        ({"district": "binnenstad"}, ["Zanggroep De Lijsters"]),
        ({"free": "on"}, ["Zanggroep De Lijsters"]),
        ({"day": "TU"}, ["Wandelgroep Buiten"]),
        ({"day": ["TU", "TH"]}, ["Wandelgroep Buiten", "Zanggroep De Lijsters"]),
        ({"access": "wheelchair"}, ["Wandelgroep Buiten"]),
        ({"q": "wandelen", "district": "binnenstad"}, []),
        ({"domain": "not-a-domain"}, ["Wandelgroep Buiten", "Zanggroep De Lijsters"]),
    ],
)
def test_filters_narrow_the_results(client, partistad, query, expected):
    response = client.get(SEARCH, query)

    assert response.status_code == 200
    assert names_on(response) == expected


def test_the_chosen_filters_stay_chosen(client, partistad):
    html = client.get(SEARCH, {"domain": "sport", "district": "oosterhof", "free": "on"}).content
    html = html.decode()

    assert 'value="sport" checked' in html
    assert '<option value="oosterhof" selected>' in html
    assert 'name="free" value="on" checked' in html


def test_a_postcode_shows_the_distance_and_far_places_can_be_left_out(client, partistad):
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)
    far = offer("Ver weg", location=LocationFactory(latitude=52.5, longitude=5.0))

    response = client.get(SEARCH, {"postcode": "3901 AB"})
    assert "0.0 km" in response.content.decode()
    assert "Ver weg" in names_on(response)

    response = client.get(SEARCH, {"postcode": "3901 AB", "distance": "10"})
    assert far.name not in names_on(response)
    assert len(names_on(response)) == 2


def test_an_unknown_postcode_gets_a_friendly_message(client, partistad):
    response = client.get(SEARCH, {"postcode": "9999"})

    assert 'We do not know the postcode "9999"' in response.content.decode()
    assert len(names_on(response)) == 2


def test_nothing_found_explains_what_to_try(client, partistad):
    response = client.get(SEARCH, {"q": "xylofoonbouwers"})

    html = response.content.decode()
    assert "0 activities found" in html
    assert 'id="no-results"' in html
    assert "Try fewer or other words" in html


def test_a_temporarily_closed_activity_shows_its_status_and_notice(client):
    offer("Inloop Het Anker", closed=True)

    html = client.get(SEARCH).content.decode()

    assert "Temporarily closed" in html
    assert "Tijdelijk dicht." in html


def test_results_come_twenty_to_a_page(client):
    for number in range(25):
        offer(f"Activiteit {number:02d}")

    first = client.get(SEARCH)
    second = client.get(SEARCH, {"page": 2})

    assert len(names_on(first)) == 20
    assert names_on(second) == [f"Activiteit {number}" for number in range(20, 25)]
    assert "?page=2" in first.content.decode()
    assert "25 activities found" in second.content.decode()


def test_an_htmx_request_gets_only_the_results_and_the_status(client, partistad):
    response = client.get(SEARCH, {"domain": "sport"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "<html" not in html
    assert "Wandelgroep Buiten" in html and "Zanggroep De Lijsters" not in html
    assert 'id="search-status" hx-swap-oob="innerHTML"' in html
    assert "1 activity found" in html
    assert 'id="language-next" value="/sociale-kaart/?domain=sport" hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, partistad):
    response = client.get(
        SEARCH, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()


def _grow(count: int) -> None:
    district = DistrictFactory()
    for number in range(count):
        service = offer(f"Groei {number}", district=district, free=number % 2 == 0)
        ScheduleFactory(service=service)
        tag(service, ACCESS_FEATURES, "peer_run", "access")


@pytest.mark.parametrize("size", [3, 30])
def test_the_search_page_costs_the_same_queries_however_big_the_directory(
    client, django_assert_max_num_queries, size
):
    _grow(size)
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)

    with django_assert_max_num_queries(13):
        response = client.get(SEARCH, {"q": "groei", "postcode": "3901"})
    assert len(names_on(response)) == min(size, 20)
    with django_assert_max_num_queries(10):
        client.get(SEARCH)


# The service page --------------------------------------------------------------------------


@pytest.fixture
def full_service(partistad):
    choir = partistad["choir"]
    choir.eligibility_description = "Voor iedereen die graag zingt."
    choir.application_process = "Kom een keer langs om mee te zingen."
    choir.places_available = 4
    choir.assured_date = dt.date(2026, 3, 1)
    choir.email = "koor@example.org"
    choir.url = "https://lijsters.example.org"
    choir.save()
    tag(choir, ACCESS_FEATURES, "no_referral", "access")
    tag(choir, PARTICIPATION_GOALS, "social_contacts", "participation_goal")
    CostOption.objects.create(service=choir, amount=Decimal("5"), amount_description="per maand")
    contact = Contact.objects.create(service=choir, name="Els de Vries", title="Dirigent")
    Phone.objects.create(contact=contact, number="030 123 45 67")
    location = choir.service_at_locations.get().location
    location.transportation = "Bus 4, halte Markt."
    location.save()
    Accessibility.objects.create(location=location, description="Drempelvrije ingang")
    return choir


def test_the_service_page_says_what_where_when_costs_and_who_to_ask(client, full_service):
    response = client.get(reverse("directory:service_detail", args=[full_service.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "Zanggroep De Lijsters",
        "Elke week samen zingen in het koor.",
        "Culture and creativity",
        "Social contacts",
        "No referral or indication needed",
        "Voor iedereen die graag zingt.",
        "Every Thursday 19:30–21:30",
        'id="next-dates"',
        "Marktplein 1",
        "Bus 4, halte Markt.",
        "Drempelvrije ingang",
        "Binnenstad",
        "€ 5.00 per maand",
        "Kom een keer langs om mee te zingen.",
        "Els de Vries",
        "030 123 45 67",
        "koor@example.org",
        "https://lijsters.example.org",
        'id="places-available">4<',
        "Last checked on 1 March 2026.",
        reverse("directory:organization_detail", args=[full_service.organization.pk]),
        reverse("directory:report_outdated", args=[full_service.pk]),
    ]:
        assert expected in html, expected


def test_a_temporarily_closed_service_shows_its_notice_in_an_alert(client):
    service = offer("Inloop Het Anker", closed=True)

    html = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()

    assert "utrecht-alert utrecht-alert--warning" in html
    assert "Tijdelijk dicht." in html


@pytest.mark.parametrize("status", [ServiceStatus.DEFUNCT, ServiceStatus.INACTIVE])
def test_an_ended_service_is_still_shown_with_a_clear_notice(client, status):
    service = offer("Oude soos", status=status)

    response = client.get(reverse("directory:service_detail", args=[service.pk]))

    assert response.status_code == 200
    assert "utrecht-alert utrecht-alert--error" in response.content.decode()
    assert 'id="next-dates"' not in response.content.decode()


def test_an_unknown_service_or_organisation_is_not_found(client):
    assert client.get(reverse("directory:service_detail", args=[uuid.uuid4()])).status_code == 404
    assert (
        client.get(reverse("directory:organization_detail", args=[uuid.uuid4()])).status_code == 404
    )


@pytest.mark.parametrize("size", [1, 12])
def test_the_service_page_costs_the_same_queries_however_much_it_holds(
    client, django_assert_max_num_queries, size
):
    service = offer("Groot aanbod")
    for number in range(size):
        location = LocationFactory(organization=service.organization, district=DistrictFactory())
        AddressFactory(location=location)
        Accessibility.objects.create(location=location, description=f"Toegang {number}")
        ServiceAtLocationFactory(service=service, location=location)
        ScheduleFactory(service=service, byday="MO")
        CostOption.objects.create(service=service, amount=Decimal(number))
        contact = Contact.objects.create(service=service, name=f"Contact {number}")
        Phone.objects.create(contact=contact, number=f"030 {number}")

    with django_assert_max_num_queries(20):
        response = client.get(reverse("directory:service_detail", args=[service.pk]))
    assert response.status_code == 200


# The organisation page ---------------------------------------------------------------------


def test_the_organisation_page_shows_its_contact_places_and_public_services(client):
    organization = OrganizationFactory(
        name="Stichting De Brug", description="Welzijn in Partistad.", email="info@debrug.nl"
    )
    Phone.objects.create(organization=organization, number="030 765 43 21")
    offer("Koffie-inloop", organization=organization)
    ServiceFactory(name="Gestopt project", organization=organization, defunct=True)

    response = client.get(reverse("directory:organization_detail", args=[organization.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "Stichting De Brug",
        "Welzijn in Partistad.",
        "info@debrug.nl",
        "030 765 43 21",
    ]:
        assert expected in html
    assert "Buurthuis Koffie-inloop, Marktplein 1, Partistad" in html
    assert [service.name for service in response.context["services"]] == ["Koffie-inloop"]
    assert "Gestopt project" not in html


@pytest.mark.parametrize("size", [1, 15])
def test_the_organisation_page_costs_the_same_queries_however_big(
    client, django_assert_max_num_queries, size
):
    organization = OrganizationFactory()
    for number in range(size):
        service = offer(f"Dienst {number}", organization=organization, life_domains=["meeting"])
        ScheduleFactory(service=service)

    with django_assert_max_num_queries(12):
        client.get(reverse("directory:organization_detail", args=[organization.pk]))


# The map -----------------------------------------------------------------------------------


def test_the_map_shows_each_place_as_a_link_and_the_same_places_as_a_list(client, partistad):
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0, district=partistad["centre"])
    partistad["walk"].service_at_locations.update(
        location=LocationFactory(name="Park Oost", latitude=52.01, longitude=5.02)
    )

    response = client.get(MAP)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'viewBox="0 0 800 ' in html
    assert html.count('class="steunsysteem-map__point"') == 2
    walk_url = reverse("directory:service_detail", args=[partistad["walk"].pk])
    assert f'<a href="{walk_url}" class="steunsysteem-map__point" aria-label="Park Oost: ' in html
    assert "<title>Park Oost: Wandelgroep Buiten</title>" in html
    assert ">Binnenstad</text>" in html
    assert "Sport and exercise" in html  # the legend
    assert "The same places as a list" in html
    assert "2 places on the map" in html


def test_the_map_uses_the_same_filters(client, partistad):
    response = client.get(MAP, {"domain": "sport"})

    html = response.content.decode()
    assert html.count('class="steunsysteem-map__point"') == 1
    assert "Wandelgroep Buiten" in html and "Zanggroep De Lijsters" not in html
    assert 'value="sport" checked' in html


def test_places_with_several_activities_link_to_their_list_entry(client):
    location = LocationFactory(name="Wijkcentrum")
    offer("Koor", location=location)
    offer("Kaartclub", location=location)

    html = client.get(MAP).content.decode()

    assert f'href="#place-{location.pk}"' in html
    assert f'id="place-{location.pk}"' in html


def test_an_empty_map_says_so(client):
    response = client.get(MAP)

    assert "No places match" in response.content.decode()


@pytest.mark.parametrize("size", [2, 25])
def test_the_map_costs_the_same_queries_however_big(client, django_assert_max_num_queries, size):
    _grow(size)

    with django_assert_max_num_queries(8):
        response = client.get(MAP)
    assert len(response.context["places"]) == size


# The layout --------------------------------------------------------------------------------


def test_every_page_has_a_skip_link_one_main_and_a_language_switch(client, partistad):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    html = client.get(SEARCH, {"domain": "sport"}).content.decode()

    assert '<html lang="nl" class="utrecht-theme voorbeeld-theme">' in html
    assert html.index('href="#main"') < html.index("<header")
    assert html.count("<main") == 1 and 'id="main"' in html
    assert 'action="/i18n/setlang/"' in html
    assert '<button type="submit" name="language" value="en" lang="en"' in html
    assert 'name="next" id="language-next" value="/sociale-kaart/?domain=sport"' in html


def test_switching_language_to_english_sticks(client, partistad):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    response = client.post(reverse("set_language"), {"language": "en", "next": SEARCH}, follow=True)

    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'value="nl" lang="nl"' in html
    assert '<html lang="en"' in client.get(MAP).content.decode()


def test_editors_and_coordinators_see_their_links_in_the_menu(client):
    html = client.get(SEARCH).content.decode()
    assert reverse("directory:editor_dashboard") not in html
    assert reverse("login") in html

    sign_in(client, UserFactory(editor=True))
    html = client.get(SEARCH).content.decode()
    assert reverse("directory:editor_dashboard") in html
    assert reverse("directory:review_queue") not in html

    sign_in(client, UserFactory(coordinator=True))
    html = client.get(SEARCH).content.decode()
    assert reverse("directory:review_queue") in html
    assert 'action="/accounts/logout/"' in html


def test_the_current_page_is_marked_in_the_menu(client):
    html = client.get(MAP).content.decode()

    assert f'href="{MAP}" aria-current="page"' in html
    assert f'href="{SEARCH}" aria-current' not in html
