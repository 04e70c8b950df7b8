"""In the browser: a visitor without an account searches the sociale kaart, reads an activity,
looks at the map and switches language; every page passes axe (WCAG 2.1 AA)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.models import Contact, CostOption, Phone, Taxonomy, TaxonomyTerm
from steunsysteem.directory.search import index_service
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    PostcodeAreaFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import install_vocabularies

SHOTS = Path("/tmp/shots")


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"e2e_{name}.png"), full_page=True)


@pytest.fixture
def partistad():
    # Transactional tests empty every table afterwards, the vocabularies of migration 0002 too.
    install_vocabularies(Taxonomy, TaxonomyTerm)
    centre = DistrictFactory(name="Binnenstad", slug="binnenstad")
    east = DistrictFactory(name="Oosterhof", slug="oosterhof")
    PostcodeAreaFactory(code="3901", latitude=52.081, longitude=5.448, district=centre)
    PostcodeAreaFactory(code="3903", latitude=52.084, longitude=5.473, district=east)
    organization = OrganizationFactory(name="Stichting De Lijsters", email="info@lijsters.nl")

    def offer(name, description, district, lat, lon, domains, **kwargs):
        service = ServiceFactory(
            organization=organization,
            name=name,
            description=description,
            life_domains=domains,
            **kwargs,
        )
        location = LocationFactory(
            organization=organization,
            name=f"Buurthuis {name.split()[-1]}",
            district=district,
            latitude=lat,
            longitude=lon,
        )
        AddressFactory(location=location, address_1="Marktplein 1", city="Partistad")
        ServiceAtLocationFactory(service=service, location=location)
        return service

    choir = offer(
        "Zanggroep De Lijsters",
        "Elke week samen zingen in het koor.",
        centre,
        52.080,
        5.447,
        ["culture", "meeting"],
        application_process="Kom een keer langs.",
    )
    ScheduleFactory(service=choir, byday="TH", opens_at="19:30", closes_at="21:30")
    CostOption.objects.create(service=choir, amount=Decimal("5"), amount_description="per maand")
    contact = Contact.objects.create(service=choir, name="Els de Vries", title="Dirigent")
    Phone.objects.create(contact=contact, number="030 123 45 67")
    walk = offer(
        "Wandelgroep Buiten",
        "Elke dinsdag een rondje door het park.",
        east,
        52.085,
        5.475,
        ["sport"],
    )
    ScheduleFactory(service=walk, byday="TU", opens_at="10:00", closes_at="11:00")
    closed = offer(
        "Inloop Het Anker",
        "Koffie en een praatje.",
        centre,
        52.079,
        5.452,
        ["meeting"],
        closed=True,
    )
    for service in (choir, walk, closed):
        index_service(service)
    return {"choir": choir, "walk": walk, "closed": closed, "organization": organization}


def cards(page):
    return page.locator("#search-results article h3")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_the_choir_despite_a_typo(page, assert_accessible, partistad):
    page.goto("/sociale-kaart/")
    assert_accessible(page)
    shoot(page, "search")

    page.fill("#id_q", "zanggroup")
    page.press("#id_q", "Enter")

    expect(cards(page)).to_have_text(["Zanggroep De Lijsters"])
    expect(page.locator("#did-you-mean")).to_contain_text("zanggroep")
    assert "q=zanggroup" in page.url
    assert_accessible(page)
    shoot(page, "search_typo")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_ticking_a_life_domain_updates_the_results_and_the_address(
    page, assert_accessible, partistad
):
    page.goto("/sociale-kaart/")
    expect(cards(page)).to_have_count(3)

    page.check("#id_domain_sport")

    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    expect(page.locator("#result-count")).to_have_text(re.compile("1"))
    page.wait_for_url(re.compile(r"domain=sport"))
    # HTMX replaced the results in place: the checkbox still has focus, the form is intact.
    expect(page.locator("#id_domain_sport")).to_be_focused()
    assert_accessible(page)

    # The address can be bookmarked: opening it again gives the same results.
    page.goto(page.url)
    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    expect(page.locator("#id_domain_sport")).to_be_checked()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_search_works_without_javascript(browser, live_server, partistad):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/sociale-kaart/")
    page.check("#id_domain_sport")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url(re.compile(r"domain=sport"))
    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_nothing_found_is_explained_and_accessible(page, assert_accessible, partistad):
    page.goto("/sociale-kaart/?q=xylofoonbouwers")

    expect(page.locator("#no-results")).to_be_visible()
    assert_accessible(page)
    shoot(page, "empty")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_service_page_tells_when_what_it_costs_and_who_to_ask(
    page, assert_accessible, partistad
):
    page.goto("/sociale-kaart/")
    page.click("text=Zanggroep De Lijsters")
    page.wait_for_url(f"**/sociale-kaart/dienst/{partistad['choir'].pk}/")

    expect(page.locator("h1")).to_have_text("Zanggroep De Lijsters")
    expect(page.locator("#schedules")).to_contain_text("19:30–21:30")
    expect(page.locator("#costs")).to_contain_text("5,00")
    expect(page.locator("#contact")).to_contain_text("Els de Vries")
    expect(page.locator("#contact")).to_contain_text("030 123 45 67")
    assert_accessible(page)
    shoot(page, "service")

    page.goto(f"/sociale-kaart/dienst/{partistad['closed'].pk}/")
    expect(page.locator("#service-status")).to_contain_text("Tijdelijk dicht.")
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_organisation_page_lists_its_activities(page, assert_accessible, partistad):
    page.goto(f"/sociale-kaart/dienst/{partistad['choir'].pk}/")
    page.click("#contact >> text=Stichting De Lijsters")
    page.wait_for_url(f"**/sociale-kaart/organisatie/{partistad['organization'].pk}/")

    expect(page.locator("main article h3")).to_have_count(3)
    expect(page.locator("main")).to_contain_text("info@lijsters.nl")
    assert_accessible(page)
    shoot(page, "organization")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_map_shows_the_places_that_can_be_reached_by_keyboard(
    page, assert_accessible, partistad, settings
):
    # The drawn map: without a tile service (or without JavaScript, test_street_map_e2e).
    settings.MAP_TILE_URL = ""
    page.goto("/sociale-kaart/kaart/")

    points = page.locator("svg a.steunsysteem-map__point")
    expect(points).to_have_count(3)
    expect(page.locator("svg text", has_text="Binnenstad")).to_have_count(1)
    expect(page.locator("#places-heading")).to_be_visible()
    assert_accessible(page)
    shoot(page, "map")

    points.first.focus()
    expect(points.first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sociale-kaart/dienst/**")

    page.goto("/sociale-kaart/kaart/?domain=sport")
    expect(points).to_have_count(1)
    expect(points.first).to_have_attribute("aria-label", re.compile("Wandelgroep Buiten"))


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_language_switch_changes_the_interface_and_is_remembered(page, partistad):
    page.goto("/sociale-kaart/?domain=sport")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.click("button[name=language][value=en]")

    page.wait_for_url(re.compile(r"/sociale-kaart/\?domain=sport$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#search-form-heading")).to_have_text("Search and filter")
    expect(page.locator("#result-count")).to_have_text("1 activity found")

    page.goto("/sociale-kaart/kaart/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Map of the sociale kaart")

    page.click("button[name=language][value=nl]")
    page.wait_for_url("**/sociale-kaart/kaart/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page, partistad):
    page.goto("/sociale-kaart/")

    page.keyboard.press("Tab")
    skip = page.locator(".utrecht-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_pages_work_on_a_small_screen(browser, live_server, assert_accessible, partistad):
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    page = context.new_page()
    for url in ["/sociale-kaart/", f"/sociale-kaart/dienst/{partistad['choir'].pk}/"]:
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{url} scrolls sideways ({scroll_width}px)"
        assert_accessible(page)
    shoot(page, "service_320")
    context.close()
