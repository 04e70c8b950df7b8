"""The demo has one account per role, and each can log in with the demo password."""

import base64

import pytest
from django.http import HttpRequest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User
from steunsysteem.core.demo import DEMO_PASSWORD, load_demo
from steunsysteem.directory.models import Organization

pytestmark = pytest.mark.django_db


def test_there_is_one_demo_account_for_every_role_with_its_rights():
    load_demo()

    assert sorted(User.objects.values_list("role", flat=True)) == sorted(Role.values)
    for user in User.objects.all():
        assert Client().login(request=HttpRequest(), username=user.username, password=DEMO_PASSWORD)
    editor = User.objects.get(username="redacteur")
    schakel = Organization.objects.get(name="Buurthuis De Schakel")

    assert permissions.can_edit_organization(editor, schakel)
    assert not permissions.can_edit_organization(
        editor, Organization.objects.get(name="GGZ Partistad")
    )
    assert permissions.can_review_directory(User.objects.get(username="coordinator"))
    assert permissions.can_register_participant(User.objects.get(username="hulpverlener"))
    assert not permissions.can_list_participants(User.objects.get(username="beleid"))
    assert User.objects.get(username="beheerder").is_staff


def test_demo_accounts_that_need_a_second_factor_have_the_published_demo_app():
    load_demo()

    for user in User.objects.all():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        assert devices.exists() == permissions.needs_two_factor(user), user.username
    device = TOTPDevice.objects.get(user__username="coordinator")
    assert base64.b32encode(device.bin_key).decode() == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
