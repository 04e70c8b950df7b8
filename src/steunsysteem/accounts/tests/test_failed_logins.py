"""Every failed log-in is in the audit trail, without the name that was typed; django-axes
keeps no record of successful log-ins, and of failed ones neither the typed name nor the full
address, while the lockout still locks."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, AuditResult
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.core.login_lockout import username_key
from steunsysteem.directory.tests.factories import UserFactory

from .two_factor import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, username, password, address="203.0.113.9"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_a_wrong_password_is_audited_with_the_users_id_and_not_the_name(client):
    user = UserFactory(username="janny")

    log_in(client, "janny", "geraden")

    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.object_type == "accounts.user"
    assert entry.object_id == str(user.pk)
    assert entry.result == AuditResult.DENIED
    assert entry.actor_user_id is None and entry.actor_username == ""
    assert entry.origin == "203.0.113.0/24"
    assert "janny" not in str(AuditEntry.objects.values().get())
    assert "geraden" not in str(AuditEntry.objects.values().get())


def test_an_unknown_user_name_is_audited_without_any_object(client):
    log_in(client, "niemand-bekend", "geraden")

    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.object_type == "" and entry.object_id == ""
    assert "niemand-bekend" not in str(AuditEntry.objects.values().get())


def test_attempts_during_a_lockout_are_audited_too(client):
    UserFactory(username="janny")
    for _attempt in range(6):
        log_in(client, "janny", "geraden")

    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 6


def test_a_successful_log_in_leaves_no_access_log(client):
    UserFactory(username="janny")

    assert log_in(client, "janny", PASSWORD).status_code == 302

    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).exists()


def test_axes_keeps_no_failure_log_and_reads_the_client_network_like_the_rest():
    assert settings.AXES_DISABLE_ACCESS_LOG is True
    assert settings.AXES_ENABLE_ACCESS_FAILURE_LOG is False
    assert settings.AXES_CLIENT_IP_CALLABLE == (
        "steunsysteem.core.login_lockout.client_network_address"
    )
    assert settings.AXES_USERNAME_CALLABLE == "steunsysteem.core.login_lockout.lockout_username"


def test_a_failed_log_in_leaves_neither_the_typed_name_nor_the_full_address(client):
    UserFactory(username="janny")

    log_in(client, "janny", "geraden")
    log_in(client, "janny.de.vries@example.nl", "geraden", address="2001:db8:1234:5678::9")

    rows = list(AccessAttempt.objects.values())
    assert len(rows) == 2
    stored = str(rows)
    for typed in ["janny", "203.0.113.9", "2001:db8:1234:5678", "geraden"]:
        assert typed not in stored
    assert {row["ip_address"] for row in rows} == {"203.0.113.0", "2001:db8:1234::"}
    assert {row["username"] for row in rows} == {
        username_key("janny"),
        username_key("janny.de.vries@example.nl"),
    }


def test_the_lockout_still_locks_after_the_configured_failures(client):
    UserFactory(username="janny")
    limit = settings.AXES_FAILURE_LIMIT
    statuses = [log_in(client, "janny", "geraden").status_code for _attempt in range(limit)]

    locked = log_in(client, "janny", PASSWORD)

    assert statuses == [200] * (limit - 1) + [429]  # the last failure locks at once
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # From the same network the name stays locked; another name or network is not.
    assert log_in(client, "janny", PASSWORD, address="203.0.113.77").status_code == 429
    assert log_in(client, "janny", PASSWORD, address="198.51.100.4").status_code == 302


def test_a_successful_log_in_clears_the_failures_of_that_name(client):
    UserFactory(username="janny")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "janny", "geraden")
    assert AccessAttempt.objects.get().failures_since_start == settings.AXES_FAILURE_LIMIT - 1

    assert log_in(client, "janny", PASSWORD).status_code == 302

    assert not AccessAttempt.objects.exists()
