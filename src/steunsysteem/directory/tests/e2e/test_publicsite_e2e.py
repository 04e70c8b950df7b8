"""In the browser, at 1280 px and 375 px: help right now on every page and above the results
for words of crisis; a filtered search for "koor" shows the choir first and nothing unrelated;
Enter in the search box visibly updates the results; the activity page lets a visitor call,
add a date to their calendar, share and print (issue 12, points 1, 3, 4 and 6)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.models import Contact, CostOption, Phone, Taxonomy, TaxonomyTerm
from steunsysteem.directory.search import index_service
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import install_vocabularies

SHOTS = Path("/tmp/shots")
WIDTHS = [1280, 375]


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"publicsite_{name}.png"), full_page=True)


@pytest.fixture
def weekday_offers():
    """Free weekday activities; one is a choir, the others only share letters with its words."""
    install_vocabularies(Taxonomy, TaxonomyTerm)
    organization = OrganizationFactory(name="Stichting Samen", email="info@samen.example")
    Phone.objects.create(organization=organization, number="030 123 45 67")
    Contact.objects.create(organization=organization, name="Els de Vries", title="coördinator")

    def offer(name, description, day):
        service = ServiceFactory(organization=organization, name=name, description=description)
        location = LocationFactory(organization=organization, name=f"Buurthuis {name}")
        AddressFactory(location=location, address_1="Marktplein 1", city="Partistad")
        ServiceAtLocationFactory(service=service, location=location)
        ScheduleFactory(service=service, byday=day, opens_at="19:30", closes_at="21:00")
        CostOption.objects.create(service=service, amount=0)
        index_service(service)
        return service

    choir = offer("Cantorij De Lofzang", "Het koor van de kerk zingt. Zangers welkom.", "TH")
    offer("Gesprekskring", "Praten over zingeving en geloof.", "TU")
    offer("Huurdersoverleg", "Samen tot een akkoord komen.", "WE")
    offer("Wandelgroep Buiten", "Elke week een rondje park.", "MO")
    return {"choir": choir}


def cards(page):
    return page.locator("#search-results article h3")


def new_page(browser, live_server, width, **options):
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        locale="nl-NL",
        base_url=live_server.url,
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_help_right_now_is_on_every_page_and_above_results_for_words_of_crisis(
    browser, live_server, assert_accessible, weekday_offers, width
):
    context, page = new_page(browser, live_server, width)
    page.goto(f"/sociale-kaart/dienst/{weekday_offers['choir'].pk}/")
    pointer = page.locator("#crisis-pointer")
    expect(pointer).to_be_visible()
    expect(pointer.locator('a[href="tel:113"]').first).to_be_visible()
    expect(pointer.locator('a[href="tel:112"]').first).to_be_visible()
    pointer.locator("summary").click()
    expect(pointer.locator('a[href="tel:0880767000"]')).to_be_visible()
    assert_accessible(page)
    shoot(page, f"pointer_{width}")

    page.goto("/sociale-kaart/")
    expect(page.locator("#crisis-help")).to_have_count(0)
    page.fill("#id_q", "ik wil dood")
    page.press("#id_q", "Enter")
    help_box = page.locator("#crisis-help")
    expect(help_box).to_be_visible()
    expect(help_box.locator('a[href="tel:113"]')).to_be_visible()
    expect(help_box.locator('a[href="tel:08000113"]')).to_be_visible()
    expect(help_box.locator('a[href="tel:112"]')).to_be_visible()
    assert_accessible(page)
    shoot(page, f"crisis_{width}")
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_filtered_search_for_koor_shows_the_choir_and_nothing_unrelated(
    browser, live_server, assert_accessible, weekday_offers, width
):
    context, page = new_page(browser, live_server, width)
    page.goto("/sociale-kaart/")
    expect(cards(page)).to_have_count(4)
    if not page.locator("#id_free").is_visible():  # on a phone the filters fold away
        page.click(".steunsysteem-filters__summary")
    page.check("#id_free")
    for day in ("MO", "TU", "WE", "TH", "FR"):
        page.check(f"#id_day_{day}")
    page.fill("#id_q", "koor")
    page.press("#id_q", "Enter")
    expect(cards(page)).to_have_text(["Cantorij De Lofzang"])
    expect(page.locator("#result-count")).to_have_text("1 activiteit gevonden")
    assert_accessible(page)
    shoot(page, f"koor_filtered_{width}")

    # The typo inside a compound still gets a suggestion.
    page.fill("#id_q", "zangkor")
    page.press("#id_q", "Enter")
    expect(page.locator("#did-you-mean")).to_contain_text("zangkoor")
    expect(cards(page)).to_have_text(["Cantorij De Lofzang"])

    # Going to the activity and back keeps the words and the filters.
    cards(page).first.locator("a").click()
    page.wait_for_url(re.compile(r"/dienst/.*q=zangkor"))
    page.click("#back-to-search")
    page.wait_for_url(re.compile(r"/sociale-kaart/\?"))
    expect(page.locator("#id_q")).to_have_value("zangkor")
    expect(page.locator("#id_free")).to_be_checked()
    expect(page.locator("#id_day_TH")).to_be_checked()
    expect(cards(page)).to_have_text(["Cantorij De Lofzang"])
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_enter_in_the_search_box_visibly_updates_the_results(
    browser, live_server, assert_accessible, weekday_offers, width
):
    context, page = new_page(browser, live_server, width)
    page.goto("/sociale-kaart/")
    page.fill("#id_q", "wandelen")
    page.press("#id_q", "Enter")
    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    # The status is read out; focus and the view move to the results.
    expect(page.locator("#search-status")).to_have_attribute("aria-live", "polite")
    expect(page.locator("#result-count")).to_have_text("1 activiteit gevonden")
    expect(page.locator("#results-heading")).to_be_focused()
    expect(page.locator("#results-heading")).to_be_in_viewport()
    assert_accessible(page)
    shoot(page, f"enter_{width}")
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_enter_updates_the_results_without_javascript_too(
    browser, live_server, weekday_offers, width
):
    context, page = new_page(browser, live_server, width, java_script_enabled=False)
    page.goto("/sociale-kaart/")
    page.fill("#id_q", "wandelen")
    page.press("#id_q", "Enter")
    page.wait_for_url(re.compile(r"q=wandelen.*#results-heading"))
    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    expect(page.locator("#results-heading")).to_be_in_viewport()
    context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_activity_page_lets_a_visitor_call_add_to_calendar_share_and_print(
    browser, live_server, assert_accessible, weekday_offers, width
):
    context, page = new_page(browser, live_server, width)
    choir = weekday_offers["choir"]
    page.goto(f"/sociale-kaart/dienst/{choir.pk}/")
    contact = page.locator("#contact-details")
    expect(contact.locator('a[href="tel:0301234567"]')).to_be_visible()
    expect(contact.locator('a[href="mailto:info@samen.example"]')).to_be_visible()
    expect(contact).to_contain_text("Els de Vries")
    expect(page.locator("#share-link")).to_have_value(
        f"{live_server.url}/sociale-kaart/dienst/{choir.pk}/"
    )
    expect(page.locator("#copy-link")).to_be_visible()  # JavaScript shows the button
    with page.expect_download() as download:
        page.click("#add-to-calendar")
    assert download.value.suggested_filename == "cantorij-de-lofzang.ics"
    assert_accessible(page)
    shoot(page, f"service_{width}")

    page.click("#handout-link")
    expect(page.locator("h1")).to_have_text("Cantorij De Lofzang")
    expect(page.locator("#handout-contact")).to_contain_text("030 123 45 67")
    expect(page.locator("#print-handout")).to_be_visible()
    assert_accessible(page)
    shoot(page, f"handout_{width}")
    page.emulate_media(media="print")
    expect(page.locator("#crisis-pointer")).to_be_hidden()
    expect(page.locator(".steunsysteem-header")).to_be_hidden()
    shoot(page, f"handout_print_{width}")
    context.close()
