"""In the browser: a participant downloads everything stored about her, asks for erasure,
confirms it, and ends on the done page, logged out."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.models import ErasureRecord, Participant
from steunsysteem.participants.tests.factories import ParticipantFactory

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
