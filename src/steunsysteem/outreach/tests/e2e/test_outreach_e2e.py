"""In the browser: Mirjam, kwartiermaker, records a conversation with a sports club; they
agree to be ggz-vriendelijk; she proposes it for the club's entry; Ruud, coordinator,
approves it in the review; the public entry shows "Ggz-vriendelijk". And Daan,
ervaringsdeskundige, writes a visit on Mark's route. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import OrganizationFactory, ServiceFactory, UserFactory
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

SHOTS = "/tmp/shots"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_sports_club_becomes_ggz_friendly_after_review(page, assert_accessible):
    install_vocabularies(Taxonomy, TaxonomyTerm)  # a transactional test starts empty
    mirjam = UserFactory(
        username="mirjam", first_name="Mirjam", last_name="Bos", kwartiermaker=True
    )
    ruud = UserFactory(username="ruud", first_name="Ruud", coordinator=True)
    for user in (mirjam, ruud):
        give_totp_device(user)
    club = OrganizationFactory(name="Voetbalvereniging Partistad")
    walking = ServiceFactory(organization=club, name="Walking football")

    page.goto("/accounts/login/")
    sign_in_in_browser(page, "mirjam")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Kwartiermaken"
    ).click()
    expect(page.locator("#no-approaches")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Een organisatie toevoegen die je benadert").click()
    page.get_by_label("Organisatie").select_option(label="Voetbalvereniging Partistad")
    assert_accessible(page)
    page.get_by_role("button", name="Toevoegen aan de lijst").click()
    expect(page.locator("h1")).to_have_text("Voetbalvereniging Partistad")
    expect(page.locator("#ggz-friendly")).to_have_text("Nog niet")
    assert_accessible(page)

    page.get_by_role("link", name="Een gesprek opschrijven").click()
    page.get_by_label("Gesproken met").fill("het bestuur")
    page.get_by_label("Wat is afgesproken").fill(
        "Nieuwe spelers zijn welkom. De eerste keer gaat de kwartiermaker mee."
    )
    page.get_by_label("Ze spraken af ggz-vriendelijk te zijn").check()
    page.get_by_label("Contactpersoon").fill("Trainer Ans")
    assert_accessible(page)
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.locator("#ggz-friendly")).to_have_text("Ja, afgesproken")
    expect(page.locator("#conversations")).to_contain_text("met het bestuur")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/outreach-approach.png", full_page=True)

    page.get_by_role("link", name="Voorstellen voor de sociale kaart").click()
    page.get_by_label("Activiteit op de sociale kaart").select_option(label="Walking football")
    expect(
        page.get_by_label("Ggz-vriendelijk: welkom met een psychische kwetsbaarheid")
    ).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Voorstel versturen ter controle").click()
    expect(page.locator("#proposals")).to_contain_text("Walking football")

    # The public entry does not show it before the review.
    page.goto(f"/sociale-kaart/dienst/{walking.pk}/")
    expect(page.locator("main")).not_to_contain_text("Ggz-vriendelijk")

    page.context.clear_cookies()
    page.goto("/accounts/login/")
    sign_in_in_browser(page, "ruud")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Te controleren"
    ).click()
    page.get_by_role("link", name="Walking football").click()
    assert_accessible(page)
    with page.expect_navigation():  # the approval is stored before we look at the entry
        page.get_by_role("button", name="Goedkeuren").click()

    page.goto(f"/sociale-kaart/dienst/{walking.pk}/")
    expect(page.locator("#access-features")).to_contain_text("Ggz-vriendelijk")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/outreach-entry.png", full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_ervaringsdeskundige_writes_a_visit_on_the_route(page, assert_accessible):
    daan = UserFactory(username="daan", first_name="Daan", experience_expert=True)
    give_totp_device(daan)
    mark = ParticipantFactory(name="Mark")
    for scope in (ConsentScope.PROFILE, ConsentScope.NOTES):
        ConsentGrantFactory(participant=mark, grantee_user=daan, scope=scope)

    page.goto("/deelnemers/")
    sign_in_in_browser(page, "daan")
    page.get_by_role("link", name="Mark").click()
    page.get_by_role("navigation", name="Over deze persoon").get_by_role(
        "link", name="Route"
    ).click()
    expect(page.locator("#no-visits")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Een bezoek opschrijven").click()
    page.get_by_label("Er zijn").check()
    page.get_by_label("Korte notitie").fill("Koffie gedronken bij Mark thuis.")
    assert_accessible(page)
    page.get_by_role("button", name="Bezoek opslaan").click()
    expect(page.locator("#visits")).to_contain_text("Koffie gedronken bij Mark thuis.")
    expect(page.locator("#phases")).to_contain_text("bezocht")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/outreach-route.png", full_page=True)
