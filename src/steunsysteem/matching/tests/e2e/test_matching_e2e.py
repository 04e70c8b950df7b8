"""In the browser: Janny sees offers that may suit her question, with why; a visitor's
sentence on the sociale kaart also finds offers by meaning. Every page passes axe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.tests.factories import PostcodeAreaFactory
from steunsysteem.matching.tests.helpers import indexed, offer
from steunsysteem.questions.tests.loop import make_loop

PASSWORD = "een-lang-wachtwoord"  # the factory's password
SHOTS = Path("/tmp/shots")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_sees_offers_for_her_question_with_the_reasons(page, assert_accessible):
    loop = make_loop()
    loop.janny.home_postcode = "3901"
    loop.janny.save()
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)
    offer("Koor De Lindeboom", "Samen zingen in een koor.", cost="0", at=(52.0108, 5.0))
    indexed()
    question = loop.question()

    page.goto(f"/deelnemers/{loop.janny.pk}/vragen/{question.pk}/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{loop.janny.pk}/vragen/{question.pk}/")

    expect(page.locator("#matches-heading")).to_have_text("Aanbod dat bij je kan passen")
    expect(page.locator("#question-matches")).to_contain_text("Koor De Lindeboom")
    expect(page.locator("#question-matches")).to_contain_text("dichtbij (1,2 km), gratis")
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "matching_question_page.png"), full_page=True)

    page.get_by_role("link", name="Koor De Lindeboom").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koor De Lindeboom")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_visitor_s_sentence_also_finds_offers_by_meaning(page, assert_accessible):
    offer("Houtwerkplaats De Krul", "Houtbewerking voor beginners.")
    indexed()

    page.goto("/sociale-kaart/?q=ik+wil+weer+iets+met+mijn+handen+doen")

    expect(page.locator("#also-fitting-heading")).to_have_text(
        "Deze passen misschien ook bij wat je schreef"
    )
    expect(page.locator("#also-fitting")).to_contain_text("Houtwerkplaats De Krul")
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "matching_public_search.png"), full_page=True)
