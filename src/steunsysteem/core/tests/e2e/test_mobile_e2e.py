"""In the browser at 375 pixels (a phone): the search filters fold away above the results,
Enter in the search box visibly brings the results into view, and the tables of consent,
network and "who looked" become cards whose buttons stay in view. axe on every page."""

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.tests.e2e import test_public_e2e
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.questions.tests.loop import make_loop

from .test_look_e2e import PHONE, WIDE, shoot


@pytest.fixture
def partistad():
    return test_public_e2e.partistad.__wrapped__()


@pytest.fixture
def janny(page):
    """Janny on her phone, signed in, with consent given and one person in her network."""
    loop = make_loop()
    NetworkMemberFactory(participant=loop.janny, name="Kees")
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    from steunsysteem.accounts.tests.two_factor import sign_in_in_browser

    sign_in_in_browser(page, "janny")
    return loop.janny


def assert_no_sideways_scrolling(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def assert_in_view(page, locator):
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_filters_fold_away_above_the_results(page, assert_accessible, partistad):
    page.set_viewport_size(PHONE)
    page.goto("/sociale-kaart/")

    expect(page.locator("#id_q")).to_be_visible()
    expect(page.locator("#id_domain_sport")).to_be_hidden()
    assert_accessible(page)
    shoot(page, "search_375")

    page.click(".steunsysteem-filters__summary")
    page.check("#id_domain_sport")

    expect(test_public_e2e.cards(page)).to_have_text(["Wandelgroep Buiten"])
    assert_accessible(page)

    # Opened again with a filter on, the filters show, with how many are on.
    page.goto("/sociale-kaart/?domain=sport")
    expect(page.locator("#id_domain_sport")).to_be_visible()
    expect(page.locator(".steunsysteem-filters__summary")).to_contain_text("1 aan")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_wide_screen_the_filters_are_always_open(page, partistad):
    page.set_viewport_size(WIDE)
    page.goto("/sociale-kaart/")

    expect(page.locator(".steunsysteem-filters__summary")).to_be_hidden()
    expect(page.locator("#id_domain_sport")).to_be_visible()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_enter_in_the_search_box_brings_the_new_results_into_view(page, partistad):
    page.set_viewport_size(PHONE)
    page.goto("/sociale-kaart/")

    page.fill("#id_q", "koor")
    page.press("#id_q", "Enter")

    expect(test_public_e2e.cards(page)).to_have_text(["Zanggroep De Lijsters"])
    heading = page.locator("#results-heading")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_consent_is_a_card_with_the_withdraw_button_in_view(
    page, assert_accessible, janny
):
    page.goto(f"/deelnemers/{janny.pk}/toestemming/")

    withdraw = page.locator("#current-consent button", has_text="Intrekken").first
    expect(withdraw).to_be_visible()
    assert_in_view(page, withdraw)
    assert_no_sideways_scrolling(page)
    expect(page.locator("#current-consent thead")).not_to_be_in_viewport()
    assert_accessible(page)
    shoot(page, "consent_375")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_network_is_cards_with_the_edit_link_in_view(page, assert_accessible, janny):
    page.goto(f"/deelnemers/{janny.pk}/netwerk/")

    edit = page.locator("#members a", has_text="Aanpassen").first
    expect(edit).to_be_visible()
    assert_in_view(page, edit)
    assert_no_sideways_scrolling(page)
    assert_accessible(page)
    shoot(page, "network_375")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_who_looked_is_a_list_of_cards(page, assert_accessible, janny):
    page.goto(f"/deelnemers/{janny.pk}/wie-keek/")

    expect(page.locator("#access-log")).to_be_visible()
    assert_no_sideways_scrolling(page)
    assert_accessible(page)
    shoot(page, "access_log_375")
