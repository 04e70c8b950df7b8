"""Hardening: security headers with a Content-Security-Policy nonce, log-in lockout, idle and
absolute session timeouts, and production settings that pass ``check --deploy``."""

import logging
import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.directory.tests.factories import UserFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password
PAGES = ["/accounts/login/", "/sociale-kaart/", "/sociale-kaart/kaart/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def nonce_of(response) -> str:
    (nonce,) = [
        value[len("'nonce-") : -1]
        for value in csp_directives(response)["script-src"]
        if value.startswith("'nonce-")
    ]
    return nonce


def is_logged_in(client) -> bool:
    return client.get(reverse("login")).wsgi_request.user.is_authenticated


def log_in(client, username, *, password=PASSWORD, address="127.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_forbids_framing_and_unknown_scripts(client, path):
    response = client.get(path)

    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert nonce_of(response)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_the_scripts_on_a_page_carry_the_nonce_of_its_policy(client, path):
    response = client.get(path)
    html = response.content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the page loads HTMX"
    for script in scripts:
        assert f'nonce="{nonce_of(response)}"' in script
    # No inline event handlers, which no nonce can allow.
    assert not re.search(r"\son[a-z]+=", html)
    # HTMX must not inject its indicator <style> (it has no nonce) nor evaluate code.
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


@pytest.mark.django_db
def test_every_response_gets_a_fresh_nonce(client):
    assert nonce_of(client.get(PAGES[0])) != nonce_of(client.get(PAGES[0]))


@pytest.mark.django_db
def test_the_api_gets_the_security_headers_too(client):
    response = client.get("/api/v1/services/")

    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_session_cookie_is_out_of_reach_of_scripts_and_other_sites(client):
    user = UserFactory()

    response = log_in(client, user.username)

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"], "the session ends when the browser closes"


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account(client, caplog):
    user = UserFactory(username="jansen")

    with caplog.at_level(logging.INFO):
        for _attempt in range(4):
            response = log_in(client, "jansen", password="geraden")
            assert response.status_code == 200, "the form again, with an error"
        assert log_in(client, "jansen", password="geraden").status_code == 429
        response = log_in(client, "jansen")

    assert response.status_code == 429
    assert "core/lockout.html" in [template.name for template in response.templates]
    page = response.content.decode()
    assert "Te vaak geprobeerd in te loggen" in page
    assert "Probeer het over 15 minuten opnieuw." in page
    assert user.username not in page
    assert not is_logged_in(client)
    # The failures are logged, without the user name, the address or the password.
    axes_lines = [
        record.getMessage() for record in caplog.records if record.name.startswith("axes")
    ]
    assert any("Locking out" in line for line in axes_lines)
    for line in axes_lines:
        assert "jansen" not in line
        assert "127.0.0.1" not in line
        assert "geraden" not in line


@pytest.mark.django_db
def test_the_lockout_ends_after_fifteen_minutes(client):
    user = UserFactory()
    with freeze_time(timezone.now()) as clock:
        for _attempt in range(5):
            log_in(client, user.username, password="geraden")
        assert log_in(client, user.username).status_code == 429

        clock.tick(timedelta(minutes=16))
        response = log_in(client, user.username)

    assert response.status_code == 302
    assert response.wsgi_request.user == user


@pytest.mark.django_db
def test_the_lockout_is_for_one_user_name_from_one_address(client):
    locked, other = UserFactory(), UserFactory()
    for _attempt in range(5):
        log_in(client, locked.username, password="geraden")

    assert log_in(client, other.username).status_code == 302
    client.logout()
    assert log_in(client, locked.username, address="192.0.2.7").status_code == 302


@pytest.mark.django_db
def test_four_wrong_passwords_then_the_right_one_logs_in(client):
    user = UserFactory()
    for _attempt in range(4):
        log_in(client, user.username, password="geraden")

    assert log_in(client, user.username).status_code == 302


@pytest.mark.django_db
def test_the_test_client_logs_in_through_the_lockout_check_when_given_a_request(client):
    user = UserFactory()
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"

    assert client.login(request=request, username=user.username, password=PASSWORD)
    assert is_logged_in(client)


@pytest.mark.django_db
def test_half_an_hour_without_activity_logs_out(client):
    user = UserFactory()
    with freeze_time(timezone.now()) as clock:
        log_in(client, user.username)

        clock.tick(timedelta(minutes=25))
        assert is_logged_in(client)
        clock.tick(timedelta(minutes=25))
        assert is_logged_in(client), "each request starts the half hour again"

        clock.tick(timedelta(minutes=31))
        assert not is_logged_in(client)


@pytest.mark.django_db
def test_twelve_hours_after_logging_in_even_an_active_user_is_logged_out(client):
    user = UserFactory()
    with freeze_time(timezone.now()) as clock:
        log_in(client, user.username)

        for _quarter in range(12 * 4 - 1):
            clock.tick(timedelta(minutes=15))
            assert is_logged_in(client)
        clock.tick(timedelta(minutes=16))
        assert not is_logged_in(client)

        # Logging in again starts a new twelve hours.
        log_in(client, user.username)
        clock.tick(timedelta(minutes=15))
        assert is_logged_in(client)


def test_the_timeouts_and_lockout_come_from_the_environment():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_ABSOLUTE_TIMEOUT == timedelta(hours=12)
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_the_production_settings_pass_the_deployment_checks(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "example.org",
        "DATA_DIR": str(tmp_path),
    }
    # The test run's own variables (conftest.py allows async-unsafe calls for Playwright).
    for name in ["DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"]:
        environment.pop(name, None)

    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    # Silenced, and nothing else: django-ratelimit's advice to use memcached or Redis instead
    # of the shared database cache (see CACHES in settings/base.py).
    assert settings.SILENCED_SYSTEM_CHECKS == ["django_ratelimit.E003", "django_ratelimit.W001"]
    assert "System check identified no issues (2 silenced)." in result.stdout
