"""A developer builds on Steunsysteem's own API, /api/v1/: the public sociale kaart."""

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunsysteem.directory.models import Attribute, CostOption
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    PostcodeAreaFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import ACCESS_FEATURES

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[4]
PROBLEM = "application/problem+json"


@pytest.fixture
def directory():
    centre = DistrictFactory(name="Binnenstad", slug="binnenstad")
    organization = OrganizationFactory(name="Stichting Samen Zingen")
    choir = ServiceFactory(
        organization=organization,
        name="Zangkoor De Lijster",
        description="Samen zingen in een koor.",
        life_domains=["culture", "meeting"],
    )
    location = LocationFactory(
        name="Muziekcentrum", latitude=52.0907, longitude=5.1214, district=centre
    )
    AddressFactory(location=location, postal_code="3512 EG")
    ServiceAtLocationFactory(service=choir, location=location)
    ScheduleFactory(service=choir, byday="TU")
    Attribute.objects.create(
        link_entity="service",
        link_id=choir.id,
        taxonomy_term_id=ACCESS_FEATURES.term_id("no_referral"),
    )
    cards = ServiceFactory(name="Kaartclub Klaverjas", description="Samen kaarten spelen.")
    ServiceAtLocationFactory(
        service=cards, location=LocationFactory(latitude=52.3700, longitude=4.8900)
    )
    ScheduleFactory(service=cards, byday="FR")
    CostOption.objects.create(service=cards, amount=Decimal("2.50"))
    ServiceFactory(name="Oud koor", defunct=True)
    PostcodeAreaFactory(code="3512", latitude=52.0900, longitude=5.1200)
    rebuild_index()
    return {"choir": choir, "cards": cards, "district": centre, "organization": organization}


def get_json(client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == ("application/json" if status == 200 else PROBLEM)
    return response.json()


def names(body) -> list[str]:
    return [item["name"] for item in body["results"]]


def test_a_developer_lists_public_services_with_their_life_domains(client, directory):
    body = get_json(client, "/api/v1/services/")

    assert body["count"] == 2
    assert names(body) == ["Kaartclub Klaverjas", "Zangkoor De Lijster"]
    choir = body["results"][1]
    assert choir["life_domains"] == ["culture", "meeting"]
    assert choir["access_features"] == ["no_referral"]
    assert choir["organization"]["name"] == "Stichting Samen Zingen"
    assert choir["distance_km"] is None


def test_search_forgives_a_typo(client, directory):
    assert names(get_json(client, "/api/v1/services/", q="zangkor")) == ["Zangkoor De Lijster"]


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"life_domain": "culture"}, ["Zangkoor De Lijster"]),
        ({"district": "binnenstad"}, ["Zangkoor De Lijster"]),
        ({"free": "true"}, ["Zangkoor De Lijster"]),
        ({"weekday": "FR"}, ["Kaartclub Klaverjas"]),
        ({"access": "no_referral"}, ["Zangkoor De Lijster"]),
    ],
)
def test_filters_narrow_the_list(client, directory, params, expected):
    assert names(get_json(client, "/api/v1/services/", **params)) == expected


def test_a_postcode_sorts_by_distance_and_max_distance_cuts_off(client, directory):
    nearest_first = get_json(client, "/api/v1/services/", postcode="3512 AB")
    close_by = get_json(client, "/api/v1/services/", postcode="3512", max_distance_km=5)

    assert names(nearest_first) == ["Zangkoor De Lijster", "Kaartclub Klaverjas"]
    assert nearest_first["results"][0]["distance_km"] < 1
    assert nearest_first["results"][1]["distance_km"] > 30
    assert names(close_by) == ["Zangkoor De Lijster"]


@pytest.mark.parametrize(
    "params,field",
    [
        ({"life_domain": "astrology"}, "life_domain"),
        ({"max_distance_km": "5"}, "max_distance_km"),
        ({"postcode": "1000"}, "postcode"),
        ({"weekday": "XX"}, "weekday"),
        ({"q": "koor " * 101}, "q"),
    ],
)
def test_wrong_parameters_are_explained_as_problem_details(client, directory, params, field):
    body = get_json(client, "/api/v1/services/", status=400, **params)

    assert body["type"] == "about:blank"
    assert body["title"] == "Bad Request"
    assert body["status"] == 400
    assert body["detail"]
    assert [param["name"] for param in body["invalid_params"]] == [field]


def test_a_developer_fetches_one_service_with_locations_and_schedules(client, directory):
    body = get_json(client, f"/api/v1/services/{directory['choir'].id}/")

    assert body["name"] == "Zangkoor De Lijster"
    [location] = body["locations"]
    assert location["district"] == "binnenstad"
    assert location["addresses"][0]["postal_code"] == "3512 EG"
    assert body["schedules"][0]["byday"] == "TU"
    assert body["life_domains"] == ["culture", "meeting"]


