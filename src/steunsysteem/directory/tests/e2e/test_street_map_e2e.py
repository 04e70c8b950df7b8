"""In the browser: the sociale kaart's map shows the places over street tiles (Leaflet), from
the configured tile service (here one local test tile: tests run offline); without
JavaScript the drawn map and the list stay. axe at 1280 and 375 pixels."""

import re

import pytest
from playwright.sync_api import expect

from . import test_public_e2e
from .test_public_e2e import shoot


@pytest.fixture
def partistad():
    """The three activities of the public site's browser tests."""
    return test_public_e2e.partistad.__wrapped__()


MAP = "/sociale-kaart/kaart/"
MARKERS = ".steunsysteem-street-map .steunsysteem-street-map__marker"


def tile_requests(page):
    seen = []
    page.on("requestfinished", lambda request: seen.append(request.url))
    return seen


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_the_map_shows_street_tiles_from_the_configured_service_and_every_place(
    page,
    assert_accessible,
    partistad,
    width,
):
    page.set_viewport_size({"width": width, "height": 900})
    seen = tile_requests(page)
    page.goto(MAP)

    expect(page.locator(".steunsysteem-street-map")).to_be_visible()
    expect(page.locator(MARKERS)).to_have_count(3)
    tiles = page.locator(".steunsysteem-street-map img.leaflet-tile-loaded")
    expect(tiles.first).to_be_visible()
    assert any("/static/test-tiles/tile.png" in url for url in seen)
    # The drawn map gives way; the same places stay as a list.
    expect(page.locator("[data-drawn-map]")).to_be_hidden()
    expect(page.locator("#places-heading")).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Testkaart")
    assert_accessible(page)
    shoot(page, f"street_map_{width}")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_marker_is_big_enough_to_tap_and_its_popup_links_to_the_activity(
    page,
    partistad,
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(MAP)
    marker = page.locator(MARKERS + '[aria-label*="Zanggroep De Lijsters"]')
    box = marker.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44

    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Zanggroep De Lijsters")
    popup.get_by_role("link", name="Zanggroep De Lijsters").click()
    page.wait_for_url(f"**/sociale-kaart/dienst/{partistad['choir'].pk}/")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_marker_opens_with_the_keyboard(page, partistad):
    page.goto(MAP)
    marker = page.locator(MARKERS + '[aria-label*="Wandelgroep Buiten"]')
    marker.focus()
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Wandelgroep Buiten")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_filter_redraws_the_street_map_with_only_the_matching_places(
    page,
    partistad,
):
    page.goto(MAP)
    expect(page.locator(MARKERS)).to_have_count(3)

    page.check("#id_domain_sport")

    page.wait_for_url(re.compile(r"domain=sport"))
    expect(page.locator(MARKERS)).to_have_count(1)
    expect(page.locator(MARKERS).first).to_have_attribute(
        "aria-label", re.compile("Wandelgroep Buiten")
    )


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_drawn_map_and_the_list_show(
    browser,
    live_server,
    assert_accessible,
    partistad,
):
    context = browser.new_context(
        java_script_enabled=False,
        base_url=live_server.url,
        viewport={"width": 375, "height": 800},
    )
    page = context.new_page()
    page.goto(MAP)

    expect(page.locator(".steunsysteem-street-map")).to_be_hidden()
    expect(page.locator("svg a.steunsysteem-map__point")).to_have_count(3)
    expect(page.locator("#places-heading")).to_be_visible()
    shoot(page, "map_no_js_375")
    context.close()
