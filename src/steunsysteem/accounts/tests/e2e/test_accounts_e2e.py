"""In the browser: a coordinator sets up two-step verification before reaching their work,
someone resets a forgotten password, and an invitation link creates an account (or says
calmly that it expired)."""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from steunsysteem.accounts.constants import Role
from steunsysteem.accounts.models import User
from steunsysteem.accounts.tests.factories import InvitationFactory
from steunsysteem.accounts.tests.two_factor import PASSWORD, give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import UserFactory

NEW_PASSWORD = "zonnebloem-aan-de-rivier"
SCREENSHOTS = "/tmp"


def code_for_key(key_in_groups: str) -> str:
    """What an authenticator app shows for the key typed from the set-up page."""
    key = b32decode(key_in_groups.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_sets_up_two_step_verification_before_reaching_the_review_queue(
    page, assert_accessible
):
    UserFactory(username="kees", coordinator=True)

    page.goto("/te-beoordelen/")
    page.fill("#id_username", "kees")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")

    # Not to the queue yet: first the set-up page, with a QR code and the key to type.
    page.wait_for_url(re.compile(r"/accounts/tweestapsverificatie/instellen/"))
    expect(page.locator("h1")).to_have_text("Tweestapsverificatie instellen")
    expect(page.locator("img.steunsysteem-qr")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/two_factor_setup.png", full_page=True)
    page.goto("/te-beoordelen/")
    page.wait_for_url(re.compile(r"/instellen/"))

    # A wrong code is refused with a clear message.
    page.fill("#id_code", "000000")
    page.press("#id_code", "Enter")
    expect(page.locator(".utrecht-form-field-error-message")).to_contain_text("niet goed")

    # Typing the key in an app gives the code; then the backup codes, once.
    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    key = page.locator("#totp-key").inner_text()
    page.fill("#id_code", code_for_key(key))
    page.press("#id_code", "Enter")
    page.wait_for_url(re.compile(r"/reservecodes/"))
    expect(page.locator("#backup-codes li")).to_have_count(10)
    assert_accessible(page)
    page.click("main a.utrecht-link")

    page.wait_for_url("**/te-beoordelen/")
    expect(page.locator("h1")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_someone_who_forgot_their_password_chooses_a_new_one_by_e_mail(page, assert_accessible):
    UserFactory(username="janny", email="janny@example.org")

    page.goto("/accounts/login/")
    page.click("#forgot-password")
    assert_accessible(page)
    page.fill("#id_email", "janny@example.org")
    page.click("main form button[type=submit]")
    expect(page.locator("#reset-sent")).to_be_visible()
    assert_accessible(page)

    (message,) = mail.outbox
    (link,) = re.findall(r"https?://\S+", message.body)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.locator("#id_new_password1_helptext")).to_contain_text("12")
    assert_accessible(page)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Je wachtwoord is veranderd")

    page.click("main a[href='/accounts/login/']")
    page.fill("#id_username", "janny")
    page.fill("#id_password", NEW_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url("**/sociale-kaart/")
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(1)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_expired_invitation_says_so_calmly_and_a_valid_one_creates_the_account(
    page, assert_accessible
):
    InvitationFactory(token="verlopen-link", expired=True)
    InvitationFactory(token="geldige-link", role=Role.PARTICIPANT, email="janny@example.org")

    page.goto("/accounts/uitnodiging/verlopen-link/")
    expect(page.locator("h1")).to_have_text("Deze uitnodiging is verlopen.")
    expect(page.locator("#invitation-unusable")).to_contain_text("nieuwe uitnodiging")
    expect(page.locator("#id_password1")).to_have_count(0)
    assert_accessible(page)

    page.goto("/accounts/uitnodiging/geldige-link/")
    assert_accessible(page)
    page.fill("#id_username", "janny")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.click("main form button[type=submit]")

    page.wait_for_url("**/accounts/mijn-account/")
    expect(page.locator("h1")).to_have_text("Mijn account")
    expect(page.locator("#session-table tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/account.png", full_page=True)
    user = User.objects.get(username="janny")
    assert user.role == Role.PARTICIPANT and user.email == "janny@example.org"

    # The same link does not work a second time.
    page.goto("/accounts/uitnodiging/geldige-link/")
    expect(page.locator("h1")).to_have_text("Deze uitnodiging is al gebruikt.")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_with_an_app_enters_the_code_and_invites_someone(page, assert_accessible):
    kees = UserFactory(username="kees", coordinator=True)
    give_totp_device(kees)

    page.goto("/accounts/uitnodigen/")
    sign_in_in_browser(page, "kees")
    page.wait_for_url("**/accounts/uitnodigen/")
    assert_accessible(page)
    page.fill("#id_email", "noor@example.org")
    page.select_option("#id_role", Role.VOLUNTEER)
    page.click("main form button[type=submit]")

    page.wait_for_url("**/accounts/uitnodigingen/")
    expect(page.locator("#invitation-table")).to_contain_text("noor@example.org")
    assert_accessible(page)
    assert len(mail.outbox) == 1
