"""A consumer of the Open Referral HSDS 3.0 API reads our sociale kaart.

Every response is validated against the response schema that the OFFICIAL openapi.json
declares for its path (with the schemas it refers to, loaded from the package's copies).
"""

import datetime
import json
import re
import uuid
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time
from jsonschema import Draft202012Validator, FormatChecker

from steunsysteem.directory.api.hsds.spec import SCHEMA_BASE_URL, openapi_document, schema_registry
from steunsysteem.directory.constants import TAXONOMY_LIFE_DOMAIN
from steunsysteem.directory.models import (
    Accessibility,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Metadata,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    ServiceArea,
    TaxonomyTerm,
)
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
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, LIFE_DOMAINS


@pytest.fixture(autouse=True)
def english_messages():
    """These tests check the (English) source text of messages."""
    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

OPENAPI = openapi_document()
COMPILED_SERVICE_AT_LOCATION = SCHEMA_BASE_URL + "compiled/service_at_location.json"


def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    rfc3339 = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"
    return re.fullmatch(rfc3339, value) is not None


def _uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path))


FORMATS = FormatChecker()  # uuid, date, time and email are checked by jsonschema itself
FORMATS.checks("date-time")(_date_time)
FORMATS.checks("uri")(_uri)


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def assert_valid(body: dict, path: str, schema_url: str | None = None) -> None:
    """``body`` is what the official openapi.json promises for GET ``path`` (status 200)."""
    if schema_url is None:
        pointer = _pointer("paths", path, "get", "responses", "200", "content")
        schema_url = f"{SCHEMA_BASE_URL}openapi.json#/{pointer}/application~1json/schema"
    validator = Draft202012Validator(
        {"$ref": schema_url}, registry=schema_registry(), format_checker=FORMATS
    )
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def get_json(client, url: str, status: int = 200, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith(
        "application/json" if status == 200 else "application/problem+json"
    )
    return response.json()


@pytest.fixture
def choir():
    """A service with every HSDS part filled in, at a location in a district."""
    organization = OrganizationFactory(
        name="Stichting Samen Zingen", website="https://samenzingen.example.org"
    )
    OrganizationIdentifier.objects.create(
        organization=organization, identifier_type="KvK", identifier="12345678"
    )
    program = Program.objects.create(
        organization=organization, name="Zingen voor herstel", description="Koren in de regio."
    )
    district = DistrictFactory(name="Binnenstad", slug="binnenstad")
    location = LocationFactory(
        organization=organization,
        name="Muziekcentrum",
        latitude=52.0907,
        longitude=5.1214,
        district=district,
    )
    AddressFactory(location=location, address_1="Lucasbolwerk 6", postal_code="3512 EG")
    Accessibility.objects.create(location=location, description="Lift aanwezig")
    location_phone = Phone.objects.create(location=location, number="030 123 45 67")
    Language.objects.create(phone=location_phone, name="Nederlands", code="nl")
    service = ServiceFactory(
        organization=organization,
        program=program,
        name="Zangkoor De Lijster",
        description="Samen zingen in een koor, iedere dinsdagavond.",
        url="https://samenzingen.example.org/lijster",
        email="lijster@example.org",
        minimum_age=18,
        assured_date=datetime.date(2025, 3, 1),
        life_domains=["culture", "meeting"],
    )
    Attribute.objects.create(
        link_entity="service",
        link_id=service.id,
        taxonomy_term_id=ACCESS_FEATURES.term_id("no_referral"),
        link_type="access",
    )
    at_location = ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=service, byday="TU", opens_at="19:30", closes_at="21:30")
    ScheduleFactory(service=None, service_at_location=at_location, byday="TU")
    contact = Contact.objects.create(service=service, name="Koorleider", email="koor@example.org")
    Phone.objects.create(contact=contact, number="06 12345678", extension=12)
    Phone.objects.create(service=service, number="030 765 43 21", type="voice")
    Language.objects.create(service=service, name="Nederlands", code="nl")
    CostOption.objects.create(service=service, amount=Decimal("5.00"), amount_description="maand")
    Funding.objects.create(service=service, source="Gemeente Partistad")
    ServiceArea.objects.create(service=service, name="Partistad")
    RequiredDocument.objects.create(service=service, document="Geen")
    Metadata.objects.create(
        resource_id=service.id,
        resource_type="service",
        last_action_date=datetime.date(2025, 3, 1),
        last_action_type="update",
        field_name="name",
        previous_value="Koor De Lijster",
        replacement_value="Zangkoor De Lijster",
        updated_by="coordinator",
    )
    return service


