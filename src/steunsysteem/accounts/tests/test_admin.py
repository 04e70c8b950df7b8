"""The admin site is for administrators only."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_staff_rights_alone_do_not_open_the_admin(client):
    sign_in(client, UserFactory(coordinator=True, is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.headers["Location"]


def test_createsuperuser_makes_an_administrator(client):
    user = User.objects.create_superuser("beheer", "beheer@example.org", "een-lang-wachtwoord")

    assert user.role == Role.ADMINISTRATOR
    sign_in(client, user)
    assert client.get(reverse("admin:index")).status_code == 200
