"""Too many log-ins (also on the admin's form), reset requests, searches, network maps or
"out of date" reports from one address get a calm "wait a moment" page, not a crash; other
addresses go on as usual."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from steunsysteem.directory.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMITS = {
    "login": "3/m",
    "password_reset": "2/h",
    "search": "4/m",
    "network_map": "3/m",
    "outdated_report": "2/h",
}


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LANGUAGE_CODE = "en"
    cache.clear()
    with override_settings(RATE_LIMITS=LIMITS):
        yield
    cache.clear()


def log_in(client, address="203.0.113.5"):
    return client.post(
        reverse("login"), {"username": "iemand", "password": "geraden"}, REMOTE_ADDR=address
    )


def test_the_fourth_log_in_within_a_minute_gets_the_calm_429_page(client):
    statuses = [log_in(client).status_code for _ in range(3)]
    response = log_in(client)

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert "core/too_many_requests.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Wait a minute and try again" in html
    assert html.count("<h1") == 1


def test_the_limit_is_per_client_address(client):
    for _ in range(4):
        log_in(client)

    assert log_in(client, address="198.51.100.8").status_code == 200


def test_showing_the_log_in_form_is_not_limited(client):
    for _ in range(4):
        log_in(client)

    assert client.get(reverse("login"), REMOTE_ADDR="203.0.113.5").status_code == 200


def test_the_minute_passes_and_logging_in_works_again(client):
    from freezegun import freeze_time

    UserFactory(username="janny")
    with freeze_time("2026-05-01 09:00:10") as clock:
        for _ in range(4):
            log_in(client)
        clock.tick(60)
        response = client.post(
            reverse("login"),
            {"username": "janny", "password": "een-lang-wachtwoord"},
            REMOTE_ADDR="203.0.113.5",
        )

    assert response.status_code == 302


def test_password_reset_requests_are_limited(client):
    for _ in range(2):
        assert client.post(reverse("password_reset"), {"email": "a@example.org"}).status_code == 302

    assert client.post(reverse("password_reset"), {"email": "a@example.org"}).status_code == 429


def test_searching_is_limited_also_for_htmx_which_reloads_to_show_the_page(client):
    search = reverse("directory:search")
    for _ in range(3):
        assert client.get(search, {"q": "koffie"}).status_code == 200
    assert client.get(search, {"q": "koffie"}, headers={"HX-Request": "true"}).status_code == 200

    htmx = client.get(search, {"q": "koffie"}, headers={"HX-Request": "true"})
    plain = client.get(search)

    assert htmx.status_code == 429
    assert htmx["HX-Refresh"] == "true"
    assert plain.status_code == 429
    assert "Wait a minute and try again" in plain.content.decode()


def admin_log_in(client, address="203.0.113.5"):
    return client.post(
        reverse("admin:login"), {"username": "beheer", "password": "geraden"}, REMOTE_ADDR=address
    )


def test_the_admin_log_in_form_is_limited_too(client):
    statuses = [admin_log_in(client).status_code for _ in range(3)]
    response = admin_log_in(client)

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert "Wait a minute and try again" in response.content.decode()
    assert admin_log_in(client, address="198.51.100.8").status_code == 200
    assert client.get(reverse("admin:login"), REMOTE_ADDR="203.0.113.5").status_code == 200


def test_guesses_on_the_admin_form_and_the_site_form_count_together(client):
    log_in(client)
    log_in(client)
    admin_log_in(client)

    assert log_in(client).status_code == 429


def test_the_network_map_and_its_downloads_are_limited(client):
    from steunsysteem.accounts.tests.two_factor import sign_in
    from steunsysteem.participants.tests.factories import ParticipantFactory

    janny = ParticipantFactory(with_account=True)
    sign_in(client, janny.user)
    urls = [reverse(f"networks:{name}", args=[janny.pk]) for name in ("map", "map_svg", "map_png")]

    statuses = [client.get(url).status_code for url in urls]
    response = client.get(reverse("networks:map_pdf", args=[janny.pk]))

    assert statuses == [200, 200, 200]
    assert response.status_code == 429
    assert "Wait a minute and try again" in response.content.decode()


def test_anonymous_out_of_date_reports_are_limited(client):
    from steunsysteem.directory.models import OutdatedReport
    from steunsysteem.directory.tests.factories import ServiceFactory

    url = reverse("directory:report_outdated", args=[ServiceFactory().pk])
    report = {"message": "Ze zijn verhuisd.", "website": ""}

    statuses = [client.post(url, report).status_code for _ in range(2)]
    response = client.post(url, report)

    assert statuses == [302, 302]
    assert response.status_code == 429
    assert OutdatedReport.objects.count() == 2
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_the_api_gets_problem_json():
    from django.test import RequestFactory

    from steunsysteem.core.views import too_many_requests

    response = too_many_requests(RequestFactory().get("/api/v1/services/"))

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 429


def test_the_limits_come_from_the_environment_and_the_test_settings_switch_them_off():
    from steunsysteem.conf.env import ENV_VARS

    assert ENV_VARS["RATE_LIMIT_LOGIN"].default == "20/m"
    assert ENV_VARS["RATE_LIMIT_PASSWORD_RESET"].default == "10/h"
    assert ENV_VARS["RATE_LIMIT_SEARCH"].default == "120/m"
    assert ENV_VARS["RATE_LIMIT_API"].default == "120/m"
    assert ENV_VARS["RATE_LIMIT_NETWORK_MAP"].default == "30/m"
    assert ENV_VARS["RATE_LIMIT_OUTDATED_REPORT"].default == "10/h"


def test_the_rate_limit_cache_is_shared_between_processes(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_a_region_sets_the_api_limit_in_the_environment():
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'])",
        ],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.dev",
            "RATE_LIMIT_API": "600/m",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "600/m"
