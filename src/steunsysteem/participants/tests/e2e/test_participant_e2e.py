"""In the browser: a participant sees who may see what and who looked, and withdraws consent
with the keyboard only; a professional registers someone and breaks the glass for another."""

import re

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_participant_withdraws_consent_with_the_keyboard(page, assert_accessible):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[wijkteam],
    )
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    grant = ConsentGrantFactory(participant=janny, grantee_user=fatima)
    audit_record(actor=fatima, action=AuditAction.READ, obj=janny, fields=["name"])

    page.goto("/mijn-gegevens/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")
    expect(page.locator("h1")).to_have_text("Mijn gegevens")
    expect(page.locator("#profile")).to_contain_text("Janny")
    assert_accessible(page)

    page.get_by_role("link", name="Wie keek er").click()
    expect(page.locator("#access-log")).to_contain_text("Fatima Yilmaz")
    expect(page.locator("#access-log")).to_contain_text("Sociaal Wijkteam")
    assert_accessible(page)

    page.get_by_role("link", name="Wie mag wat zien").click()
    expect(page.locator("#current-consent")).to_contain_text("Fatima Yilmaz")
    assert_accessible(page)
    withdraw = page.get_by_role("button", name=re.compile("Fatima Yilmaz"))
    withdraw.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#no-consent")).to_be_visible()
    expect(page.locator("#past-consent")).to_contain_text("ingetrokken")
    assert_accessible(page)
    grant.refresh_from_db()
    assert grant.withdrawn_at is not None


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_professional_registers_someone_and_uses_emergency_access_for_another(
    page, assert_accessible
):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(username="fatima", professional=True, organizations=[wijkteam])
    give_totp_device(fatima)
    mark = ParticipantFactory(name="Mark")

    page.goto("/deelnemers/nieuw/")
    sign_in_in_browser(page, "fatima")
    page.wait_for_url("**/deelnemers/nieuw/")
    assert_accessible(page)
    page.fill("#id_name", "Nuray")
    page.select_option("#id_preferred_language", "tr")
    page.get_by_label("Sociaal Wijkteam").check()
    page.get_by_label("Vragen en wat ermee gebeurt").check()
    page.get_by_label("Gezegd tegen een hulpverlener in een gesprek").check()
    page.get_by_role("button", name="Inschrijven").click()

    expect(page.locator("h1")).to_have_text("Nuray")
    assert_accessible(page)

    # Mark gave no consent: the page says so and offers emergency access.
    page.goto(f"/deelnemers/{mark.pk}/")
    expect(page.locator("h1")).to_have_text("Je kunt deze pagina niet zien")
    assert_accessible(page)
    page.click("#emergency-access")
    assert_accessible(page)
    page.fill("#id_reason", "In crisis en niet bereikbaar.")
    page.get_by_role("button", name="Openen in noodgeval").click()
    expect(page.locator("h1")).to_have_text("Mark")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_says_yes_to_consent_a_professional_recorded_for_herself(page, assert_accessible):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[wijkteam],
    )
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    ConsentGrantFactory(participant=janny, grantee_user=None, grantee_organization=wijkteam)
    waiting = ConsentGrantFactory(
        participant=janny, grantee_user=fatima, scope="network", awaiting_confirmation=True
    )

    page.goto("/mijn-gegevens/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")
    expect(page.locator("#consent-waiting")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk het en zeg ja of nee").click()
    expect(page.locator("#waiting-consent")).to_contain_text("vastgelegd door Fatima Yilmaz")
    assert_accessible(page)
    yes = page.get_by_role("button", name=re.compile("Ja: Fatima Yilmaz"))
    yes.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#waiting-consent")).to_have_count(0)
    expect(page.locator("#current-consent")).to_contain_text("Fatima Yilmaz")
    assert_accessible(page)
    waiting.refresh_from_db()
    assert waiting.confirmed_by == janny.user
