"""In the browser: the policy officer of Partistad signs in and lands on the monitor, reads
it, sets a covenant target and downloads the evaluation report; nowhere a name or a count
under the threshold. Every page accessible (axe)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import sign_in_in_browser
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.monitor.models import Target
from steunsysteem.monitor.tests.factories import (
    CommitmentFactory,
    CovenantPartnerFactory,
    make_questions,
)
from steunsysteem.participants.tests.factories import ParticipantFactory

SCREENSHOTS = "/tmp"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_policy_officer_reads_the_monitor_sets_a_target_and_downloads_the_report(
    page, assert_accessible, settings
):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5
    UserFactory(username="gemeente", policy_officer=True)
    north, south = DistrictFactory(name="Binnenstad"), DistrictFactory(name="Oosterhof")
    make_questions(
        9,
        on=dt.date(2026, 9, 1),
        participant=ParticipantFactory(district=north, name="Anouk de Vries"),
    )
    make_questions(
        3,
        on=dt.date(2026, 9, 1),
        participant=ParticipantFactory(district=south, name="Bram Bakker"),
    )
    CommitmentFactory(partner=CovenantPartnerFactory(name="GGZ Partistad"))

    page.goto("/accounts/login/")
    sign_in_in_browser(page, "gemeente")
    expect(page).to_have_url(f"{page.url.split('/monitor')[0]}/monitor/")

    page.get_by_label("Periode", exact=True).fill("2026H2")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("h1")).to_contain_text("2026H2")
    reach = page.locator("#table-reach")
    expect(reach.get_by_role("row", name="Binnenstad")).to_contain_text("9")
    expect(reach.get_by_role("row", name="Oosterhof")).to_contain_text("niet getoond")
    body = page.locator("main").inner_text()
    assert "Anouk" not in body and "Bram" not in body
    assert "\n3\n" not in body and "\t3\t" not in body
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/monitor_dashboard.png", full_page=True)

    page.get_by_role("link", name="Doelen uit het convenant").click()
    page.get_by_label("Periode", exact=True).fill("2026")
    page.get_by_label("Getal in de monitor", exact=True).select_option("target_group_questions")
    page.get_by_label("Doel", exact=True).fill("500")
    page.get_by_label("In woorden (mag leeg blijven)").fill(
        "500 vragen van mensen met EPA per jaar"
    )
    page.get_by_role("button", name="Doel bewaren").click()
    expect(page.get_by_text("Het doel is bewaard.")).to_be_visible()
    expect(page.locator("#targets")).to_contain_text("500 vragen van mensen met EPA per jaar")
    assert Target.objects.get().value == 500
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/monitor_targets.png", full_page=True)

    page.get_by_role("link", name="Terug naar de monitor").click()
    page.get_by_role("link", name="Convenantpartners en de stuurgroep").click()
    expect(page.locator("#partners")).to_contain_text("GGZ Partistad")
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar de monitor").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download het evaluatierapport (PDF)").click()
    pdf = open(download_info.value.path(), "rb").read()
    assert pdf.startswith(b"%PDF")
