"""In the browser, at 1280 and 375 pixels: the region's name and colours in the header, a
coordinator's header on one row, the menu folding into a "Menu" button on a phone (with the
keyboard, and without JavaScript), the log-in page naming the region. axe on every page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.questions.tests.loop import make_loop

SHOTS = Path("/tmp/shots")
WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"look_{name}.png"), full_page=True)


def header_rows(page):
    """How many rows the header's items take (by their vertical middles); the links folded
    under "More" are not in the row."""
    return page.evaluate(
        """() => {
          const items = [...document.querySelectorAll(
            '.steunsysteem-header__site-name, .steunsysteem-nav__list > .steunsysteem-nav__item,'
            + ' .steunsysteem-language')];
          return new Set(items.map(e => {
            const box = e.getBoundingClientRect();
            return Math.round((box.top + box.bottom) / 2 / 20);
          })).size;
        }"""
    )


@pytest.fixture
def coordinator(page):
    loop = make_loop()
    give_totp_device(loop.ruud)
    page.goto("/accounts/login/")
    sign_in_in_browser(page, "ruud")
    return loop


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_log_in_page_names_the_region_never_the_host(page, assert_accessible, settings):
    settings.SITE_NAME = "Steunsysteem Regio Vallei"
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")

    expect(page).to_have_title("Inloggen | Steunsysteem Regio Vallei")
    expect(page.locator(".steunsysteem-header__site-name")).to_have_text(
        "Steunsysteem Regio Vallei"
    )
    expect(page.locator("#login-region")).to_contain_text("Steunsysteem Regio Vallei")
    expect(page.locator("body")).not_to_contain_text("localhost")
    assert_accessible(page)
    shoot(page, "login_375")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_regions_colours_and_logo_come_from_the_settings(page, assert_accessible, settings):
    settings.SITE_COLOUR_PRIMARY = "#5a1d6e"
    settings.SITE_COLOUR_ACCENT = "#f0c000"
    settings.SITE_LOGO_URL = "/static/test-tiles/tile.png"
    page.set_viewport_size(WIDE)
    page.goto("/sociale-kaart/")

    header = page.locator(".steunsysteem-header")
    expect(header).to_have_css("background-color", "rgb(90, 29, 110)")
    expect(header).to_have_css("border-bottom-color", "rgb(240, 192, 0)")
    # Buttons follow the same scheme: one brand colour, not a second one from the theme.
    expect(page.locator("form[role=search] button[type=submit]").first).to_have_css(
        "background-color", "rgb(90, 29, 110)"
    )
    logo = page.locator(".steunsysteem-header__logo")
    expect(logo).to_be_visible()
    expect(logo).to_have_attribute("alt", "")
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinators_header_fits_one_row_at_1280_pixels(page, assert_accessible, coordinator):
    page.set_viewport_size(WIDE)
    page.goto("/werktafels/")

    expect(page.locator(".steunsysteem-menu__button")).to_be_hidden()
    expect(page.locator(".steunsysteem-nav__link", has_text="Werktafels")).to_be_visible()
    shoot(page, "coordinator_1280")
    assert header_rows(page) == 1
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_menu_folds_into_a_button_that_opens_with_the_keyboard(
    page, assert_accessible, coordinator
):
    page.set_viewport_size(PHONE)
    page.goto("/werktafels/")
    link = page.locator(".steunsysteem-nav__link", has_text="Werktafels")
    expect(link).to_be_hidden()
    button = page.locator(".steunsysteem-menu__button")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["height"] >= 44
    assert_accessible(page)
    shoot(page, "menu_closed_375")

    button.focus()
    page.keyboard.press("Enter")

    expect(link).to_be_visible()
    assert_accessible(page)
    shoot(page, "menu_open_375")
    page.keyboard.press("Enter")
    expect(link).to_be_hidden()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_menu_button_works_without_javascript(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport=PHONE, locale="nl-NL"
    )
    page = context.new_page()
    page.goto("/sociale-kaart/")
    link = page.locator(".steunsysteem-nav__link", has_text="Inloggen")
    expect(link).to_be_hidden()

    page.click(".steunsysteem-menu__button")

    expect(link).to_be_visible()
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_more_opens_with_the_keyboard_and_shows_the_folded_links(
    page, assert_accessible, coordinator
):
    page.set_viewport_size(WIDE)
    page.goto("/werktafels/")
    signals = page.locator(
        ".steunsysteem-nav__more-list .steunsysteem-nav__link", has_text="Signalen"
    )
    expect(signals).to_be_hidden()

    page.locator(".steunsysteem-nav__more-button").focus()
    page.keyboard.press("Enter")

    expect(signals).to_be_visible()
    shoot(page, "more_open_1280")
    assert_accessible(page)
    signals.click()
    expect(page.locator(".steunsysteem-nav__more-button--current")).to_be_visible()
