"""Whatever a client sends to /api/v1/, the API answers without a server error and as its
OpenAPI document says.

Property-based fuzzing with schemathesis from the committed OpenAPI document
(docs/api/openapi-v1.yaml): for every operation it generates valid and invalid parameters
(strings of any Unicode, NUL bytes, huge numbers, wrong types) and checks that no answer is
a 5xx and that each answer keeps the document's promises: a documented status code and
content type, and a body that fits its schema (the document is what clients are generated
from). Examples are bounded so the module stays fast; bench/run_fuzz_bench.py runs many more
over real HTTP.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)

REPO_ROOT = Path(__file__).resolve().parents[4]
schema = schemathesis.openapi.from_path(REPO_ROOT / "docs" / "api" / "openapi-v1.yaml")
application = get_wsgi_application()


@pytest.fixture
def directory(db):
    district = DistrictFactory(name="Binnenstad", slug="binnenstad")
    # No website, e-mail address or logo: the answers hold what is missing, too.
    organization = OrganizationFactory(name="Stichting Samen Zingen", website="", email="")
    service = ServiceFactory(
        organization=organization,
        name="Zangkoor De Lijster",
        description="Samen zingen.",
        url="",
        email="",
    )
    ScheduleFactory(service=service, byday="TU")
    ServiceAtLocationFactory(
        service=service, location=LocationFactory(latitude=52.09, longitude=5.12, district=district)
    )
    return service


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """Like Django's test client: the WSGI handler must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_rate_limit_between_examples(db):
    """The API's rate limit would answer 429 after a few hundred calls; that is fine, but it
    would hide what the view does with the input."""
    cache.clear()
    yield
    cache.clear()


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_whatever_a_client_sends_the_api_keeps_the_promises_of_its_document(case, directory):
    cache.clear()
    response = case.call(app=application)
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query!r}"
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
