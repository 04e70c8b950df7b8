"""Administrators see who got which mail and whether it went out, never its content."""

import pytest
from django.urls import reverse
from post_office.models import Email

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.outbox.services import mail_queue

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://steunsysteem.example/accounts/reset/geheim-token/"


@pytest.fixture
def queued_reset_mail(settings):
    settings.EMAIL_BACKEND = "steunsysteem.outbox.backends.OutboxBackend"
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}
    mail_queue(
        to=["coordinator@example.org"],
        subject="Nieuw wachtwoord",
        body=f"Kies een nieuw wachtwoord: {SECRET_LINK}",
    )
    return Email.objects.get()


def test_an_administrator_sees_the_queue_without_mail_bodies(client, queued_reset_mail):
    sign_in(client, UserFactory(administrator=True))

    listing = client.get(reverse("admin:post_office_email_changelist"))
    detail = client.get(reverse("admin:post_office_email_change", args=[queued_reset_mail.pk]))

    assert listing.status_code == detail.status_code == 200
    assert "Nieuw wachtwoord" in detail.text
    assert "coordinator@example.org" in detail.text
    assert "geheim-token" not in listing.text + detail.text


def test_an_administrator_cannot_redirect_a_queued_mail(client, queued_reset_mail):
    sign_in(client, UserFactory(administrator=True))
    url = reverse("admin:post_office_email_change", args=[queued_reset_mail.pk])

    client.post(url, {"to": "beheerder@example.org", "status": "2", "priority": "1"})

    queued_reset_mail.refresh_from_db()
    assert queued_reset_mail.to == ["coordinator@example.org"]


def test_the_html_preview_of_a_mail_is_gone(client, queued_reset_mail):
    sign_in(client, UserFactory(administrator=True))

    response = client.get(f"/admin/post_office/email/{queued_reset_mail.pk}/preview/")

    assert "geheim-token" not in response.text


@pytest.mark.parametrize("role", ["coordinator", "professional", "editor"])
def test_other_roles_do_not_reach_the_queue(client, queued_reset_mail, role):
    sign_in(client, UserFactory(**{role: True}, is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:post_office_email_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.headers["Location"]
