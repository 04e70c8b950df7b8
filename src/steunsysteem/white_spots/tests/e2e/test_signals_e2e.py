"""In the browser: the coordinator opens the signals and reads the evidence with its bar chart;
the municipality sees what it was sent, with small months taken together. Both accessible."""

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import DistrictFactory, ServiceFactory, UserFactory
from steunsysteem.white_spots.tests.factories import SignalFactory

SCREENSHOTS = "/tmp"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_reads_a_signal_and_its_evidence(page, assert_accessible):
    give_totp_device(UserFactory(username="kees", coordinator=True))
    ServiceFactory(name="Inloop De Schakel")
    signal = SignalFactory(
        title="Een uitgaansavond voor mensen met een GGZ-achtergrond ontbreekt",
        district=DistrictFactory(name="Binnenstad"),
        missing="'s Avonds is er niets in de Binnenstad om samen uit te gaan.",
        question_count=6,
        first_on="2026-01-12",
        last_on="2026-05-20",
        monthly_counts=[["2026-01", 1], ["2026-02", 2], ["2026-04", 2], ["2026-05", 1]],
    )
    SignalFactory(title="Betaald werk met begeleiding ontbreekt", life_domain="work")

    page.goto("/signalen/")
    sign_in_in_browser(page, "kees")
    page.goto("/signalen/")

    expect(page.locator("h1")).to_have_text("Signalen")
    expect(page.locator("#signals tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signals_list.png", full_page=True)

    page.get_by_role("link", name=signal.title).click()
    expect(page.locator("h1")).to_have_text(signal.title)
    expect(page.locator("#evidence-summary")).to_contain_text("6 vragen")
    expect(page.locator("#evidence tbody tr")).to_have_count(5)  # March had none
    expect(page.locator("rect.steunsysteem-bar-chart__bar")).to_have_count(4)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signal_detail.png", full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_municipality_sees_the_signal_it_was_sent_with_small_counts_hidden(
    page, assert_accessible
):
    UserFactory(username="gemeente", policy_officer=True)
    evening = SignalFactory(
        sent=True,
        title="Een uitgaansavond voor mensen met een GGZ-achtergrond ontbreekt",
        question_count=6,
        first_on="2026-01-12",
        last_on="2026-05-20",
        monthly_counts=[["2026-01", 1], ["2026-02", 2], ["2026-04", 2], ["2026-05", 1]],
    )
    SignalFactory(title="Nog niet verstuurd")

    page.goto("/signalen/")
    sign_in_in_browser(page, "gemeente")
    page.goto("/signalen/")

    expect(page.locator("#signals tbody tr")).to_have_count(1)  # the raised one is not sent
    page.get_by_role("link", name=evening.title).click()
    expect(page.locator("#evidence-summary")).to_have_text(
        "6 vragen kregen geen passend aanbod, van januari 2026 tot en met mei 2026."
    )
    # One question in January could be subtracted from the total: the months are one period.
    expect(page.locator("#evidence tbody tr")).to_have_count(1)
    expect(page.locator("#evidence tbody")).not_to_contain_text("< 5")
    expect(page.locator("#evidence tbody td")).to_have_text("6")
    expect(page.locator("rect.steunsysteem-bar-chart__bar")).to_have_count(1)
    expect(page.get_by_role("button", name="Zet op verstuurd")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signal_detail_policy_officer.png", full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_municipality_answers_a_signal_and_the_coordinator_reads_it(page, assert_accessible):
    import datetime as dt

    from django.utils import timezone

    from steunsysteem.white_spots.services import signal_send

    ruud = UserFactory(username="ruud", coordinator=True)
    give_totp_device(ruud)
    UserFactory(username="gemeente", policy_officer=True)
    evening = SignalFactory(
        title="Een uitgaansavond voor mensen met een GGZ-achtergrond ontbreekt",
        missing="'s Avonds is er niets in de Binnenstad om samen uit te gaan.",
        question_count=6,
        waiting_count=2,
        first_on="2026-01-12",
        last_on="2026-05-20",
        monthly_counts=[["2026-01", 1], ["2026-02", 2], ["2026-04", 2], ["2026-05", 1]],
    )
    signal_send(signal=evening, by=ruud)
    due = timezone.localdate() + dt.timedelta(days=120)

    page.goto("/signalen/")
    sign_in_in_browser(page, "gemeente")
    page.goto("/signalen/")
    page.get_by_role("link", name=evening.title).click()
    expect(page.locator("#evidence-rule")).to_contain_text("meer dan 12 weken wacht")
    expect(page.locator("#evidence-waiting")).to_have_count(0)  # an exact small count
    page.get_by_label("Wat gaat de gemeente doen?").fill(
        "We starten met het buurthuis een avond per maand, zonder alcohol."
    )
    page.get_by_label("Wanneer is het klaar?").fill(due.isoformat())
    page.get_by_role("button", name="Antwoord versturen").click()

    expect(page.get_by_text("Je antwoord is bewaard.")).to_be_visible()
    expect(page.locator("#signal-facts")).to_contain_text("Beantwoord door de gemeente")
    expect(page.locator("#response")).to_contain_text("een avond per maand, zonder alcohol")
    expect(page.get_by_role("heading", name="Je antwoord veranderen")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signal_answered_policy_officer.png", full_page=True)

    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/signalen/")
    sign_in_in_browser(page, "ruud")
    page.goto("/signalen/")
    expect(page.locator("#signals")).to_contain_text("Beantwoord door de gemeente")
    page.get_by_role("link", name=evening.title).click()
    expect(page.locator("#response")).to_contain_text("een avond per maand, zonder alcohol")
    expect(page.locator("#response-due")).to_contain_text(str(due.year))
    expect(page.locator("#evidence-waiting")).to_have_text("2 daarvan wachten nog.")
    expect(page.get_by_role("button", name="Antwoord versturen")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signal_answered_coordinator.png", full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_raises_a_signal_from_the_client_council(page, assert_accessible):
    give_totp_device(UserFactory(username="ruud", coordinator=True))
    DistrictFactory(name="Vlietzoom")

    page.goto("/signalen/")
    sign_in_in_browser(page, "ruud")
    page.goto("/signalen/")
    page.get_by_role("link", name="Zelf een signaal melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een signaal melden")
    assert_accessible(page)
    page.get_by_label("Een cliëntenraad").check()
    page.get_by_label("Welke, en wanneer?").fill("Cliëntenraad GGZ Partistad, februari")
    page.get_by_label("Leefgebied").select_option(label="Ontmoeting")
    page.get_by_label("Wijk").select_option(label="Vlietzoom")
    page.get_by_label("Titel").fill("Een inloop in het weekend ontbreekt")
    page.get_by_label("Wat ontbreekt er?").fill("In het weekend is de inloop dicht.")
    page.screenshot(path=f"{SCREENSHOTS}/signal_raise.png", full_page=True)
    page.get_by_role("button", name="Signaal melden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Een inloop in het weekend ontbreekt")
    expect(page.locator("#source")).to_have_text(
        "Een cliëntenraad: Cliëntenraad GGZ Partistad, februari"
    )
    expect(page.locator("#evidence")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/signal_raised_by_hand.png", full_page=True)
