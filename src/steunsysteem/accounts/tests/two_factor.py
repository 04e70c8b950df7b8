"""Test helpers for signing in with two-factor authentication.

``sign_in(client, user)`` signs a test client in as ``user`` with the second factor passed
(it gives the user an authenticator app when their role needs one);
``sign_in_in_browser(page, username)`` logs in through the real pages and enters the code
when asked. ``give_totp_device`` and ``current_code`` are for tests of the 2FA pages.
"""

from __future__ import annotations

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunsysteem.accounts import permissions

PASSWORD = "een-lang-wachtwoord"  # UserFactory's password


def give_totp_device(user, *, confirmed: bool = True) -> TOTPDevice:
    """The user's authenticator app (a confirmed TOTP device), made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=confirmed)


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The 6 digits the user's app shows now (or at time ``at``), from the device's key."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """Log ``client`` in as ``user`` and mark the session as passed the second factor."""
    client.force_login(user)
    if permissions.needs_two_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = give_totp_device(user).persistent_id
        session.save()
    return client


def sign_in_in_browser(page, username: str, password: str = PASSWORD) -> None:
    """Fill in the log-in form on the current page, then the code if the site asks for it.

    The user needs a confirmed device already (``give_totp_device``) when their role
    needs two-factor authentication.
    """
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state()
    if "/accounts/tweestapsverificatie/" in page.url and page.locator("#id_code").count():
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("#id_code", current_code(device))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
