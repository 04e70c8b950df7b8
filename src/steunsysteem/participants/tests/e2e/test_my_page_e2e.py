"""In the browser at 1280 and 375 pixels: Janny opens "Mijn pagina" from the menu and sees
her question, what happens next and her network. axe on the page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import sign_in_in_browser
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.questions.tests.loop import ACTION, make_loop
from steunsysteem.worktables import services as worktable_services

SHOTS = Path("/tmp/shots")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_janny_opens_her_overview_from_the_menu(page, assert_accessible, width):
    loop = make_loop()
    item = loop.discuss(loop.question())
    loop.give_fatima_an_action(item)
    meeting = loop.meeting(days_from_now=10)
    loop.question(text="Ik zoek vrijwilligerswerk in de buurt.")
    worktable_services.agenda_build(meeting=meeting, by=loop.ruud)
    NetworkMemberFactory(participant=loop.janny, name="Kees")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/accounts/login/")
    sign_in_in_browser(page, "janny")

    if width < 600:
        page.click(".steunsysteem-menu__button")
    page.click(".steunsysteem-nav__link >> text=Mijn pagina")

    expect(page.locator("h1")).to_have_text("Mijn pagina")
    expect(page.locator("#next")).to_contain_text(ACTION)
    expect(page.locator("#next")).to_contain_text("vóór")
    expect(page.locator("#next-meeting")).to_contain_text("Werktafel Oosterhof")
    expect(page.locator("#my-questions li")).to_have_count(2)
    expect(page.locator("#my-network")).to_contain_text("1 persoon")
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"my_page_{width}.png"), full_page=True)
