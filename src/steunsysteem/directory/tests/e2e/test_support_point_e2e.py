"""In the browser: a coordinator opens "Steunpunten", marks a location as a steunpunt and
sees it in the list. Accessible."""

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import SupportPoint
from steunsysteem.directory.tests.e2e.test_coverage_e2e import (
    SCREENSHOTS,
    load_partistad_steunpunten,
)
from steunsysteem.directory.tests.factories import LocationFactory, UserFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_marks_a_location_as_a_steunpunt(page, assert_accessible):
    load_partistad_steunpunten()
    location = LocationFactory(name="Buurthuis De Brug", latitude=52.08, longitude=5.45)
    give_totp_device(UserFactory(username="coordinator", coordinator=True))

    page.goto("/accounts/login/")
    sign_in_in_browser(page, "coordinator")
    page.goto("/steunpunten/dekking/")
    assert_accessible(page)
    page.get_by_label("Locatie op de sociale kaart").select_option(str(location.pk))
    page.locator("#support-point-choose button").click()

    expect(page.locator("h1")).to_contain_text("Buurthuis De Brug")
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/support-point.png", full_page=True)
    page.locator("#id_days_open_per_week").fill("4")
    page.locator("#support-point-save").click()

    expect(page.locator("h1")).to_have_text("Steunpunten en witte vlekken")
    expect(page.locator("#support-points")).to_contain_text("Buurthuis De Brug")
    assert SupportPoint.objects.get(location=location).days_open_per_week == 4
