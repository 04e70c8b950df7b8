"""In the browser: Fatima writes down a conversation with Janny (what she asked, the
question behind it, about which of her questions); Janny reads it on her own page and
writes a correction. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.notes.models import Note
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit

ASKED = "Janny vraagt of er een koor in de buurt is."
BEHIND = "Ze zoekt een plek waar ze erbij hoort, en iemand die de eerste keer meegaat."
CORRECTION = "Ik wil ook zangles, zodat ik durf te zingen."
CHOIR = "Ik wil graag zingen in een koor."
SHOTS = "/tmp/shots"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_fatima_writes_a_note_and_janny_reads_it_on_her_own_page(page, assert_accessible):
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[OrganizationFactory(name="Sociaal Wijkteam")],
    )
    give_totp_device(fatima)
    janny = ParticipantFactory(
        name="Janny", user=UserFactory(username="janny", first_name="Janny", last_name="de Vries")
    )
    for scope in (ConsentScope.PROFILE, ConsentScope.QUESTIONS, ConsentScope.NOTES):
        ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=scope)
    question_submit(participant=janny, text=CHOIR, life_domains=["culture"], by=janny.user)

    # Fatima, from her list of participants, to Janny's notes.
    page.goto("/deelnemers/")
    sign_in_in_browser(page, "fatima")
    page.get_by_role("link", name="Janny").click()
    page.get_by_role("navigation", name="Over deze persoon").get_by_role(
        "link", name="Notities"
    ).click()
    expect(page.locator("h1")).to_have_text("Notities")
    expect(page.locator("#no-notes")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Notitie schrijven").click()
    expect(page.locator("#who-reads")).to_contain_text("De persoon leest elke notitie")
    page.get_by_label("Wat werd er gevraagd?").fill(ASKED)
    page.get_by_label("Wat is de vraag achter de vraag?").fill(BEHIND)
    page.get_by_label("Over welke vraag?").select_option(label=f"{_today()}: “{CHOIR}”")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/notes-write.png", full_page=True)
    page.get_by_role("button", name="Notitie bewaren").click()

    expect(page.locator(".utrecht-alert, [role=status]").first).to_contain_text(
        "De notitie is bewaard."
    )
    expect(page.locator("#notes")).to_contain_text(ASKED)
    expect(page.locator("#notes")).to_contain_text(
        "Geschreven door Fatima Yilmaz (hulpverlener, Sociaal Wijkteam)"
    )
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/notes-list-fatima.png", full_page=True)

    # Janny, on her own page.
    page.context.clear_cookies()
    page.goto("/mijn-gegevens/")
    sign_in_in_browser(page, "janny")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")
    page.get_by_role("link", name="Mijn notities").click()
    expect(page.locator("h1")).to_have_text("Mijn notities")
    notes = page.locator("#notes")
    expect(notes).to_contain_text(ASKED)
    expect(notes).to_contain_text(BEHIND)
    expect(notes).to_contain_text(CHOIR)
    expect(notes).to_contain_text("Geschreven door Fatima Yilmaz (hulpverlener, Sociaal Wijkteam)")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/notes-list-janny.png", full_page=True)

    # She corrects it: a new note, shown with the first.
    page.get_by_role("link", name="Correctie schrijven").click()
    expect(page.locator("#corrects")).to_contain_text(ASKED)
    assert_accessible(page)
    page.get_by_label("Wat werd er gevraagd?").fill(CORRECTION)
    page.get_by_role("button", name="Notitie bewaren").click()
    expect(notes).to_contain_text(CORRECTION)
    expect(notes).to_contain_text("Dit verbetert de notitie van")
    expect(notes).to_contain_text("Er is een correctie op deze notitie")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/notes-correction.png", full_page=True)
    assert Note.objects.filter(asked=ASKED).count() == 1
    assert Note.objects.get(asked=CORRECTION).corrects.asked == ASKED


def _today() -> str:
    from django.utils import timezone

    return f"{timezone.localdate():%d-%m-%Y}"
