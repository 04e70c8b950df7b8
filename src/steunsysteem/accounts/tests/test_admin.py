"""The admin site is for administrators: they search the audit trail there, and nobody can
change it."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.sign_in import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_staff_rights_alone_do_not_open_the_admin(client):
    sign_in(client, UserFactory(coordinator=True, is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.headers["Location"]


def test_an_administrator_searches_the_trail_by_object_id(client):
    reader = UserFactory(username="lezer", professional=True)
    janny, other = ParticipantFactory(), ParticipantFactory()
    audit_record(actor=reader, action=AuditAction.READ, obj=janny, fields=["name"])
    audit_record(actor=reader, action=AuditAction.READ, obj=other, fields=["name"])
    sign_in(client, UserFactory(administrator=True))

    response = client.get(reverse("admin:accounts_auditentry_changelist"), {"q": str(janny.pk)})

    assert response.status_code == 200
    assert [entry.object_id for entry in response.context["cl"].result_list] == [str(janny.pk)]


def test_the_admin_offers_no_way_to_change_an_entry(client):
    entry = audit_record(actor=None, action=AuditAction.LOGIN_FAILED)
    sign_in(client, UserFactory(administrator=True))
    change_url = reverse("admin:accounts_auditentry_change", args=[entry.pk])

    client.post(change_url, {"action": "read", "result": "allowed"})
    client.post(reverse("admin:accounts_auditentry_delete", args=[entry.pk]), {"post": "yes"})

    assert AuditEntry.objects.get(pk=entry.pk).action == AuditAction.LOGIN_FAILED
    assert client.get(reverse("admin:accounts_auditentry_add")).status_code == 403
