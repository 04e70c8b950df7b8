"""In the browser: the policy officer opens "Steunpunten" from the menu and sees Partistad's
white spots on the map and in the table. Accessible."""

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import sign_in_in_browser
from steunsysteem.core.tests.menu import click_menu_link
from steunsysteem.directory import demo
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.directory.vocabularies import install_vocabularies

SCREENSHOTS = "/tmp"


def load_partistad_steunpunten():
    """Partistad's districts (with the shipped boundary file) and its herstel organisations,
    without the rest of the sociale kaart (quicker than the whole demo)."""
    install_vocabularies(Taxonomy, TaxonomyTerm)  # a transactional test starts empty
    geography = demo._read(demo.DATA_DIR / "districts.json")
    districts = demo.load_districts(geography)
    demo.load_district_boundaries()
    context = {
        "municipality": geography["municipality"],
        "province": geography["province"],
        "postcodes": demo.load_postcode_areas(geography, districts),
    }
    for spec in demo._read(demo.DATA_DIR / "organizations" / "05_herstel.json"):
        organization = demo.load_organization(spec)
        for item in spec["locations"]:
            demo.load_location(organization, item, context)
    demo.load_support_points(demo._read(demo.DATA_DIR / "steunpunten.json"))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_policy_officer_sees_partistads_white_spots(page, assert_accessible):
    load_partistad_steunpunten()
    UserFactory(username="gemeente", policy_officer=True)

    page.goto("/accounts/login/")
    sign_in_in_browser(page, "gemeente")
    page.goto("/")
    click_menu_link(page, "Steunpunten")

    expect(page.locator("h1")).to_have_text("Steunpunten en witte vlekken")
    expect(page.locator("#white-spot-summary")).to_contain_text("Hoogveld")
    expect(page.locator("#coverage tbody tr")).to_have_count(7)
    expect(page.locator(".steunsysteem-coverage__district--white-spot").first).to_be_visible()
    expect(page.locator("#support-points tbody tr")).to_have_count(4)
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/coverage.png", full_page=True)
