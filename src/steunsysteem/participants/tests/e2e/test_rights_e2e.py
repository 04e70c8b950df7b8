"""In the browser: a participant downloads everything stored about her, asks for erasure,
confirms it, and ends on the done page, logged out. A professional records someone's
request to erase and a colleague approves it; another records a request for a copy and
gets only what they may see."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.models import ErasureRecord, Participant
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_participant_downloads_her_data_and_has_it_erased(page, assert_accessible):
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    NetworkMemberFactory(participant=janny, name="Henk (broer)")

    page.goto("/mijn-gegevens/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")
    page.get_by_role("link", name="Mijn rechten").click()
    expect(page.locator("h1")).to_have_text("Mijn rechten")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als JSON").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    assert "janny" not in download.suggested_filename.lower()
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["record"]["name"] == "Janny"
    assert data["network_members"][0]["name"] == "Henk (broer)"

    page.get_by_role("link", name="Mijn gegevens laten wissen").click()
    expect(page.locator("h1")).to_have_text("Al mijn gegevens wissen")
    assert_accessible(page)
    page.get_by_role("button", name="Definitief wissen").click()  # without the word
    expect(page.locator("h1")).to_have_text("Al mijn gegevens wissen")
    assert Participant.objects.filter(pk=janny.pk).exists()
    assert_accessible(page)
    page.get_by_label("Typ het woord WISSEN om te bevestigen").fill("wissen")
    page.get_by_role("button", name="Definitief wissen").click()

    expect(page.locator("h1")).to_have_text("Je gegevens zijn gewist")
    assert_accessible(page)
    assert not Participant.objects.filter(pk=janny.pk).exists()
    assert ErasureRecord.objects.filter(participant_id=janny.pk).exists()

    # Logged out: her own page asks to log in again.
    page.goto("/mijn-gegevens/")
    expect(page.locator("#id_username")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_request_to_erase_is_recorded_approved_by_a_second_person_and_carried_out(
    page, assert_accessible
):
    """Fatima (consent to her personally) records Nuray's request to erase; Ruud, who sees
    Nuray through his organisation's consent, approves it with the typed word."""
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(
        username="fatima", first_name="Fatima", last_name="Yilmaz", professional=True
    )
    ruud = UserFactory(username="ruud", professional=True, organizations=[wijkteam])
    give_totp_device(fatima)
    give_totp_device(ruud)
    nuray = ParticipantFactory(name="Nuray")
    ConsentGrantFactory(participant=nuray, grantee_user=fatima)
    ConsentGrantFactory(participant=nuray, grantee_user=None, grantee_organization=wijkteam)

    # Fatima records the request: from the person's page, "Rechten".
    page.goto(f"/deelnemers/{nuray.pk}/")
    sign_in_in_browser(page, "fatima")
    page.wait_for_url(f"**/deelnemers/{nuray.pk}/")
    page.get_by_role("link", name="Rechten").click()
    expect(page.locator("h1")).to_have_text("Rechten van Nuray")
    assert_accessible(page)
    page.get_by_role("link", name="Een verzoek vastleggen").click()
    assert_accessible(page)
    page.get_by_label("Alle gegevens wissen").check()
    page.get_by_label("Telefonisch").check()
    page.get_by_role("button", name="Het verzoek vastleggen").click()
    expect(page.locator("#waiting-for-second-person")).to_be_visible()
    assert_accessible(page)
    assert Participant.objects.filter(pk=nuray.pk).exists()
    page.get_by_role("button", name="Uitloggen").click()

    # Ruud sees it on the rights page and approves it.
    page.goto(f"/deelnemers/{nuray.pk}/")
    sign_in_in_browser(page, "ruud")
    page.wait_for_url(f"**/deelnemers/{nuray.pk}/")
    page.get_by_role("link", name="Rechten").click()
    expect(page.locator("#rights-requests")).to_contain_text("Fatima Yilmaz")
    page.get_by_role("link", name="Alle gegevens wissen").click()
    expect(page.locator("#rights-request")).to_contain_text("Telefonisch")
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren en definitief wissen").click()  # no word
    expect(page.locator("#form-errors")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Typ het woord WISSEN om te bevestigen").fill("WISSEN")
    page.get_by_role("button", name="Goedkeuren en definitief wissen").click()

    expect(page.locator("h1")).to_have_text("De gegevens zijn gewist")
    assert_accessible(page)
    assert not Participant.objects.filter(pk=nuray.pk).exists()
    record = ErasureRecord.objects.get(participant_id=nuray.pk)
    assert (record.request_recorded_by_user_id, record.request_approved_by_user_id) == (
        fatima.pk,
        ruud.pk,
    )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_professional_records_a_request_for_a_copy_and_downloads_only_what_she_may_see(
    page, assert_accessible
):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    ruud = UserFactory(username="ruud", professional=True, organizations=[wijkteam])
    give_totp_device(ruud)
    nuray = ParticipantFactory(name="Nuray")
    NetworkMemberFactory(participant=nuray, name="Henk (broer)")
    ConsentGrantFactory(participant=nuray, grantee_user=None, grantee_organization=wijkteam)

    page.goto(f"/deelnemers/{nuray.pk}/mijn-rechten/")
    sign_in_in_browser(page, "ruud")
    page.wait_for_url(f"**/deelnemers/{nuray.pk}/mijn-rechten/")
    expect(page.locator("#no-erasure-request")).to_be_visible()
    page.get_by_role("link", name="Een verzoek vastleggen").click()
    page.get_by_label("Per brief of op een formulier").check()
    page.get_by_role("button", name="Het verzoek vastleggen").click()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden als JSON").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["parts"] == ["record"]
    assert "network_members" not in data and "access_log" not in data