def test_what_a_service_does_not_have_is_null_and_times_have_no_offset(client, directory):
    """The document promises a URI and an e-mail address there: "" is neither."""
    choir = directory["choir"]
    choir.url, choir.email = "", ""
    choir.save()
    directory["organization"].website = ""
    directory["organization"].save()

    body = get_json(client, f"/api/v1/services/{choir.id}/")
    organization = get_json(client, f"/api/v1/organizations/{directory['organization'].id}/")

    assert (body["url"], body["email"]) == (None, None)
    assert organization["website"] is None
    assert (body["schedules"][0]["opens_at"], body["schedules"][0]["closes_at"]) == (
        "10:00:00",
        "12:00:00",
    )


def test_a_website_and_an_address_that_are_there_come_as_they_are(client, directory):
    choir = directory["choir"]
    choir.url, choir.email = "https://lijster.example.nl", "zingen@lijster.example.nl"
    choir.save()

    body = get_json(client, f"/api/v1/services/{choir.id}/")

    assert (body["url"], body["email"]) == (
        "https://lijster.example.nl",
        "zingen@lijster.example.nl",
    )


@pytest.mark.parametrize("size", ["abc", "0", "101", "-1", "٣", "2.5", ""])
@pytest.mark.parametrize(
    "path", ["/api/v1/services/", "/api/v1/organizations/", "/api/v1/districts/"]
)
def test_a_page_size_that_is_no_number_from_1_to_100_is_explained(client, directory, path, size):
    body = get_json(client, path, status=400, page_size=size)

    assert [param["name"] for param in body["invalid_params"]] == ["page_size"]


def test_an_empty_search_lists_every_public_service(client, directory):
    assert get_json(client, "/api/v1/services/", q="")["count"] == 2


def test_a_page_size_within_bounds_is_used(client, directory):
    body = get_json(client, "/api/v1/services/", page_size="1")

    assert body["count"] == 2 and len(body["results"]) == 1


def test_a_page_past_the_end_is_not_found(client, directory):
    body = get_json(client, "/api/v1/organizations/", status=404, page="99")

    assert body["status"] == 404


def test_a_service_that_ended_is_not_found(client, directory):
    defunct = ServiceFactory(defunct=True)

    body = get_json(client, f"/api/v1/services/{defunct.id}/", status=404)

    assert body["status"] == 404 and body["title"] == "Not Found"


def test_organisations_and_districts(client, directory):
    organizations = get_json(client, "/api/v1/organizations/")
    organization = get_json(client, f"/api/v1/organizations/{directory['organization'].id}/")
    districts = get_json(client, "/api/v1/districts/")
    district = get_json(client, "/api/v1/districts/binnenstad/")

    assert "Stichting Samen Zingen" in names(organizations)
    assert organization["name"] == "Stichting Samen Zingen"
    assert names(districts) == ["Binnenstad"]
    assert district["population"] == 10_000


@pytest.mark.parametrize(
    "path", ["/api/v1/locations/", "/api/v1/services/a%0Ab.c/", "/api/hsds/x%0Ay.z"]
)
def test_an_unknown_path_is_a_problem_also_with_a_line_break_in_it(client, path):
    body = get_json(client, path, status=404)

    assert body["status"] == 404


def test_the_api_is_read_only(client, directory):
    response = client.post("/api/v1/services/", {"name": "Nieuw"})

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM


def test_anonymous_callers_are_throttled(client, directory, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"},
    }
    cache.clear()
    for _ in range(2):
        get_json(client, "/api/v1/districts/")

    body = get_json(client, "/api/v1/districts/", status=429)
    hsds = client.get("/api/hsds/services")

    assert body["status"] == 429
    assert hsds.status_code == 429
    cache.clear()


def test_queries_for_a_page_of_services_do_not_grow_with_the_data(client, directory):
    def count() -> int:
        client.get("/api/v1/services/", {"q": "koor"})
        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v1/services/", {"q": "koor"}).status_code == 200
        return len(context.captured_queries)

    before = count()
    for number in range(15):
        ServiceFactory(name=f"Koor {number}", life_domains=["culture"])
    rebuild_index()

    assert count() == before


def test_the_openapi_document_is_served_and_matches_the_committed_one(client, tmp_path):
    response = client.get("/api/v1/schema/")
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(generated)
    )

    assert response.status_code == 200
    assert b"/api/v1/services/" in response.content
    committed = (REPO_ROOT / "docs" / "api" / "openapi-v1.yaml").read_text()
    assert generated.read_text() == committed, "run bin/check-openapi and regenerate"


def test_the_schema_check_script_passes():
    result = subprocess.run(
        [str(REPO_ROOT / "bin" / "check-openapi")], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