@pytest.fixture
def directory(choir):
    """The choir plus a card club far away, a closed walk-in, and a defunct service."""
    far = LocationFactory(name="Dorpshuis", latitude=52.3700, longitude=4.8900)
    cards = ServiceFactory(name="Kaartclub Klaverjas", description="Samen kaarten spelen.")
    ServiceAtLocationFactory(service=cards, location=far)
    walk_in = ServiceFactory(
        name="Inloophuis De Haven", description="Koffie en een praatje.", closed=True
    )
    ServiceAtLocationFactory(
        service=walk_in, location=LocationFactory(latitude=52.1000, longitude=5.1300)
    )
    ServiceFactory(name="Oud koor", description="Bestaat niet meer.", defunct=True)
    PostcodeAreaFactory(code="3512", latitude=52.0900, longitude=5.1200)
    rebuild_index()
    return {"choir": choir, "cards": cards, "walk_in": walk_in}


def names(body: dict) -> list[str]:
    return [item["name"] for item in body["contents"]]


def test_the_api_root_says_which_hsds_version_and_where_its_description_is(client):
    body = get_json(client, "/api/hsds/")

    assert_valid(body, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://testserver/api/hsds/openapi.json"


def test_the_served_description_is_the_official_one_for_this_server(client):
    body = get_json(client, "/api/hsds/openapi.json")

    assert body["paths"].keys() == OPENAPI["paths"].keys()
    assert body["servers"] == [{"url": "http://testserver/api/hsds/"}]
    sal_schema = body["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    assert sal_schema["content"]["application/json"]["schema"]["$ref"].endswith(
        "compiled/service_at_location.json"
    )


def test_a_consumer_lists_services_and_pages_through_them(client, directory):
    first = get_json(client, "/api/hsds/services", per_page=2)
    second = get_json(client, "/api/hsds/services", per_page=2, page=2)

    for body in (first, second):
        assert_valid(body, "/services")
    assert first["total_items"] == 4  # HSDS carries status, so closed and defunct are listed
    assert first["total_pages"] == 2
    assert (first["first_page"], first["last_page"], first["size"]) == (True, False, 2)
    assert (second["first_page"], second["last_page"], second["page_number"]) == (False, True, 2)
    assert set(names(first) + names(second)) == {
        "Zangkoor De Lijster",
        "Kaartclub Klaverjas",
        "Inloophuis De Haven",
        "Oud koor",
    }
    statuses = {item["name"]: item["status"] for item in first["contents"] + second["contents"]}
    assert statuses["Oud koor"] == "defunct"
    assert statuses["Inloophuis De Haven"] == "temporarily closed"


def test_a_page_past_the_end_is_empty_not_an_error(client, directory):
    body = get_json(client, "/api/hsds/services", page=9)

    assert_valid(body, "/services")
    assert (body["contents"], body["size"], body["empty"]) == ([], 0, False)


def test_an_empty_directory_is_an_empty_page(client):
    body = get_json(client, "/api/hsds/services")

    assert_valid(body, "/services")
    assert body["empty"] is True and body["total_pages"] == 0 and body["last_page"] is True


def test_a_list_item_has_only_one_to_one_fields_with_organisation_and_programme(client, choir):
    item = get_json(client, "/api/hsds/services")["contents"][0]

    assert item["organization"]["name"] == "Stichting Samen Zingen"
    assert item["program"]["name"] == "Zingen voor herstel"
    assert "phones" not in item and "service_at_locations" not in item


def test_a_consumer_fetches_a_fully_nested_service_that_validates(client, choir):
    body = get_json(client, f"/api/hsds/services/{choir.id}")

    assert_valid(body, "/services/{id}")
    assert body["id"] == str(choir.id)
    assert body["organization"]["id"] == str(choir.organization_id)
    [at_location] = body["service_at_locations"]
    location = at_location["location"]
    assert location["addresses"][0]["postal_code"] == "3512 EG"
    assert location["accessibility"][0]["description"] == "Lift aanwezig"
    assert location["phones"][0]["languages"][0]["code"] == "nl"
    assert at_location["schedules"][0]["byday"] == "TU"
    assert body["schedules"][0]["opens_at"] == "19:30:00"
    assert body["contacts"][0]["phones"][0]["extension"] == 12
    assert body["cost_options"][0]["amount"] == 5.0
    assert body["funding"][0]["source"] == "Gemeente Partistad"
    assert body["service_areas"][0]["name"] == "Partistad"
    assert body["required_documents"][0]["document"] == "Geen"
    assert body["languages"][0]["name"] == "Nederlands"
    assert body["assured_date"] == "2025-03-01"
    assert body["metadata"][0]["replacement_value"] == "Zangkoor De Lijster"
    terms = {attribute["taxonomy_term"]["code"] for attribute in body["attributes"]}
    assert terms == {"culture", "meeting", "no_referral"}
    culture = next(a for a in body["attributes"] if a["taxonomy_term"]["code"] == "culture")
    assert culture["taxonomy_term"]["taxonomy_detail"]["id"] == TAXONOMY_LIFE_DOMAIN


def test_empty_optional_fields_are_left_out_rather_than_null(client):
    service = ServiceFactory(program=None, minimum_age=None, url="")

    body = get_json(client, f"/api/hsds/services/{service.id}")

    assert_valid(body, "/services/{id}")
    assert "program" not in body and "minimum_age" not in body and "url" not in body
    assert None not in body.values()


def test_full_true_returns_fully_nested_services_in_the_list(client, directory):
    body = get_json(client, "/api/hsds/services", full="true")

    assert_valid(body, "/services")
    choir = next(item for item in body["contents"] if item["name"] == "Zangkoor De Lijster")
    assert_valid(choir, "/services/{id}")
    assert choir["service_at_locations"][0]["location"]["name"] == "Muziekcentrum"


def test_a_consumer_searches_with_a_typo(client, directory):
    body = get_json(client, "/api/hsds/services", search="zangkor")

    assert_valid(body, "/services")
    assert names(body)[0] == "Zangkoor De Lijster"
    assert "Kaartclub Klaverjas" not in names(body)


def test_search_does_not_find_services_that_ended(client, directory):
    body = get_json(client, "/api/hsds/services", search="koor")

    assert "Oud koor" not in names(body)


def test_a_consumer_filters_by_taxonomy_term_taxonomy_and_organisation(client, directory):
    choir = directory["choir"]
    by_term = get_json(
        client, "/api/hsds/services", taxonomy_term_id=str(LIFE_DOMAINS.term_id("culture"))
    )
    by_taxonomy = get_json(client, "/api/hsds/services", taxonomy_id=TAXONOMY_LIFE_DOMAIN)
    by_organization = get_json(
        client, "/api/hsds/services", organization_id=str(choir.organization_id)
    )
    by_district = get_json(
        client,
        "/api/hsds/services",
        taxonomy_term_id=str(choir.service_at_locations.get().location.district.term_id),
    )

    for body in (by_term, by_taxonomy, by_organization, by_district):
        assert_valid(body, "/services")
        assert names(body) == ["Zangkoor De Lijster"]


def test_an_unknown_term_finds_nothing_and_a_malformed_id_is_a_problem(client, directory):
    none = get_json(client, "/api/hsds/services", taxonomy_term_id=str(uuid.uuid4()))
    problem = get_json(client, "/api/hsds/services", status=400, organization_id="nope")

    assert none["total_items"] == 0
    assert problem["status"] == 400
    assert problem["invalid_params"][0]["name"] == "organization_id"


def test_modified_after_returns_only_services_changed_since(client):
    with freeze_time("2025-01-10T12:00:00Z"):
        ServiceFactory(name="Oud nieuws")
    with freeze_time("2025-03-10T12:00:00Z"):
        ServiceFactory(name="Vers aanbod")

    body = get_json(client, "/api/hsds/services", modified_after="2025-02-01T00:00:00Z")
    by_date = get_json(client, "/api/hsds/services", modified_after="2025-02-01")
    bad = get_json(client, "/api/hsds/services", status=400, modified_after="gisteren")

    assert names(body) == names(by_date) == ["Vers aanbod"]
    assert bad["invalid_params"][0]["name"] == "modified_after"


def test_minimal_true_returns_just_ids_and_last_modified_for_all_services(client, directory):
    body = get_json(client, "/api/hsds/services", minimal="true")

    assert_valid(body, "/services")
    assert body["size"] == body["total_items"] == 4
    assert set(body["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_per_page_is_bounded(client, directory):
    capped = get_json(client, "/api/hsds/services", per_page=100_000)
    zero = get_json(client, "/api/hsds/services", status=400, per_page=0)
    word = get_json(client, "/api/hsds/services", status=400, page="twee")

    assert capped["total_pages"] == 1 and capped["size"] == 4
    assert zero["invalid_params"] == [
        {"name": "per_page", "reason": "Vul een heel getal in van 1 of meer."}
    ]
    assert word["invalid_params"][0]["name"] == "page"


def test_format_ndjson_streams_every_service_without_paging(client, directory):
    response = client.get("/api/hsds/services", {"format": "ndjson", "per_page": 1})

    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 4
    for line in lines:
        assert_valid(
            json.loads(line), "/services/{id}", SCHEMA_BASE_URL + "compiled/service_list.json"
        )


def test_proximity_by_postcode_lists_nearest_service_at_location_first(client, directory):
    body = get_json(client, "/api/hsds/service_at_locations", postcode="3512 AB")
    near = get_json(client, "/api/hsds/service_at_locations", postcode="3512", proximity="2500")

    for page in (body, near):
        assert_valid(page, "/service_at_locations")
    services = [item["service"]["name"] for item in body["contents"]]
    assert services == ["Zangkoor De Lijster", "Inloophuis De Haven", "Kaartclub Klaverjas"]
    assert [item["service"]["name"] for item in near["contents"]] == [
        "Zangkoor De Lijster",
        "Inloophuis De Haven",
    ]


def test_an_unknown_postcode_or_a_proximity_without_postcode_is_a_problem(client, directory):
    unknown = get_json(client, "/api/hsds/service_at_locations", status=400, postcode="1000")
    alone = get_json(client, "/api/hsds/service_at_locations", status=400, proximity="500")

    assert unknown["invalid_params"][0]["name"] == "postcode"
    assert alone["invalid_params"][0]["name"] == "proximity"


def test_service_at_locations_list_detail_and_full(client, directory):
    at_location = directory["choir"].service_at_locations.get()
    listed = get_json(client, "/api/hsds/service_at_locations", search="koor")
    full = get_json(client, "/api/hsds/service_at_locations", full="true")
    detail = get_json(client, f"/api/hsds/service_at_locations/{at_location.id}")

    assert_valid(listed, "/service_at_locations")
    assert_valid(full, "/service_at_locations")
    # openapi.json 3.0 names compiled/service.json here by mistake (fixed upstream in
    # openreferral/specification#574); we return, and check, a service_at_location.
    assert_valid(detail, "", COMPILED_SERVICE_AT_LOCATION)
    assert [item["service"]["name"] for item in listed["contents"]] == ["Zangkoor De Lijster"]
    assert detail["service"]["name"] == "Zangkoor De Lijster"
    assert detail["location"]["addresses"][0]["city"] == "Partistad"
    assert detail["schedules"][0]["byday"] == "TU"


def test_organizations_list_detail_and_full(client, directory):
    organization = directory["choir"].organization
    listed = get_json(client, "/api/hsds/organizations", search="samen zingen")
    full = get_json(client, "/api/hsds/organizations", full="true", full_service="true")
    detail = get_json(client, f"/api/hsds/organizations/{organization.id}")

    assert_valid(listed, "/organizations")
    assert_valid(full, "/organizations")
    assert_valid(detail, "/organizations/{id}")
    assert names(listed) == ["Stichting Samen Zingen"]
    assert detail["organization_identifiers"][0]["identifier"] == "12345678"
    assert detail["programs"][0]["name"] == "Zingen voor herstel"
    assert detail["locations"][0]["name"] == "Muziekcentrum"
    assert [service["name"] for service in detail["services"]] == ["Zangkoor De Lijster"]
    nested = next(o for o in full["contents"] if o["id"] == str(organization.id))
    assert nested["services"][0]["service_at_locations"][0]["location"]["name"] == "Muziekcentrum"


def test_taxonomies_and_terms(client):
    taxonomies = get_json(client, "/api/hsds/taxonomies", search="leefgebied")
    taxonomy = get_json(client, f"/api/hsds/taxonomies/{TAXONOMY_LIFE_DOMAIN}")
    terms = get_json(client, "/api/hsds/taxonomy_terms", taxonomy_id=TAXONOMY_LIFE_DOMAIN)
    term_id = LIFE_DOMAINS.term_id("meeting")
    term = get_json(client, f"/api/hsds/taxonomy_terms/{term_id}")
    TaxonomyTerm.objects.create(name="Koren", description="Koren", parent_id=term_id)
    top = get_json(client, "/api/hsds/taxonomy_terms", top_only="true", per_page=100)
    children = get_json(client, "/api/hsds/taxonomy_terms", parent_id=str(term_id))

    assert_valid(taxonomies, "/taxonomies")
    assert_valid(taxonomy, "/taxonomies/{id}")
    assert_valid(terms, "/taxonomy_terms")
    assert_valid(term, "/taxonomy_terms/{id}")
    assert_valid(children, "/taxonomy_terms")
    assert names(taxonomies) == ["steunsysteem-leefgebied"]
    assert terms["total_items"] == len(LIFE_DOMAINS.dutch_names)
    assert term["name"] == "Ontmoeting" and term["taxonomy_detail"]["id"] == TAXONOMY_LIFE_DOMAIN
    assert "Koren" not in names(top)
    assert names(children) == ["Koren"]


@pytest.mark.parametrize(
    "path",
    ["services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations"],
)
def test_an_unknown_or_malformed_id_is_a_json_404(client, path):
    missing = get_json(client, f"/api/hsds/{path}/{uuid.uuid4()}", status=404)
    malformed = get_json(client, f"/api/hsds/{path}/not-a-uuid", status=404)

    assert missing["status"] == malformed["status"] == 404
    assert missing["title"] == "Not Found"


def test_an_unknown_path_is_a_json_404(client):
    body = get_json(client, "/api/hsds/locations", status=404)

    assert body["status"] == 404


def _queries(client, url: str, **params) -> int:
    client.get(url, params)  # the search engine loads its vocabulary once per index change
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def _grow_directory(extra: int) -> None:
    for _ in range(extra):
        service = ServiceFactory(life_domains=["meeting"])
        at_location = ServiceAtLocationFactory(service=service)
        AddressFactory(location=at_location.location)
        ScheduleFactory(service=service)
        contact = Contact.objects.create(service=service, name="Iemand")
        Phone.objects.create(contact=contact, number="0612345678")


@pytest.mark.parametrize(
    "url,params",
    [
        ("/api/hsds/services", {}),
        ("/api/hsds/services", {"full": "true"}),
        ("/api/hsds/services", {"search": "inloop"}),
        ("/api/hsds/service_at_locations", {"postcode": "3512"}),
        ("/api/hsds/service_at_locations", {"full": "true"}),
        ("/api/hsds/organizations", {"full": "true", "full_service": "true"}),
    ],
)
def test_queries_per_page_do_not_grow_with_page_size_or_data(client, directory, url, params):
    _grow_directory(2)
    rebuild_index()
    small = _queries(client, url, per_page=10, **params)
    _grow_directory(20)
    rebuild_index()
    large = _queries(client, url, per_page=30, **params)
    largest = _queries(client, url, per_page=100, **params)

    assert small == large == largest


def test_the_schema_check_itself_rejects_what_the_standard_forbids():
    service_id = str(uuid.uuid4())
    with pytest.raises(AssertionError, match="status"):
        assert_valid({"contents": [{"id": service_id, "name": "Koor"}]}, "/services")
    with pytest.raises(AssertionError, match="uuid"):
        assert_valid({"id": "koor", "name": "Koor", "status": "active"}, "/services/{id}")
    with pytest.raises(AssertionError, match="date-time"):
        body = {"id": service_id, "name": "K", "status": "active", "last_modified": "gisteren"}
        assert_valid(body, "/services/{id}")


def _ndjson_ids(client, url: str, params: dict) -> tuple[list[str], list[str]]:
    """The ids streamed by ``format=ndjson``, and the SQL of the queries that produced them."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {**params, "format": "ndjson"})
        lines = b"".join(response.streaming_content).decode().splitlines()
    return [json.loads(line)["id"] for line in lines], [q["sql"] for q in context]


def _organisations_with_a_service(count: int) -> None:
    """Half of them share one name, so the order within that name rests on the id alone."""
    for number in range(count):
        name = "Stichting Gelijk" if number % 2 else f"Stichting {number:02}"
        location = LocationFactory(organization=None)
        service = ServiceFactory(organization=OrganizationFactory(name=name))
        ServiceAtLocationFactory(service=service, location=location)


@pytest.mark.parametrize(
    "url,params",
    [
        ("/api/hsds/organizations", {}),
        ("/api/hsds/organizations", {"full_service": "true"}),
        ("/api/hsds/services", {"full": "true"}),
        ("/api/hsds/service_at_locations", {"full": "true"}),
    ],
)
def test_ndjson_streams_every_row_exactly_once_across_chunks(client, monkeypatch, url, params):
    monkeypatch.setattr("steunsysteem.directory.api.hsds.views.NDJSON_CHUNK", 3)
    _organisations_with_a_service(11)

    streamed, queries = _ndjson_ids(client, url, params)

    assert len(streamed) == len(set(streamed)) == 11
    paged = [item["id"] for item in get_json(client, url, per_page=100, **params)["contents"]]
    assert streamed == paged
    assert not [sql for sql in queries if "OFFSET" in sql.upper()]


def test_ndjson_reads_the_list_in_one_query_however_long_it_is(client, monkeypatch):
    monkeypatch.setattr("steunsysteem.directory.api.hsds.views.NDJSON_CHUNK", 3)
    _organisations_with_a_service(4)
    short, short_queries = _ndjson_ids(client, "/api/hsds/organizations", {})
    _organisations_with_a_service(20)
    long, long_queries = _ndjson_ids(client, "/api/hsds/organizations", {})

    assert (len(short), len(long)) == (4, 24)
    assert len(short_queries) == len(long_queries) == 1
