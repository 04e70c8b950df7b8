"""Every failed log-in is in the audit trail, without the name that was typed; django-axes
keeps no record of successful log-ins."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, AuditResult
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import UserFactory

from .two_factor import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.9"
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


def test_axes_keeps_no_failure_log_and_reads_the_client_address_like_the_rest():
    assert settings.AXES_DISABLE_ACCESS_LOG is True
    assert settings.AXES_ENABLE_ACCESS_FAILURE_LOG is False
    assert settings.AXES_CLIENT_IP_CALLABLE == "steunsysteem.core.client_address.client_ip"
